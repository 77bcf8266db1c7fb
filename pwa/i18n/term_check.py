"""Warnings for sentences that drift from a language's agreed terms (`terms.py`).

A warning, not a problem: a sentence may rightly say "it" instead of repeating
"the tumor", or use a form nobody listed yet. So `i18n check` prints these as
`file:line: warning: ...` and they never fail it; the translator either uses the
agreed word or adds the form used to `# forms:` in terms.po.

- A message whose English has a term (whole word, any case, exactly the term's
  own English) should have the agreed word or one of its forms in its
  translation: case-folded, as a whole word, or anywhere in the text for
  languages whose words are not separated by spaces (or that join particles and
  articles to them: Korean, Arabic).
- The glossary's own entry for a term (its msgid is the term) should be the agreed
  word itself. A message that is the term alone but not its glossary entry (the
  button "Remove", next to the glossary's "remove") is another word that happens
  to be spelled the same, and is left alone.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError
from markupsafe import Markup

from pwa.i18n.catalogs import read_catalog
from pwa.i18n.stats import message_forms
from pwa.i18n.terms import ILLNESS, AgreedTerm, read_terms, terms_path

# Written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer, Burmese,
# Tibetan), or with particles (Korean 생검을) or articles and prepositions (Arabic
# الخزعة, بالخزعة) written as one word with the term: the agreed word is looked for
# anywhere in the sentence.
SUBSTRING_LANGUAGES = frozenset({"zh", "ja", "th", "lo", "km", "my", "bo", "ko", "ar"})


@dataclass(frozen=True, order=True)
class TermWarning:
    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: warning: {self.message}"


# Vowel marks that Arabic and Hebrew writers add or leave out at will (جهازَ = جهاز),
# and the Arabic stretching stroke (tatweel).
_OPTIONAL_MARKS = re.compile("[\u0591-\u05c7\u064b-\u065f\u0670\u0640]")


def normalized(text: str) -> str:
    """Text as a reader sees it, for comparing words: no tags, one kind of space and
    apostrophe, compatibility forms folded (full-width brackets), no optional vowel
    marks, case-folded."""
    plain = Markup(text).striptags()
    plain = unicodedata.normalize("NFKC", plain).replace("’", "'")
    plain = _OPTIONAL_MARKS.sub("", plain)
    return " ".join(plain.split()).casefold()


@cache
def _word_character() -> str:
    """A regex class of letters, digits and combining marks. Python's `\\w` leaves out
    marks (Devanagari vowel signs, Arabic harakat), which would cut Hindi words apart."""
    marks = [c for c in range(0x300, 0x10000) if unicodedata.category(chr(c))[0] == "M"]
    runs: list[list[int]] = []
    for code in marks:
        if runs and runs[-1][1] == code - 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    ranges = "".join(f"\\u{a:04x}-\\u{b:04x}" if a != b else f"\\u{a:04x}" for a, b in runs)
    return f"(?:[^\\W_]|[{ranges}])"


@cache
def form_pattern(form: str, whole_words: bool) -> re.Pattern[str]:
    """A form as a regex: `*` ends a stem that takes any ending; with `whole_words`,
    no letter, mark or digit may touch the form on either side."""
    word = _word_character()
    body = f"{word}*".join(re.escape(part) for part in form.split("*"))
    if not whole_words:
        return re.compile(body)
    tail = "" if form.endswith("*") else f"(?!{word})"
    return re.compile(f"(?<!{word}){body}{tail}")


def has_word(text: str, form: str) -> bool:
    """`form` in `text` as a whole word (a `stem*` with any ending)."""
    return form_pattern(form, True).search(text) is not None


def joins_words(gettext_id: str) -> bool:
    """Whether a term is looked for anywhere in a sentence (see SUBSTRING_LANGUAGES)."""
    try:
        language = Locale.parse(gettext_id).language
    except (ValueError, UnknownLocaleError):
        language = re.split(r"[_@-]", gettext_id)[0]
    return language in SUBSTRING_LANGUAGES


def uses_term(translation: str, term: AgreedTerm, substring: bool) -> bool:
    text = normalized(translation)
    for form in term.accepted:
        wanted = normalized(form)
        if wanted and form_pattern(wanted, not substring).search(text):
            return True
    return False


def _english(message: Message) -> str:
    sources = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
    return normalized(" ".join(str(source) for source in sources))


def message_warnings(
    message: Message, terms: list[AgreedTerm], terms_file: Path, substring: bool
) -> Iterator[str]:
    """What one translated message does not use of the agreed terms."""
    translation = " ".join(form for form in message_forms(message) if form)
    if not translation or message.fuzzy:
        return
    english = _english(message)
    for term in terms:
        where = f"{terms_file}:{term.line}"
        if message.id == term.english and term.english != ILLNESS:
            if normalized(translation) != normalized(term.word):
                yield (
                    f'the glossary entry "{term.english}" is "{translation}" here but '
                    f'"{term.word}" in {where}: make them the same'
                )
            continue
        if english == normalized(term.english):
            continue  # a label of its own, as the "Remove" button is not the surgeon's "remove"
        if has_word(english, normalized(term.english)) and not uses_term(
            translation, term, substring
        ):
            yield (
                f'"{term.english}" in the English, but not its agreed word "{term.word}" '
                f'nor a form of it ({where}): use it, or list this form under "# forms:"'
            )


def term_warnings(
    catalog: Catalog, po_path: Path, gettext_id: str, terms: list[AgreedTerm], terms_file: Path
) -> list[TermWarning]:
    """Every sentence of a catalog that drifts from the agreed terms, in file order."""
    substring = joins_words(gettext_id)
    return sorted(
        TermWarning(po_path, message.lineno or 1, text)
        for message in catalog
        if message.id
        for text in message_warnings(message, terms, terms_file, substring)
    )


def catalog_term_warnings(po_path: Path, gettext_id: str) -> list[TermWarning]:
    """The warnings for one catalog, against the terms.po next to it (none without one).

    A catalog that cannot be read gets none here: the check reports it as a problem.
    """
    terms_file = terms_path(po_path)
    if not terms_file.exists():
        return []
    try:
        terms = read_terms(terms_file, gettext_id)
    except (OSError, UnicodeDecodeError, PoFileError) as error:
        line = getattr(error, "lineno", 0) + 1
        reason = f"cannot read the agreed terms ({error}): no sentence was compared with them"
        return [TermWarning(terms_file, line, reason)]
    try:
        catalog = read_catalog(po_path, gettext_id)
    except (OSError, UnicodeDecodeError, PoFileError):
        return []
    return term_warnings(catalog, po_path, gettext_id, terms, terms_file)
