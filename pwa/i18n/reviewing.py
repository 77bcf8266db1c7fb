"""`python -m pwa i18n review LANG --name NAME`: mark a language reviewed, as of today.

The last step of a qualified medical translator's review (TRANSLATING.md, section 6).
It writes the catalog's review line, `reviewed by NAME on <today>`, and the list of
the messages reviewed (`reviewed_messages.py`), so that a sentence changed later is
shown as not checked again. It refuses a catalog the check finds problems in: a
sentence families would see in English was not reviewed as translated.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pwa.i18n.catalogs import read_catalog
from pwa.i18n.check import Problem, check_catalog
from pwa.i18n.locales import LocaleSet
from pwa.i18n.review import name_problem, review_line, with_review_status
from pwa.i18n.reviewed_messages import list_text, reviewed_path, shown
from pwa.i18n.stats import message_forms


class ReviewRefused(ValueError):
    """The catalog has problems to fix first; each is a `file:line: problem`."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


@dataclass(frozen=True)
class Reviewed:
    po_path: Path
    listed: Path
    status: str
    messages: int  # translations reviewed
    untranslated: int  # messages still in English


def mark_reviewed(
    locales_dir: Path, language: str, name: str, today: date | None = None
) -> Reviewed:
    """Mark one language reviewed by `name` today; the catalog must pass the check."""
    locale = LocaleSet.discover(locales_dir).get(language)
    if locale is None or locale.is_source:
        raise ValueError(f"{language}: no catalog under {locales_dir} (see `i18n stats`)")
    problem = name_problem(name)
    if problem:
        raise ValueError(f'{problem}: give it as --name "Ana Díaz"')
    po_path = locale.catalog_path(locales_dir)
    text = po_path.read_text(encoding="utf-8")
    # The review line and the list are about to be written anew: only the sentences
    # and the rest of the header must be right.
    line = (review_line(text) or (0, ""))[0]
    listed = reviewed_path(po_path)
    problems = [
        found
        for found in check_catalog(po_path, locale.gettext_id)
        if found.path == po_path and found.line != line
    ]
    if problems:
        raise ReviewRefused(problems)
    catalog = read_catalog(po_path, locale.gettext_id)
    messages = list(shown(catalog))
    status = f"reviewed by {name.strip()} on {(today or date.today()).isoformat()}"
    heading = (
        f"The translations {status}, one line each: a hash of the message's",
        "context, English and translation, then its English. Written by",
        "`python -m pwa i18n review`; do not edit. A translation whose hash is not",
        "here was added or changed since: pages that show it say it is not yet checked.",
    )
    _replace(listed, list_text(messages, heading))
    _replace(po_path, with_review_status(text, status))
    untranslated = sum(1 for message in catalog if message.id and not all(message_forms(message)))
    return Reviewed(po_path, listed, status, len(messages), untranslated)


def _replace(path: Path, text: str) -> None:
    """Write a file whole or not at all (an editor or the preview may read it)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
