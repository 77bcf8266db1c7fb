"""Gettext catalogs: `.po` files are the source, `.mo` files are build output.

Each catalog is read and parsed once, at startup (`load_catalog`): the translations
the pages use, the review status and the translation statistics all come from that
one reading. A `.mo` is written next to its `.po` when it is missing or older, for
gettext tools; translators only ever touch `.po` files and nobody commits `.mo`s.
"""

from __future__ import annotations

import io
import logging
import os
import re
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import NullTranslations, Translations

from pwa.i18n.locales import GuideLocale
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
    if fresh and catalog is None:
        return mo_path.read_bytes()  # nothing to parse: the .mo was made from this .po
    data = compile_catalog(po_path, locale, catalog)
    if fresh:
        return data
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


REVIEW_HEADER = "X-Review-Status"
DRAFT = "draft"
_REVIEW = re.compile(rf'^"{REVIEW_HEADER}:\s*(.*?)\\n"$', re.M)
_REVIEWED = re.compile(r"^reviewed by (?P<name>.+?) on (?P<date>\d{4}-\d{2}-\d{2})\.?$", re.I)


@dataclass(frozen=True)
class Review:
    """Who checked a translation, and when; both None while it is a draft."""

    reviewer: str | None = None
    reviewed_on: date | None = None

    @property
    def is_reviewed(self) -> bool:
        return self.reviewer is not None and self.reviewed_on is not None


def review_status_in(po_text: str) -> str:
    """The review status header of a catalog's text: `draft`, or `reviewed by NAME on
    DATE`. Babel's Catalog keeps only the standard PO headers and drops `X-` ones, so
    this one header is read from the header entry at the top of the file."""
    found = _REVIEW.search(po_text[:8192].split("\n\n", 1)[0])
    return found.group(1).strip() if found else DRAFT


def review_status(po_path: Path) -> str:
    try:
        with po_path.open(encoding="utf-8", errors="replace") as handle:
            return review_status_in(handle.read(8192))
    except OSError:
        return DRAFT


def parse_review(status: str) -> Review:
    """`reviewed by NAME on YYYY-MM-DD` is a review; anything else is still a draft.

    A status that claims a review but names no reviewer or no valid date counts as a
    draft: families should see the draft notice rather than an unchecked claim.
    """
    found = _REVIEWED.match(status.strip())
    if not found:
        if status.strip().lower() != DRAFT:
            log.warning("review status %r is not 'reviewed by NAME on YYYY-MM-DD'", status)
        return Review()
    try:
        return Review(found.group("name").strip(), date.fromisoformat(found.group("date")))
    except ValueError:
        log.warning("review status %r has no valid date", status)
        return Review()


@dataclass(frozen=True)
class LoadedCatalog:
    """One language as the guide serves it, from one reading of its `.po`."""

    locale: GuideLocale
    translations: NullTranslations
    review: Review
    stats: Stats


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
    stats = Stats(locale.gettext_id, locale.tag, *count(catalog, total), status)
    return LoadedCatalog(locale, translations, parse_review(status), stats)
