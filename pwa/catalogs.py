"""Gettext catalogs: `.po` files are the source, `.mo` files are build output.

A `.mo` is compiled with Babel when it is missing or older than its `.po`, so
translators only ever touch `.po` files and nobody commits compiled catalogs.
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

from pwa.locales import GuideLocale

log = logging.getLogger(__name__)


def read_catalog(po_path: Path, locale: str) -> Catalog:
    """Parse a `.po` strictly: a broken catalog raises PoFileError with its line."""
    with po_path.open("rb") as handle:
        return read_po(handle, locale=locale, abort_invalid=True)


def compile_catalog(po_path: Path, locale: str) -> bytes:
    """The `.mo` bytes of a catalog; fuzzy entries are left out, as gettext does."""
    buffer = io.BytesIO()
    write_mo(buffer, read_catalog(po_path, locale), use_fuzzy=False)
    return buffer.getvalue()


def ensure_compiled(po_path: Path, locale: str) -> bytes:
    """Compile the catalog if its `.mo` is missing or stale, and return the `.mo` bytes.

    The `.mo` is written atomically next to the `.po` (several workers may start at
    once); on a read-only deployment the compiled bytes are simply used in memory.
    """
    mo_path = po_path.with_suffix(".mo")
    try:
        if mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            return mo_path.read_bytes()
    except FileNotFoundError:
        pass
    po_mtime = po_path.stat().st_mtime
    data = compile_catalog(po_path, locale)
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


def review_status(po_path: Path) -> str:
    """The catalog's review status header: `draft`, or `reviewed by NAME on DATE`.

    Babel's Catalog keeps only the standard PO headers and drops `X-` ones, so this
    one header is read from the header entry at the top of the file.
    """
    try:
        with po_path.open(encoding="utf-8", errors="replace") as handle:
            head = handle.read(8192).split("\n\n", 1)[0]
    except OSError:
        return DRAFT
    found = _REVIEW.search(head)
    return found.group(1).strip() if found else DRAFT


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


def read_review(po_path: Path) -> Review:
    return parse_review(review_status(po_path))


def load_translations(locale: GuideLocale, locales_dir: Path) -> NullTranslations:
    """The translations of one locale; English (no translations) if its catalog is broken.

    A broken catalog must never stop the server: it is logged with its file and line,
    and that language falls back to the English source text.
    """
    if locale.is_source:
        return NullTranslations()
    po_path = locale.catalog_path(locales_dir)
    try:
        return Translations(io.BytesIO(ensure_compiled(po_path, locale.gettext_id)))
    except PoFileError as error:
        line = getattr(error, "lineno", -1) + 1  # Babel counts lines from 0, editors from 1
        log.error(
            "%s:%s: cannot read catalog (%s); serving %s in English",
            po_path,
            line,
            error,
            locale.tag,
        )
    except (OSError, ValueError, UnicodeDecodeError) as error:
        log.error("%s: cannot read catalog (%s); serving %s in English", po_path, error, locale.tag)
    return NullTranslations()
