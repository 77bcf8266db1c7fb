"""Numbers, addresses, dates and names keep their own direction on every page.

A clinic's phone number in an Arabic sentence must not read "0199-010 (555) 1+", nor
wrap as "010-" / "0199" in Spanish. Every phone number and emergency number is the
text of a `tel:` link (isolated left to right by guide.css), a web address shown as
text is a `<bdi dir="ltr" class="address">`, a date a `<time>`, and a clinic's or
reviewer's name a `<bdi>`, in templates and translated messages alike: the catalogs
carry no markup for it. Numbers and dates are one unbroken piece of text (no space or
hyphen in them breaks a line), so that the full stop after one stays with it.
tests/browser/test_isolation.py looks at the result in a real browser.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from html.parser import HTMLParser

import pytest
from babel import Locale
from babel.dates import format_date
from starlette.testclient import TestClient

from pwa.pages import CONTENT_REVIEWED_ON, PAGES
from pwa.templating import bdi, unbroken

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
            assert CLINIC["clinic_phone"] not in text, f"breakable: {where}"
            if unbroken(CLINIC["clinic_phone"]) in text:
                assert inside(stack, is_tel), where
                seen["phone"] += 1
            if text.strip() == CLINIC["emergency_number"]:
                assert inside(stack, is_tel), where
                seen["emergency"] += 1
            if CLINIC["clinic_url"] in text:
                assert inside(stack, is_address), where
                seen["address"] += 1
            if unbroken(CLINIC["clinic_name"]) in text:
                assert inside(stack, lambda name, attrs: name == "bdi"), where
                seen["name"] += 1
            if inside(stack, lambda name, attrs: name == "time"):
                seen["date"] += 1
    # Each kind was there to be checked: in the footer, the emergency box, the About
    # and Support pages, and the About page's review date.
    assert all(seen.values()), seen
    about = clinic.get(f"/{tag}/about/").text
    reviewed = format_date(CONTENT_REVIEWED_ON, format="long", locale=Locale.parse(tag, sep="-"))
    day = CONTENT_REVIEWED_ON.isoformat()
    assert f'<time datetime="{day}">{unbroken(reviewed)}</time>' in about


def test_a_short_name_is_one_piece_and_a_long_one_breaks_only_between_words() -> None:
    """A name that fits on a line of a small phone never breaks; a longer one is not
    broken inside a word to keep it whole (guide.css wraps it only where it must)."""
    assert bdi("Clínica Sol-Luna") == "<bdi>Clínica\u00a0Sol\u2011Luna</bdi>"
    long = "Clínica Pediátrica del Sol de San Juan"
    assert bdi(long) == f"<bdi>{long}</bdi>"
