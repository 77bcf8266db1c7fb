"""Translated text is data from outside: it is never trusted as HTML.

A source string (a msgid, written by us in a template) may carry a little inline
markup, such as a link or emphasis inside a paragraph. Its translation may use
exactly those tags and attributes and nothing else: everything else is removed by
nh3 (the maintained Rust sanitizer ammonia), never by hand-written regexes.
"""

from __future__ import annotations

from functools import lru_cache
from html.parser import HTMLParser

import nh3
from markupsafe import Markup, escape

from pwa.i18n.rules import SAFE_URL_SCHEMES, markup_of


@lru_cache(maxsize=4096)
def source_markup(source: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """The tags, each with its attribute names, that a source string uses."""
    allowed: dict[str, set[str]] = {}
    for tag, attrs in markup_of(source):
        allowed.setdefault(tag, set()).update(name for name, _ in attrs)
    return tuple(sorted((tag, frozenset(names)) for tag, names in allowed.items()))


def safe_translation(source: str, translated: str) -> Markup:
    """The translated text as HTML that can carry no more markup than its source."""
    allowed = source_markup(source)
    if not allowed:
        return escape(translated)
    cleaned = nh3.clean(
        translated,
        tags={tag for tag, _ in allowed},
        attributes={tag: set(attrs) for tag, attrs in allowed},
        url_schemes=set(SAFE_URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )
    return Markup(cleaned)


class _Events(HTMLParser):
    """What a browser would build from a fragment: tags with attributes, and text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple[str, ...]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append(("<", tag, *sorted(f"{k}={v or ''}" for k, v in attrs)))

    def handle_endtag(self, tag: str) -> None:
        self.events.append(("</", tag))

    def handle_data(self, data: str) -> None:
        if self.events and self.events[-1][0] == "text":
            self.events[-1] = ("text", self.events[-1][1] + data)
        else:
            self.events.append(("text", data))


def _events(html: str) -> list[tuple[str, ...]]:
    parser = _Events()
    parser.feed(html)
    parser.close()
    return parser.events


def same_markup(cleaned: str, translated: str) -> bool:
    """True when sanitizing changed nothing a reader would see (escaping aside)."""
    if "<" not in translated or str(cleaned) == translated:
        return True  # plain text, escaped, or markup the sanitizer left as written
    return _events(str(cleaned)) == _events(translated)
