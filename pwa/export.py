"""The static export: the whole guide as files, for any static host or CDN.

`python -m pwa build OUT/` writes exactly what the server would send: every page,
offline page and manifest of every language, `/sw.js`, the translation status page,
and the hashed assets, each with the brotli and gzip variants that nginx's
`brotli_static` and `gzip_static` (and most CDNs) serve as they are. It writes the
same built `Site` the server serves (`pwa/build.py`), so the export and the server
cannot disagree about a single byte, and the service worker works the same on both.

What a server decides per request is decided in the browser instead: `/` is a page
that picks the reader's language (templates/choose.html), and the 404 pages are
files (`/404.html` in English, `/<tag>/404.html` per language, for hosts that can
choose one by path: see deploy/nginx.conf).
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from pwa.build import build_site
from pwa.serving.documents import FILE_SUFFIXES, encode
from pwa.settings import Settings

# Written last into every export: a later build may then empty the folder safely,
# and will refuse to empty one that holds anything else.
MARKER = ".lms-guide-export"
NOT_FOUND = "404.html"


@dataclass(frozen=True)
class ExportReport:
    files: int
    bytes: int
    languages: int


def file_for(url_path: str) -> str:
    """Where a URL's body lives in the export: `/es/` is `es/index.html`."""
    relative = url_path.lstrip("/")
    return relative + "index.html" if relative.endswith("/") or not relative else relative


def prepare(out: Path) -> None:
    """An empty folder to write into; a previous export there is replaced."""
    if out.exists() and any(out.iterdir()):
        if not (out / MARKER).is_file():
            raise FileExistsError(
                f"{out} is not empty and holds no earlier export of the guide; "
                "choose an empty or new folder"
            )
        for child in out.iterdir():
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
    out.mkdir(parents=True, exist_ok=True)


def write(target: Path, body: bytes, compress: bool = True) -> None:
    """The file and its compressed variants, when they are smaller."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(body)
    if not compress:
        return
    for coding, suffix in FILE_SUFFIXES.items():
        encoded = encode(body, coding)
        if encoded is not None:
            target.with_name(target.name + suffix).write_bytes(encoded)


def build(out: Path, settings: Settings, compress: bool = True) -> ExportReport:
    """Write the whole guide under `out` for a static host.

    Without `compress`, no `.br` and `.gz` variants are written: for a host that
    compresses as it serves, or serves none (they are three quarters of the build's
    time: brotli at its best quality for every file of every language).
    """
    if not settings.offline:
        raise ValueError("the export is for readers: it always includes the service worker")
    prepare(out)
    site = build_site(settings, out / "static")  # the hashed assets land in place
    files: dict[str, bytes] = {file_for(path): doc.body for path, doc in site.documents.items()}
    files[file_for("/")] = site.root_page
    files[NOT_FOUND] = site.not_found[site.locales.source.tag]
    for tag, body in site.not_found.items():
        files[f"{tag}/{NOT_FOUND}"] = body
    for relative, body in sorted(files.items()):
        write(out / relative, body, compress)
    (out / MARKER).write_text("Made by `python -m pwa build`; safe to replace with a new build.\n")
    return _make_readable(out, len(site.locales))


def _make_readable(out: Path, languages: int) -> ExportReport:
    """Files readable by the web server's own user, whatever this process's umask."""
    count = size = 0
    for folder, _, names in os.walk(out):
        os.chmod(folder, 0o755)
        for name in names:
            path = os.path.join(folder, name)
            os.chmod(path, 0o644)
            count += 1
            size += os.path.getsize(path)
    return ExportReport(count, size, languages)
