"""What a translation must keep of its English source: one home for each rule.

The run time (`translator.py`) and the translators' check (`check.py`) both judge a
message with `message_problems()`: a message the check accepts is one the guide
shows, and a message with any problem is shown in English (marked `lang="en"`), so
a bad catalog that reached the server still cannot mislead a family or break a page.
A translation must keep, exactly:

- its placeholders, each written as in the English (`%(phone)s`, never
  `%(phone).0s` or `%(types)9999999999s`), and no `%` sign on its own in a message
  that has placeholders (write `%%`), as gettext's `msgfmt -c` says;
- its markup: the same elements, nested the same way and closed, each link pointing
  exactly where the English one points; only a few harmless tags at all;
- its numbers (`numbers.py`): a figure a family relies on cannot change.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from html.parser import HTMLParser
from urllib.parse import urlsplit

from pwa.i18n.numbers import number_problem

Tag = tuple[str, tuple[tuple[str, str], ...]]

SAFE_URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Every tag and attribute a message may carry, whatever its source says. The guide's
# own msgids use only these; anything else in a translation is refused.
ALLOWED_MARKUP: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "hreflang", "lang"}),
    "strong": frozenset(),
    "em": frozenset(),
    "cite": frozenset(),
    "abbr": frozenset({"title"}),
    "span": frozenset({"lang"}),
    "br": frozenset(),
}
URL_ATTRIBUTES = frozenset({"href"})
VOID = frozenset({"br"})

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


def markup_of(text: str) -> list[Tag]:
    """The HTML start tags of a message, with their attributes, as a browser's
    tokenizer reads them."""
    return list(_structure(text).tags)


def _specs(text: str) -> list[tuple[str, str]]:
    """Each placeholder as (name, exactly as written)."""
    return [(m.group(1), m.group(0)) for m in _PLACEHOLDER.finditer(text) if m.group(1)]


def format_problems(sources: Sequence[str], translated: str) -> list[str]:
    """Placeholders written otherwise than in the English, and lone `%` signs."""
    if not any("%" in source for source in sources):
        return []  # not a format string: a % is a percent sign
    written: dict[str, set[str]] = {}
    for source in sources:
        for name, spec in _specs(source):
            written.setdefault(name, set()).add(spec)
    problems = []
    for name, spec in _specs(translated):
        if name in written and spec not in written[name]:
            problems.append(
                f"placeholder {spec} must be written as in the English: {min(written[name])}"
            )
    if "%" in _PLACEHOLDER.sub("", translated):
        problems.append("a lone % sign: in this message write %% for a percent sign")
    return problems


def markup_problems(text: str) -> list[str]:
    """Tags, attributes or URL schemes outside the allowlist."""
    problems = []
    for tag, attrs in markup_of(text):
        if tag not in ALLOWED_MARKUP:
            problems.append(f"<{tag}> is not allowed in a translation")
            continue
        for name, value in attrs:
            if name.startswith("on") or name not in ALLOWED_MARKUP[tag]:
                problems.append(f"attribute {name!r} is not allowed on <{tag}>")
            elif name in URL_ATTRIBUTES:
                # Placeholders such as %(g)s#biopsy are filled by the guide itself.
                scheme = urlsplit(re.sub(r"%\(\w+\)s", "", value).strip()).scheme.lower()
                if scheme and scheme not in SAFE_URL_SCHEMES:
                    problems.append(f"URL scheme {scheme!r} is not allowed in {name}")
    return problems


class _Structure(HTMLParser):
    """Start tags, elements with where they sit (the tags around them), link targets
    and nesting mistakes: everything the rules read of a message's markup."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.tags: list[Tag] = []
        self.elements: Counter[tuple[tuple[str, ...], frozenset[str]]] = Counter()
        self.hrefs: list[str] = []
        self.mistakes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._element(tag, attrs)
        self.hrefs += [value or "" for name, value in attrs if name in URL_ATTRIBUTES]
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._element(tag, attrs)

    def _element(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, tuple((name, value or "") for name, value in attrs)))
        self.elements[((*self.open, tag), frozenset(name for name, _ in attrs))] += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.open or tag not in self.open:
            self.mistakes.append(f"</{tag}> closes no open <{tag}>")
            return
        while self.open[-1] != tag:
            self.mistakes.append(f"<{self.open.pop()}> is not closed before </{tag}>")
        self.open.pop()

    def finish(self) -> _Structure:
        self.close()
        self.mistakes += [f"<{tag}> is opened but never closed" for tag in reversed(self.open)]
        return self


# Bounded: a few hundred messages in each of a few dozen languages, and their sources.
@lru_cache(maxsize=32768)
def _structure(text: str) -> _Structure:
    parser = _Structure()
    if "<" in text:
        parser.feed(text)
    return parser.finish()


def structure_problems(sources: Sequence[str], translated: str, shape_source: str) -> list[str]:
    """Markup must open, nest and close as in the English, and link where it links."""
    mine = _structure(translated)
    problems = list(mine.mistakes)
    if mine.elements != _structure(shape_source).elements:
        problems.append("HTML tags differ from the English (same tags and attributes, please)")
    targets = {href for source in sources for href in _structure(source).hrefs}
    for href in mine.hrefs:
        if href not in targets:
            problems.append(
                f"link target {href!r} differs from the English: keep each link as it is"
            )
    return problems


@lru_cache(maxsize=65536)
def message_problems(sources: tuple[str, ...], translated: str, plural: bool) -> tuple[str, ...]:
    """Everything that keeps a translation from being shown; () when it may be.

    `sources` are the English (singular and plural for a plural message); the markup
    is compared with the form a translated plural stands for, the English plural.
    """
    problems: list[str] = []
    placeholder = placeholder_problem(sources, translated, plural)
    if placeholder:
        problems.append(placeholder)
    problems += format_problems(sources, translated)
    problems += markup_problems(translated)
    shown_for = sources[-1] if plural else sources[0]
    problems += structure_problems(sources, translated, shown_for)
    number = number_problem(shown_for, translated)
    if number:
        problems.append(number)
    return tuple(dict.fromkeys(problems))
