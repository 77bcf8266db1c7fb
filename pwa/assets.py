"""Static assets under content-hashed names, served by WhiteNoise straight from ASGI.

Every file in `static/` is copied once, at startup, to `<name>.<hash>.<ext>` with
brotli and gzip variants made by WhiteNoise's own compressor. Templates ask
`AssetManifest.url()` for the hashed URL, so a changed file gets a new URL and old
URLs can be cached forever (`immutable`).
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import rjsmin
from whitenoise.compress import Compressor

log = logging.getLogger(__name__)

STATIC_PREFIX = "/static/"
HASH_LENGTH = 12
_HASHED_NAME = re.compile(rf"\.[0-9a-f]{{{HASH_LENGTH}}}\.[A-Za-z0-9]+$")


def minify_js(source: str) -> str:
    """Comments and spare whitespace out: the sources stay commented for readers, and
    families download about a third less (rjsmin keeps strings, template literals
    and regular expressions as they are)."""
    return rjsmin.jsmin(source)


def is_hashed(url: str) -> bool:
    """True for URLs whose name carries a content hash, i.e. that never change."""
    return bool(_HASHED_NAME.search(url))


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:HASH_LENGTH]


def hashed_name(relative: str, digest: str) -> str:
    stem, dot, ext = relative.rpartition(".")
    if not dot or "/" in ext:
        return f"{relative}.{digest}"
    return f"{stem}.{digest}.{ext}"


@dataclass(frozen=True)
class AssetManifest:
    """Logical path (`css/guide.css`) to hashed path (`css/guide.1a2b3c4d5e6f.css`)."""

    files: dict[str, str]
    hashes: dict[str, str]  # logical path to content hash
    root: Path
    # Files a page asked for that are not in static/, each logged once.
    missing: set[str] = field(default_factory=set, compare=False)

    @classmethod
    def build(cls, source: Path, dest: Path, compress: bool = True) -> AssetManifest:
        """Copy every asset to its plain and hashed name under `dest`, compressed
        unless `compress` is False (then `compress()` does it later).

        Both names are written so that a stale page (or a hand-typed URL) still finds
        its file; only the hashed one is cached as immutable.
        """
        files: dict[str, str] = {}
        hashes: dict[str, str] = {}
        for path in sorted(p for p in source.rglob("*") if p.is_file()):
            relative = path.relative_to(source).as_posix()
            if relative.startswith(".") or "/." in relative:
                continue
            data = path.read_bytes()
            if relative.endswith(".js"):
                data = minify_js(data.decode("utf-8")).encode("utf-8")
            mtime = path.stat().st_mtime
            hashes[relative] = content_hash(data)
            files[relative] = hashed_name(relative, hashes[relative])
            for target in (dest / relative, dest / files[relative]):
                target.parent.mkdir(parents=True, exist_ok=True)
                _write_atomically(target, data, mtime)
        manifest = cls(files, hashes, dest)
        if compress:
            manifest.compress()
        return manifest

    def compress(self) -> None:
        """Brotli and gzip variants of each file that gains from them, beside both of
        its names. Separate from `build` because it takes most of its time: a first
        start does it while the languages are being built."""
        compressor = Compressor(quiet=True)
        for relative, hashed_relative in self.files.items():
            if compressor.should_compress(relative):
                plain, hashed = self.root / relative, self.root / hashed_relative
                # Both names hold the same bytes: compress once, copy the variants.
                for variant in compressor.compress(str(plain)):
                    suffix = variant[len(str(plain)) :]
                    shutil.copy2(variant, str(hashed) + suffix)

    def url(self, logical: str) -> str:
        """The hashed URL of an asset.

        A missing file (deleted while a preview runs, say) costs that file, not the
        site: the page links its plain name, which answers 404, and the log says so
        once.
        """
        hashed = self.files.get(logical)
        if hashed is None:
            if logical not in self.missing:
                self.missing.add(logical)
                log.error(
                    "static/%s is missing: pages link to it and get a 404 until it is back",
                    logical,
                )
            return STATIC_PREFIX + logical
        return STATIC_PREFIX + hashed

    def revisions(self) -> dict[str, str]:
        """Every asset's hashed URL and content hash, for the service worker to save."""
        return {self.url(logical): digest for logical, digest in self.hashes.items()}


def _write_atomically(target: Path, data: bytes, mtime: float) -> None:
    """Write a copy that keeps its source's mtime, so every worker and restart
    serves the same Last-Modified and ETag for the same file."""
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.utime(tmp, (mtime, mtime))
    os.replace(tmp, target)
