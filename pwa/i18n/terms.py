"""Agreed terms: the one word each language uses for each glossary term.

A family who reads "biopsia" on one page and "biopsía" or "muestra" on the next may
think these are three different tests. So each language keeps, next to its catalog,
the word agreed for the illness's name and for every glossary term, in files that
Poedit and Weblate (as a glossary component) open as ordinary gettext catalogs:

- `locales/terms.pot`: the terms, the illness's name first, then the glossary in its
  own order, each with its glossary address and English definition (`#.` comments).
  `i18n extract` writes it from `pwa/glossary.py`.
- `locales/<id>/terms.po`: the agreed word is the msgstr. A translator comment
  `# forms: a, b, c` lists inflected forms or other spellings a sentence may use
  instead, and a form ending in `*` is a stem that may take any ending
  (`опухол*` for опухоль, опухоли, опухолью...); `# note: ...` is a free note for
  the next translator or editor.

`i18n check` reads these to warn about sentences that use a term's English but not
its agreed word (`term_check.py`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

TERMS_TEMPLATE = "terms.pot"
TERMS_CATALOG = "terms.po"
TERMS_PROJECT = "LMS family guide: agreed terms"
# The illness's name: in every page title, but not a glossary entry of its own.
ILLNESS = "leiomyosarcoma"
ILLNESS_COMMENT = (
    "The illness this guide is about: a rare cancer of smooth muscle. "
    "Page: /en/what-is-leiomyosarcoma/"
)
FORMS = "forms:"
NOTE = "note:"


class GlossaryEntry(Protocol):
    """What the terms list needs of a glossary entry (pwa/glossary.py's `Term`)."""

    @property
    def slug(self) -> str: ...
    @property
    def term(self) -> str: ...
    @property
    def definition(self) -> str: ...


HEADER = """\
# Agreed terms for the family guide to leiomyosarcoma: {whose}.
# msgstr is the word for the term, the same everywhere in the guide.
# A "# forms: a, b*" line lists other forms the check accepts (b* takes any
# ending); a "# note: ..." line is a note for the next translator or editor.
#"""


def _catalog(gettext_id: str | None = None) -> Catalog:
    whose = "the template"
    if gettext_id is not None:
        try:
            whose = f"{Locale.parse(gettext_id).english_name} ({gettext_id})"
        except (ValueError, UnknownLocaleError):
            whose = gettext_id
    return Catalog(
        header_comment=HEADER.format(whose=whose),
        locale=gettext_id,
        project=TERMS_PROJECT,
        version="1",
        msgid_bugs_address="",
        copyright_holder="",
        charset="utf-8",
    )


def terms_template(glossary: Iterable[GlossaryEntry]) -> Catalog:
    """The terms to agree on, in the glossary's order: what `terms.pot` holds."""
    catalog = _catalog()
    catalog.add(ILLNESS, auto_comments=[ILLNESS_COMMENT])
    for entry in glossary:
        catalog.add(
            entry.term,
            auto_comments=[
                f"Glossary: /en/glossary/#{entry.slug}",
                f"Definition: {entry.definition}",
            ],
        )
    return catalog


def template_path(locales_dir: Path) -> Path:
    return locales_dir / TERMS_TEMPLATE


def terms_path(catalog_path: Path) -> Path:
    """A language's terms file, next to its `LC_MESSAGES/` folder."""
    return catalog_path.parent.parent / TERMS_CATALOG


def new_terms(template: Catalog, gettext_id: str) -> Catalog:
    """An empty terms catalog for a new language, from the template."""
    catalog = _catalog(gettext_id)
    catalog.update(template, no_fuzzy_matching=True)
    catalog.fuzzy = False
    catalog.revision_date = datetime.now(UTC)
    if catalog.locale is not None:
        catalog.language_team = catalog.locale.english_name or gettext_id
    return catalog


def merge_terms(catalog: Catalog, template: Catalog) -> None:
    """Bring a language's terms in line with the template, keeping its words and notes.

    No fuzzy matching: a term spelled like another ("CT scan", "bone scan") is a
    different term, and proposing one's word for the other would mislead.
    """
    catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)


@dataclass(frozen=True)
class AgreedTerm:
    """One term as a language agreed it: the word, and the other forms it accepts."""

    english: str
    word: str
    forms: tuple[str, ...]
    line: int

    @property
    def accepted(self) -> tuple[str, ...]:
        return (self.word, *self.forms)


# Commas as translators type them: Latin, Arabic-script (Urdu, Persian) and CJK.
_COMMAS = re.compile("[,\u060c\u3001\uff0c]")


def comment_value(comments: Iterable[str], label: str) -> list[str]:
    """The values of `# label: a, b` translator comments, split at commas.

    A comment line without a label right after a labelled one continues it: Babel
    wraps comments longer than 76 characters when it writes a catalog (`make
    messages`, Weblate, a script), and the wrapped part loses the label. The lines
    are joined before splitting, so a form of two words cut by the wrap stays whole.
    """
    found: list[list[str]] = []  # the lines of each labelled comment
    continues = False
    for comment in comments:
        text = comment.strip()
        lowered = text.lower()
        if lowered.startswith(label):
            found.append([text[len(label) :]])
            continues = True
        elif continues and text and not lowered.startswith((FORMS, NOTE)):
            found[-1].append(text)
        else:
            continues = False
    return [
        part.strip()
        for lines in found
        for part in _COMMAS.split(" ".join(lines))
        if part.strip()
    ]


def read_terms(path: Path, gettext_id: str) -> list[AgreedTerm]:
    """The agreed words of a language, in the file's order; untranslated terms left out.

    Raises OSError when the file is missing, babel's PoFileError when it is broken.
    """
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=gettext_id, abort_invalid=True)
    return [
        AgreedTerm(
            str(message.id),
            str(message.string).strip(),
            tuple(comment_value(message.user_comments, FORMS)),
            message.lineno or 1,
        )
        for message in catalog
        if message.id
        and isinstance(message.string, str)
        and message.string.strip()
        and not message.fuzzy
    ]
