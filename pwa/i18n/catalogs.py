"""Gettext catalogs: `.po` files are the source, `.mo` files are build output.

Each catalog is read and parsed once, at startup (`load_catalog`): the translations
the pages use, the review status (`review.py`), which translations changed since the
review (`reviewed_messages.py`) and the translation statistics all come from that
one reading. A `.mo` is written next to its `.po` unless the one there was compiled
from that very `.po` (`ORIGIN_KEY`); then a start reads only the `.mo`, unless the
language is reviewed. Translators only ever touch `.po` files and nobody commits
`.mo`s.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import NullTranslations, Translations

from pwa.i18n.locales import GuideLocale
from pwa.i18n.review import DRAFT, Review, parse, review_status_in
from pwa.i18n.reviewed_messages import read_reviewed, reviewed_path, unreviewed
from pwa.i18n.stats import Stats, count

log = logging.getLogger(__name__)


TEMPLATE_NAME = "messages.pot"


def template_size(locales_dir: Path) -> int:
    """How many messages the template has: what each language's statistics count to."""
    with (locales_dir / TEMPLATE_NAME).open("rb") as handle:
        return sum(1 for message in read_po(handle) if message.id)


def read_catalog(po_path: Path, locale: str) -> Catalog:
    """Parse a `.po` strictly: a broken catalog raises PoFileError with its line."""
    return parse_catalog(po_path.read_bytes(), locale)


def parse_catalog(po: bytes, locale: str) -> Catalog:
    """`read_catalog` of a `.po` already read."""
    return read_po(io.BytesIO(po), locale=locale, abort_invalid=True)


# A compiled catalog names the `.po` it was made from (a hash of its bytes) and what
# that `.po` counts, in one entry that no page looks up: a start whose `.mo` was made
# from the very `.po` beside it reads only the `.mo`. Parsing a `.po` is most of the
# time of reading the catalogs, which a first start does for every language.
ORIGIN_KEY = "lms-guide\x04compiled-from"  # context "lms-guide", id "compiled-from"


@dataclass(frozen=True)
class Compiled:
    """A `.mo`, read, and what it says of its `.po`."""

    mo: bytes
    translations: Translations
    translated: int
    fuzzy: int


def _digest(po: bytes) -> str:
    return hashlib.sha256(po).hexdigest()


def compile_catalog(po: bytes, locale: str, catalog: Catalog) -> Compiled:
    """The `.mo` of a parsed catalog, made from the `.po` bytes `po`; fuzzy entries are
    left out, as gettext does."""
    translated, fuzzy, _ = count(catalog, 0)
    context, _, msgid = ORIGIN_KEY.partition("\x04")
    catalog.add(msgid, f"{_digest(po)} {translated} {fuzzy}", context=context)
    buffer = io.BytesIO()
    try:
        write_mo(buffer, catalog, use_fuzzy=False)
    finally:
        catalog.delete(msgid, context=context)
    mo = buffer.getvalue()
    return Compiled(mo, Translations(io.BytesIO(mo)), translated, fuzzy)


def compiled_from(po: bytes, mo: bytes) -> Compiled | None:
    """The `.mo` if it was compiled from exactly these `.po` bytes, else None."""
    try:
        translations = Translations(io.BytesIO(mo))
    except (OSError, ValueError, UnicodeDecodeError, IndexError):
        return None  # not a .mo gettext can read: compiled again
    origin = translations._catalog.get(ORIGIN_KEY, "")
    digest, _, counts = str(origin).partition(" ")
    translated, _, fuzzy = counts.partition(" ")
    if digest != _digest(po) or not (translated.isdigit() and fuzzy.isdigit()):
        return None
    return Compiled(mo, translations, int(translated), int(fuzzy))


def ensure_compiled(po_path: Path, locale: str) -> bytes:
    """The `.mo` bytes, written next to the `.po` unless it was compiled from it.

    The `.mo` is written atomically (several workers may start at once); on a
    read-only deployment the compiled bytes are simply used in memory.
    """
    po = po_path.read_bytes()
    mo_path = po_path.with_suffix(".mo")
    compiled = _compiled_beside(po, mo_path)
    if compiled is None:
        compiled = _written(mo_path, compile_catalog(po, locale, parse_catalog(po, locale)))
    return compiled.mo


