"""Checking a translator's catalog before it reaches families.

`python -m pwa i18n check` prints one `file:line: problem` line per problem, the
format editors and CI logs link to. Each message is judged by the rule the run time
uses (`rules.message_problems`): what the check reports is exactly what the guide
would show in English instead, so the translator learns early and precisely.

Babel reads catalogs and its `Catalog.check()` covers the python-format flag and
plural counts of parsed messages; these checks go further, on what Babel forgives:
a header without `Language` or `Plural-Forms` (Babel fills in defaults), plural
forms other than the installed Babel's CLDR rule (`plural_forms.py`), a missing
`msgstr[n]` (Babel pads it with ""), fuzzy entries, and PO syntax it lets through;
and a review line that is not a review (`review.py`), which would otherwise leave the
language a draft without a word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError

from pwa.i18n.catalogs import read_catalog
from pwa.i18n.plural_forms import PluralRule, disagreement
from pwa.i18n.review import parse, review_line
from pwa.i18n.reviewed_messages import list_problems, reviewed_path
from pwa.i18n.rules import message_problems
from pwa.i18n.stats import message_forms


@dataclass(frozen=True, order=True)
class Problem:
    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def _sources(message: Message) -> list[str]:
    return [str(source) for source in message.id] if message.pluralizable else [str(message.id)]


def entry_problems(message: Message, num_plurals: int) -> Iterator[str]:
    """What is wrong with one translated message (an untranslated one is fine)."""
    forms = message_forms(message)
    if not any(forms):
        return
    if message.fuzzy:
        yield "fuzzy: check the translation and remove the fuzzy mark"
    plural = message.pluralizable
    if plural and (len(forms) != num_plurals or not all(forms)):
        filled = sum(1 for form in forms if form)
        yield f"{filled} of {num_plurals} plural forms are translated"
    sources = tuple(_sources(message))
    for form in filter(None, forms):
        yield from message_problems(sources, form, plural)


def _header_line(po_text: str, field: str = "") -> int:
    """The line of a header field (or of the header entry itself), for `file:line`."""
    head = po_text.split("\n\n", 1)[0].splitlines()
    starts = ('msgid ""',) if not field else (f'"{field}:',)
    found = (number for number, text in enumerate(head, 1) if text.startswith(starts))
    return next(found, None) or (_header_line(po_text) if field else 1)


def header_problems(po_text: str) -> Iterator[tuple[int, str]]:
    """The header entry must name the language and its plural forms; not fuzzy."""
    head = po_text.split("\n\n", 1)[0]
    line = _header_line(po_text)
    if re.search(r"^#,.*\bfuzzy\b", head, re.M):
        yield line, "the header is marked fuzzy: remove the fuzzy mark"
    for field in ("Language", "Plural-Forms"):
        if not re.search(rf'^"{field}:\s*\S', head, re.M):
            yield line, f"the header has no {field}"


_KEYWORD = re.compile(r"^(msgctxt|msgid|msgid_plural|msgstr|msgstr\[(\d+)\])\s+(.*)$")
_STRING = re.compile(r'^"(?:[^"\\]|\\(?:[\\"abfnrtv]|[0-7]{1,3}|x[0-9A-Fa-f]{1,2}))*"$')


def syntax_problems(text: str) -> Iterator[tuple[int, str]]:
    """PO grammar, line by line, as GNU msgfmt reads it.

    Babel's `read_po` is a forgiving reader: it accepts an unterminated string, a
    `msgstr` with no `msgid`, an unknown escape or a duplicate message without a
    word, and the translator never learns why a sentence shows in English. GNU
    msgfmt would say, but it is not a Python dependency; this small grammar check
    reports what it would.
    """
    seen: dict[tuple[str | None, str], int] = {}
    entry: list[str] = []  # keywords of the entry being read, in order
    context: list[str] | None = None  # None: no msgctxt; its strings otherwise
    msgid: list[str] = []
    current: list[str] | None = None
    start = 0

    def finish() -> Iterator[tuple[int, str]]:
        if entry and "msgid" in entry and not any(k.startswith("msgstr") for k in entry):
            yield start, "msgid without msgstr"
        if entry and "msgid" in entry:
            key = (None if context is None else "".join(context), "".join(msgid))
            if key in seen and key[1]:
                yield start, f"duplicate message (first defined on line {seen[key]})"
            seen.setdefault(key, start)

    # Lines end at "\n" only, as in gettext: str.splitlines() would also split at
    # U+2028 and other characters a translation may hold.
    for number, raw in enumerate(text.split("\n"), 1):
        raw = raw.removesuffix("\r")
        line = raw.strip()
        if line.startswith("#~") or line.startswith("#") or not line:
            if not line and entry:
                yield from finish()
                entry, context, msgid, current = [], None, [], None
            continue
        keyword = _KEYWORD.match(line)
        if keyword:
            name, value = keyword.group(1), keyword.group(3).strip()
            base = "msgstr" if name.startswith("msgstr") else name
            if base in ("msgctxt", "msgid") and any(k.startswith("msgstr") for k in entry):
                yield from finish()  # a new entry without a blank line between
                entry, context, msgid = [], None, []
            if not entry:
                start = number
            if base == "msgstr" and "msgid" not in entry:
                yield number, f"{name} without a msgid before it"
            elif base == "msgid_plural" and "msgid" not in entry:
                yield number, "msgid_plural without a msgid before it"
            elif name in entry:
                yield number, f"{name} appears twice in one entry"
            entry.append(name)
            if base == "msgctxt":
                context = []
            current = {"msgid": msgid, "msgctxt": context}.get(base)
        elif line.startswith('"'):
            if not entry:
                yield number, "a string outside any msgid or msgstr"
                continue
            value = line
        else:
            yield number, f"not PO syntax: {raw[:40]!r}"
            continue
        if not _STRING.match(value):
            yield number, 'a string must be one line in double quotes, with \\" for a quote'
        elif current is not None:
            current.append(value[1:-1])
    yield from finish()


def review_problems(po_path: Path, po_text: str) -> Iterator[Problem]:
    """A review line that is neither `draft` nor a valid review (families would see a
    draft where the reviewer meant a review), and a broken list of reviewed messages."""
    found = review_line(po_text)
    if found:
        line, status = found
        problem = parse(status)[1]
        if problem:
            yield Problem(po_path, line, problem)
    listed = reviewed_path(po_path)
    for line, message in list_problems(listed):
        yield Problem(listed, line, message)


def check_catalog(po_path: Path, gettext_id: str) -> list[Problem]:
    """Every problem in one catalog, in file order."""
    try:
        text = po_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return [Problem(po_path, 1, f"cannot read the file: {error}")]
    problems = [Problem(po_path, line, message) for line, message in header_problems(text)]
    problems += review_problems(po_path, text)
    syntax = [Problem(po_path, line, f"syntax error: {msg}") for line, msg in syntax_problems(text)]
    if syntax:
        # Entries after a syntax error cannot be trusted: fix these first.
        return sorted(problems + syntax)
    try:
        catalog: Catalog = read_catalog(po_path, gettext_id)
    except PoFileError as error:
        line = getattr(error, "lineno", 0) + 1  # Babel counts from 0
        return [*problems, Problem(po_path, line, f"syntax error: {error}")]
    rule = disagreement(PluralRule(catalog.num_plurals, catalog.plural_expr), gettext_id)
    if rule:
        problems.append(Problem(po_path, _header_line(text, "Plural-Forms"), rule))
    for message in catalog:
        if not message.id:
            continue
        for problem in entry_problems(message, catalog.num_plurals):
            problems.append(Problem(po_path, message.lineno or 1, problem))
    return sorted(problems)
