"""What a translation must keep of its English source: one home for each rule.

The run time (`translator.py`, `markup.py`) and the translators' check (`check.py`)
both read a message through these functions, so a message the check accepts is one
the guide shows, and a message the guide would not show is one the check reports.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html.parser import HTMLParser

Tag = tuple[str, tuple[tuple[str, str], ...]]

_PLACEHOLDER = re.compile(r"%\((\w+)\)[#0\- +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]|%%")
# ngettext always passes the count as `num`: a plural form may show it or leave it
# out ("one day" for `%(num)d days`), as gettext allows.
COUNT = "num"


def placeholders(text: str) -> frozenset[str]:
    """The named python-format placeholders of a message."""
    return frozenset(m.group(1) for m in _PLACEHOLDER.finditer(text) if m.group(1))


def placeholder_problem(sources: Sequence[str], translated: str, plural: bool) -> str | None:
    """Why a translation's placeholders do not fit its English; None when they do.

    It must keep every placeholder of its source and add none: a translation that
    drops the clinic's phone number, or names a variable the page does not pass,
    would mislead or fail.
    """
    wanted = frozenset().union(*(placeholders(source) for source in sources))
    have = placeholders(translated)
    free = {COUNT} if plural else set()
    missing = wanted - have - free
    extra = have - wanted - free
    if not missing and not extra:
        return None
    return (
        f"placeholders differ from the English: missing {sorted(missing)}, unknown {sorted(extra)}"
    )


class _Tags(HTMLParser):
    """Start tags, with their attributes, in the order they appear."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[Tag] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, tuple((name, value or "") for name, value in attrs)))


def markup_of(text: str) -> list[Tag]:
    """The HTML start tags of a message, as a browser's tokenizer reads them."""
    if "<" not in text:
        return []
    parser = _Tags()
    parser.feed(text)
    parser.close()
    return parser.tags
