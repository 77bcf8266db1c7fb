"""Numbers, addresses, dates and names keep their own direction on every page.

A clinic's phone number in an Arabic sentence must not read "0199-010 (555) 1+", nor
wrap as "010-" / "0199" in Spanish. Every phone number and emergency number is the
text of a `tel:` link (isolated left to right, on one line, by guide.css), a web
address shown as text is a `<bdi dir="ltr" class="address">`, a date a `<time>`, and
a clinic's or reviewer's name a `<bdi>`, in templates and translated messages alike:
the catalogs carry no markup for it. tests/browser/test_isolation.py looks at the
result in a real browser.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from html.parser import HTMLParser

import pytest
from babel import Locale
from babel.dates import format_date
from starlette.testclient import TestClient

from pwa.pages import CONTENT_REVIEWED_ON, PAGES

CLINIC = {
    "clinic_name": "Clínica Sol",
    "clinic_phone": "+1 (555) 010-0199",
    "emergency_number": "112",
    "clinic_url": "https://sol.example.org/",
}


class Texts(HTMLParser):
    """Every text node of <body>, with the open elements around it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.found: list[tuple[str, list[tuple[str, dict[str, str | None]]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ("br", "img", "input", "meta", "link", "hr", "source", "wbr"):
            self.stack.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if any(name in ("script", "style", "title") for name, _ in self.stack):
            return
        self.found.append((data, list(self.stack)))


def texts(html: str) -> Iterator[tuple[str, list[tuple[str, dict[str, str | None]]]]]:
    parser = Texts()
    parser.feed(html)
    yield from parser.found


def inside(stack: list[tuple[str, dict[str, str | None]]], test: Callable[..., bool]) -> bool:
    return any(test(name, attrs) for name, attrs in stack)


def is_tel(name: str, attrs: dict[str, str | None]) -> bool:
    return name == "a" and (attrs.get("href") or "").startswith("tel:")


def is_address(name: str, attrs: dict[str, str | None]) -> bool:
    return name == "bdi" and attrs.get("dir") == "ltr" and "address" in (attrs.get("class") or "")


@pytest.fixture(scope="module")
def clinic(make_module_client: Callable[..., TestClient]) -> TestClient:
    return make_module_client(**CLINIC)


@pytest.mark.parametrize("tag", ["en", "ar", "es", "zh-Hans"])
def test_numbers_addresses_dates_and_names_are_isolated(clinic: TestClient, tag: str) -> None:
    seen = {"phone": 0, "emergency": 0, "address": 0, "name": 0, "date": 0}
    for page in PAGES:
        html = clinic.get(page.path(tag)).text
        for text, stack in texts(html):
            where = f"{page.path(tag)}: {text.strip()[:60]!r}"
            if CLINIC["clinic_phone"] in text:
                assert inside(stack, is_tel), where
                seen["phone"] += 1
            if text.strip() == CLINIC["emergency_number"]:
                assert inside(stack, is_tel), where
                seen["emergency"] += 1
            if CLINIC["clinic_url"] in text:
                assert inside(stack, is_address), where
                seen["address"] += 1
            if CLINIC["clinic_name"] in text:
                assert inside(stack, lambda name, attrs: name == "bdi"), where
                seen["name"] += 1
            if inside(stack, lambda name, attrs: name == "time"):
                seen["date"] += 1
    # Each kind was there to be checked: in the footer, the emergency box, the About
    # and Support pages, and the About page's review date.
    assert all(seen.values()), seen
    about = clinic.get(f"/{tag}/about/").text
    reviewed = format_date(CONTENT_REVIEWED_ON, format="long", locale=Locale.parse(tag, sep="-"))
    assert f'<time datetime="{CONTENT_REVIEWED_ON.isoformat()}">{reviewed}</time>' in about
