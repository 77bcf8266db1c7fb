"""Translated text is data from outside: it is never trusted as HTML.

A source string (a msgid, written by us in a template) may carry a little inline
markup, such as a link or emphasis inside a paragraph. Its translation may use
exactly those tags and attributes and nothing else: everything else is removed by
nh3 (the maintained Rust sanitizer ammonia), never by hand-written regexes.
"""

from __future__ import annotations

from functools import lru_cache

import nh3
from markupsafe import Markup, escape

from pwa.i18n.rules import markup_of

SAFE_URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})


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