def _compiled_beside(po: bytes, mo_path: Path) -> Compiled | None:
    """The `.mo` at `mo_path` if it was compiled from these `.po` bytes."""
    try:
        return compiled_from(po, mo_path.read_bytes())
    except OSError:
        return None


def _written(mo_path: Path, compiled: Compiled) -> Compiled:
    try:
        fd, tmp = tempfile.mkstemp(dir=mo_path.parent, prefix=".messages.", suffix=".mo")
        with os.fdopen(fd, "wb") as handle:
            handle.write(compiled.mo)
        os.replace(tmp, mo_path)
    except OSError as error:
        log.info("%s: not writable (%s); using the compiled catalog in memory", mo_path, error)
    return compiled


@dataclass(frozen=True)
class LoadedCatalog:
    """One language as the guide serves it, from one reading of its `.po`."""

    locale: GuideLocale
    translations: NullTranslations
    review: Review
    stats: Stats
    # Lookup keys of translations shown that the review did not cover (changed or
    # added since); always empty for a draft, whose every page says it is one.
    unreviewed: frozenset[str] = frozenset()


def load_catalog(locale: GuideLocale, locales_dir: Path, total: int) -> LoadedCatalog:
    """A language's translations, review and statistics; English if its catalog is broken.

    A broken catalog must never stop the server: it is logged with its file and line,
    and that language falls back to the English source text. `total` is the number
    of messages in the template, which the statistics count against.
    """
    if locale.is_source:
        stats = Stats(locale.gettext_id, locale.tag, total, 0, 0, "source")
        return LoadedCatalog(locale, NullTranslations(), Review(), stats)
    po_path = locale.catalog_path(locales_dir)
    catalog: Catalog | None = None
    compiled: Compiled | None = None
    translations = NullTranslations()
    status = DRAFT
    try:
        text = po_path.read_bytes()
        status = review_status_in(text[:8192].decode("utf-8", errors="replace"))
        mo_path = po_path.with_suffix(".mo")
        compiled = _compiled_beside(text, mo_path)
        # A reviewed language also compares its messages with the review's list.
        if compiled is None or parse(status)[0].is_reviewed:
            catalog = parse_catalog(text, locale.gettext_id)
        if compiled is None and catalog is not None:
            compiled = _written(mo_path, compile_catalog(text, locale.gettext_id, catalog))
        if compiled is not None:
            translations = compiled.translations
    except PoFileError as error:
        catalog = None
        line = getattr(error, "lineno", -1) + 1  # Babel counts lines from 0, editors from 1
        log.error(
            "%s:%s: cannot read catalog (%s); serving %s in English",
            po_path,
            line,
            error,
            locale.tag,
        )
    except (OSError, ValueError, UnicodeDecodeError) as error:
        catalog = None
        log.error("%s: cannot read catalog (%s); serving %s in English", po_path, error, locale.tag)
    review, problem = parse(status)
    if problem:
        log.warning("%s: %s; %s is shown as a draft", po_path, problem, locale.tag)
    changed: frozenset[str] = frozenset()
    if review.is_reviewed and catalog is not None:
        reviewed = read_reviewed(reviewed_path(po_path))
        if reviewed is not None:  # no list: reviewed in full, as marked by hand
            changed = unreviewed(catalog, reviewed)
    if catalog is not None or compiled is None:
        translated, fuzzy, untranslated = count(catalog, total)
    else:
        translated, fuzzy = compiled.translated, compiled.fuzzy
        untranslated = max(total - translated - fuzzy, 0)
    not_checked = len(changed) if review.is_reviewed else translated
    stats = Stats(
        locale.gettext_id,
        locale.tag,
        translated,
        fuzzy,
        untranslated,
        review.describe(),
        not_checked,
    )
    return LoadedCatalog(locale, translations, review, stats, changed)
