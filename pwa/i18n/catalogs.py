"""Gettext catalogs: `.po` files are the source, `.mo` files are build output.

Each catalog is read and parsed once, at startup (`load_catalog`): the translations
the pages use, the review status (`review.py`), which translations changed since the
review (`reviewed_messages.py`) and the translation statistics all come from that
one reading. A `.mo` is written next to its `.po` when it is missing or older, for
gettext tools; translators only ever touch `.po` files and nobody commits `.mo`s.
"""

from __future__ import annotations

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


def read_catalog(po_path: Path, locale: str) -> Catalog:
    """Parse a `.po` strictly: a broken catalog raises PoFileError with its line."""
    with po_path.open("rb") as handle:
        return read_po(handle, locale=locale, abort_invalid=True)


def compile_catalog(po_path: Path, locale: str, catalog: Catalog | None = None) -> bytes:
    """The `.mo` bytes of a catalog; fuzzy entries are left out, as gettext does."""
    buffer = io.BytesIO()
    write_mo(
        buffer, catalog if catalog is not None else read_catalog(po_path, locale), use_fuzzy=False
    )
    return buffer.getvalue()


def ensure_compiled(po_path: Path, locale: str, catalog: Catalog | None = None) -> bytes:
    """The `.mo` bytes, written next to the `.po` when missing or stale.

    The `.mo` is written atomically (several workers may start at once); on a
    read-only deployment the compiled bytes are simply used in memory. `catalog` is
    the `.po` already parsed, when the caller has it.
    """
    mo_path = po_path.with_suffix(".mo")
    po_mtime = po_path.stat().st_mtime
    try:
        fresh = mo_path.stat().st_mtime >= po_mtime
    except FileNotFoundError:
        fresh = False
    if fresh:
        return mo_path.read_bytes()  # nothing to compile: the .mo was made from this .po
    data = compile_catalog(po_path, locale, catalog)
    try:
        fd, tmp = tempfile.mkstemp(dir=mo_path.parent, prefix=".messages.", suffix=".mo")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        # Stamp the .mo with its .po's time: "up to date" then means "compiled from
        # this very .po", whatever the clocks of the machines the files came from.
        os.utime(tmp, (po_mtime, po_mtime))
        os.replace(tmp, mo_path)
    except OSError as error:
        log.info("%s: not writable (%s); using the compiled catalog in memory", mo_path, error)
    return data


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
    translations = NullTranslations()
    status = DRAFT
    try:
        text = po_path.read_bytes()
        status = review_status_in(text[:8192].decode("utf-8", errors="replace"))
        catalog = read_po(io.BytesIO(text), locale=locale.gettext_id, abort_invalid=True)
        mo = ensure_compiled(po_path, locale.gettext_id, catalog)
        translations = Translations(io.BytesIO(mo))
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
    translated, fuzzy, untranslated = count(catalog, total)
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
