"""What axe would find in a page's HTML, on every page of every language, without a
browser: the browser runs axe on a sample (tests/browser/sample.py), and these are
the things a translation can change from one language to the next.

Translations are text, with at most links and bold (pwa/i18n/markup.py), so a page's
structure is the same in every language; what differs is the text inside it, the
`lang` and `dir` around it, and the ids a template derives from it. Each page must
have: a valid `lang` on <html> and on every element that has one (so a screen reader
speaks each part in its language); a name for every link and button; ids that are
unique, and every id an attribute points to (`for`, `aria-labelledby`,
`aria-describedby`, `aria-controls`, `href="#..."`) present on the page."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from html.parser import HTMLParser

import pytest
from babel import Locale, UnknownLocaleError
from starlette.testclient import TestClient

from tests.conftest import every_path
from tests.test_routes import TAGS

REFERENCES = ("for", "aria-labelledby", "aria-describedby", "aria-controls")
NAMED = {"a", "button", "summary"}
VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class Structure(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: Counter[str] = Counter()
        self.references: list[tuple[str, str]] = []
        self.languages: list[str] = []
        self.unnamed: list[str] = []
        self._open: list[tuple[str, list[str], bool]] = []  # (tag, text, has a label)
        self._elements: list[tuple[str, bool]] = []  # (tag, hidden from everyone)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        hidden = "hidden" in attributes or any(inside for _, inside in self._elements)
        if tag not in VOID:
            self._elements.append((tag, hidden))
        if "id" in attributes:
            self.ids[attributes["id"]] += 1
        if "lang" in attributes:
            self.languages.append(attributes["lang"])
        for name in REFERENCES:
            self.references += [(name, ref) for ref in attributes.get(name, "").split()]
        href = attributes.get("href", "")
        if tag == "a" and href.startswith("#") and len(href) > 1:
            self.references.append(("href", href[1:]))
        if tag in NAMED:
            # A control inside `hidden` is named by its script before it is shown.
            labelled = hidden or bool(
                attributes.get("aria-label") or attributes.get("aria-labelledby")
            )
            self._open.append((tag, [], labelled))

    def handle_data(self, data: str) -> None:
        for _, text, _ in self._open:
            text.append(data)

    def handle_endtag(self, tag: str) -> None:
        while self._elements and self._elements.pop()[0] != tag:
            pass
        if tag in NAMED and self._open and self._open[-1][0] == tag:
            _, text, labelled = self._open.pop()
            if not labelled and not "".join(text).strip():
                self.unnamed.append(tag)


def valid_language(tag: str) -> bool:
    try:
        Locale.parse(tag.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return False
    return True


@pytest.mark.parametrize("tag", TAGS)
def test_every_page_names_its_controls_and_keeps_its_ids_and_languages_straight(
    make_module_client: Callable[..., TestClient], tag: str
) -> None:
    client = make_module_client()
    found = {}
    for path in every_path(tag):
        page = Structure()
        page.feed(client.get(path).text)
        problems = [f"id {name!r} {count} times" for name, count in page.ids.items() if count > 1]
        problems += [f"{name}={ref!r} points nowhere" for name, ref in page.references
                     if ref not in page.ids]
        problems += [f"lang={lang!r}" for lang in page.languages if not valid_language(lang)]
        problems += [f"a <{control}> with no name" for control in page.unnamed]
        if not page.languages or page.languages[0] != tag:
            problems.append(f"<html lang> is {page.languages[:1]}, not {tag!r}")
        if problems:
            found[path] = problems
    assert found == {}


def test_the_check_would_notice_each_fault() -> None:
    page = Structure()
    page.feed(
        '<html lang="xx-!!"><a href="#gone"></a><p id="a"></p><p id="a"></p>'
        '<label for="nothing">x</label><button aria-label="Close"></button>'
        '<p hidden><a href="/filled-in-by-its-script"></a></p></html>'
    )
    assert page.ids["a"] == 2
    assert ("href", "gone") in page.references and ("for", "nothing") in page.references
    assert page.unnamed == ["a"]
    assert not valid_language(page.languages[0])
