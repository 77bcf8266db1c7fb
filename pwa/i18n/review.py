"""A language's review status: the one `X-Review-Status` line of its catalog's header.

`draft`, or `reviewed by NAME on YYYY-MM-DD` written by `python -m pwa i18n review`.
Babel's Catalog keeps only the standard PO headers and drops `X-` ones, so this line
is read from, and written into, the header entry's text. Anything else in the line
(a date as 29/11/2026, a month 13, a date still to come, no name) is not a review:
readers see the draft notice, and `i18n check` names the file and line to fix.

`Review.describe()` is the one wording of a status outside the pages (`i18n stats`,
`/translations/`); the pages' notice and About page read the same `Review`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

REVIEW_HEADER = "X-Review-Status"
DRAFT = "draft"
WANTED = "draft, or reviewed by NAME on YYYY-MM-DD"

_LINE = re.compile(rf'^"{REVIEW_HEADER}:[ \t]*(.*?)\\n"$', re.M)
_REVIEWED = re.compile(r"^reviewed by (?P<name>.*?) on (?P<date>\S+?)\.?$", re.I)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# A name goes into a quoted header line of the catalog: no quote, backslash or newline.
_NOT_IN_A_NAME = re.compile(r'["\\\x00-\x1f]')


@dataclass(frozen=True)
class Review:
    """Who checked a translation, and when; both None while it is a draft."""

    reviewer: str | None = None
    reviewed_on: date | None = None

    @property
    def is_reviewed(self) -> bool:
        return self.reviewer is not None and self.reviewed_on is not None

    def describe(self) -> str:
        """`draft` or `reviewed by NAME on DATE`: what the pages tell readers, in the
        words `i18n stats` and `/translations/` use."""
        if self.reviewer is None or self.reviewed_on is None:
            return DRAFT
        return f"reviewed by {self.reviewer} on {self.reviewed_on.isoformat()}"


def latest_date_on_earth() -> date:
    """Today where the day starts first (UTC+14): a review dated after it is in the
    future everywhere, whatever the time zone of the reviewer or the server."""
    return (datetime.now(UTC) + timedelta(hours=14)).date()


def name_problem(name: str) -> str | None:
    """Why `name` cannot stand in a review line; None when it can."""
    if not name.strip():
        return "the reviewer's name is empty"
    if _NOT_IN_A_NAME.search(name):
        return "the reviewer's name has a quote, a backslash or a line break"
    return None


def parse(status: str, today: date | None = None) -> tuple[Review, str | None]:
    """The review a status line states, and why it is not `draft` nor a valid review
    (None when it is one of them). Anything not a valid review is a draft, so that
    families see the draft notice rather than an unchecked claim."""
    text = status.strip()
    if text.lower() == DRAFT:
        return Review(), None
    found = _REVIEWED.match(text)
    if not found:
        return Review(), f"the review line must read {WANTED}, not {status!r}"
    name, written = found.group("name").strip(), found.group("date")
    problem = name_problem(name)
    if problem:
        return Review(), f"{problem}: write {WANTED}"
    if not _ISO_DATE.match(written):
        return Review(), f"the review date {written!r} must be written YYYY-MM-DD"
    try:
        day = date.fromisoformat(written)
    except ValueError:
        return Review(), f"the review date {written!r} is not a date of the calendar"
    if day > (today or latest_date_on_earth()):
        return Review(), f"the review date {written} is in the future"
    return Review(name, day), None


def parse_review(status: str, today: date | None = None) -> Review:
    """The review a status line states; a draft unless it is a valid review."""
    return parse(status, today)[0]


def review_line(po_text: str) -> tuple[int, str] | None:
    """(line number, status) of the review line in a catalog's header, or None."""
    head = po_text[:8192].split("\n\n", 1)[0]
    found = _LINE.search(head)
    if not found:
        return None
    return head.count("\n", 0, found.start()) + 1, found.group(1).strip()


def review_status_in(po_text: str) -> str:
    """The status a catalog's text states: `draft` when it has no review line."""
    found = review_line(po_text)
    return found[1] if found else DRAFT


def with_review_status(po_text: str, status: str) -> str:
    """The catalog's text with its review line set to `status`, nothing else changed
    (the line is added at the end of the header when it is missing)."""
    line = f'"{REVIEW_HEADER}: {status}\\n"'
    head, separator, rest = po_text.partition("\n\n")
    found = _LINE.search(head)
    head = f"{head[: found.start()]}{line}{head[found.end() :]}" if found else f"{head}\n{line}"
    return head + separator + rest


def review_status(po_path: Path) -> str:
    """The status a catalog file states; `draft` when it cannot be read."""
    try:
        with po_path.open(encoding="utf-8", errors="replace") as handle:
            return review_status_in(handle.read(8192))
    except OSError:
        return DRAFT
