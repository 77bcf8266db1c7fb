"""The built site kept on disk between starts, keyed by everything it is built from.

Building every page of 24 languages takes about two seconds; a restart of the same
deployment (a reboot, a crashed worker, the service manager's restart) would build
the same bytes again. A start first hashes what the site is made of: the guide's
code, templates, stylesheets and scripts, the catalogs, the settings, and the
versions of the libraries that shape its bytes. When a build of that exact key is
stored, its documents are read back instead of rendered; any change to any input is
a new key and a new build. Nothing is trusted from the file beyond what this module
wrote: it is plain bytes and JSON (no pickle), checked by length and by the same
key, and a damaged or unreadable file means building again, logged, never a failure.

What the build logged (a translation not shown, a broken catalog) is stored with it
and logged again on every start that uses it, so a clinic's log says the same thing
after a restart. At most KEEP builds are kept; a read-only or missing folder means
no cache, said once in the log.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import importlib.metadata
import json
import logging
import os
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import BinaryIO

from pwa.serving.documents import Document
from pwa.settings import PROJECT_ROOT, Settings

log = logging.getLogger(__name__)

FORMAT = 1  # raise when what is stored changes meaning
KEEP = 3  # builds kept: the current one and two earlier (a rollback starts fast too)
SUFFIX = ".site"
LOCK_NAME = "building.lock"
# Libraries whose version can change a byte of the output: CLDR data (Babel), the
# templates' and the sanitizer's escaping, the minifier.
LIBRARIES = ("babel", "jinja2", "markupsafe", "nh3", "rjsmin")
# Inputs not read by the build itself: compiled catalogs (made from the .po, which is
# hashed) and what editors and Python leave behind.
IGNORED_SUFFIXES = (".mo", ".pyc", ".tmp", ".swp", "~")


@dataclass(frozen=True)
class Built:
    """What `pwa.build` stores of a site: its documents and what building it logged."""

    documents: list[Document]
    not_found: dict[str, bytes]
    root_page: bytes
    unbuilt: frozenset[str]
    logged: list[tuple[str, int, str]]  # (logger, level, message)


def key(settings: Settings) -> str:
    """A hash of every input of the build."""
    digest = hashlib.sha256()
    versions = {name: _version(name) for name in LIBRARIES}
    described = {
        "format": FORMAT,
        "python": sys.version,
        "libraries": versions,
        "settings": {
            f.name: str(getattr(settings, f.name))
            for f in fields(settings)
            if f.name != "cache_dir"
        },
    }
    digest.update(json.dumps(described, sort_keys=True).encode())
    roots = (
        PROJECT_ROOT / "pwa",
        PROJECT_ROOT / "service_worker",
        settings.templates_dir,
        settings.static_dir,
        settings.locales_dir,
        settings.mapping_file,
    )
    for root in roots:
        for path in _files(root):
            digest.update(b"\0" + str(path).encode() + b"\0")
            with contextlib.suppress(OSError):
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return ""


def _files(root: Path) -> list[Path]:
    if root.is_file():
        return [root]
    found = []
    for folder, folders, names in os.walk(root):
        folders[:] = sorted(f for f in folders if not f.startswith(".") and f != "__pycache__")
        found += [
            Path(folder, name)
            for name in sorted(names)
            if not name.startswith(".") and not name.endswith(IGNORED_SUFFIXES)
        ]
    return found


class SiteCache:
    """Built sites in one folder, one file per key."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def load(self, site_key: str) -> Built | None:
        """The build stored under `site_key`, or None (absent, unreadable, damaged)."""
        path = self.folder / (site_key + SUFFIX)
        try:
            with path.open("rb") as handle:
                return _read(handle, site_key)
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError) as error:
            log.warning("%s: cannot use this stored build (%s); building again", path, error)
            return None

    @contextlib.contextmanager
    def turn(self) -> Iterator[None]:
        """One process at a time builds: workers started together (`serve --workers 4`)
        wait for the first one's build and read it back, instead of each building the
        same site on every core at once. The lock is the kernel's (flock): a process
        that dies lets the next one go. Without a usable folder, nobody waits."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle = (self.folder / LOCK_NAME).open("a+b")
        except OSError:
            yield
            return
        with handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX)
                locked = True
            except OSError:  # a file system without locks (some network ones)
                locked = False
            try:
                yield
            finally:
                if locked:
                    fcntl.flock(handle, fcntl.LOCK_UN)

    def store(self, site_key: str, built: Built) -> None:
        """Write atomically (workers may start together), then drop the oldest builds."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".build.", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as handle:
                    _write(handle, site_key, built)
                os.replace(tmp, self.folder / (site_key + SUFFIX))
            finally:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(tmp)
            self._prune()
        except OSError as error:
            log.info("%s: not writable (%s); each start builds the site", self.folder, error)

    def _prune(self) -> None:
        def age(path: Path) -> float:
            try:
                return path.stat().st_mtime
            except FileNotFoundError:  # another worker pruned it meanwhile
                return 0.0

        stored = sorted(self.folder.glob("*" + SUFFIX), key=age, reverse=True)
        for old in stored[KEEP:]:
            with contextlib.suppress(FileNotFoundError):
                old.unlink()


def _write(handle: BinaryIO, site_key: str, built: Built) -> None:
    """A JSON header line (with every body's length), then the bodies in order."""
    bodies: list[bytes] = []

    def body(data: bytes) -> int:
        bodies.append(data)
        return len(data)

    header = {
        "key": site_key,
        "documents": [
            [doc.path, doc.media_type, doc.tag, body(doc.body)] for doc in built.documents
        ],
        "not_found": [[tag, body(data)] for tag, data in built.not_found.items()],
        "root_page": body(built.root_page),
        "unbuilt": sorted(built.unbuilt),
        "logged": built.logged,
    }
    handle.write(json.dumps(header, ensure_ascii=True).encode() + b"\n")
    for data in bodies:
        handle.write(data)


def _read(handle: BinaryIO, site_key: str) -> Built:
    header = json.loads(handle.readline())
    if header["key"] != site_key:
        raise ValueError("stored under another key")

    def body(length: int) -> bytes:
        if not isinstance(length, int) or length < 0:
            raise ValueError("a length in the header is not a length")
        data = handle.read(length)
        if len(data) != length:
            raise ValueError("the file is shorter than its header says")
        return data

    documents = [
        Document(str(path), str(media_type), body(length), str(tag))
        for path, media_type, tag, length in header["documents"]
    ]
    not_found = {str(tag): body(length) for tag, length in header["not_found"]}
    root_page = body(header["root_page"])
    if handle.read(1):
        raise ValueError("the file is longer than its header says")
    logged = [(str(name), int(level), str(message)) for name, level, message in header["logged"]]
    return Built(documents, not_found, root_page, frozenset(map(str, header["unbuilt"])), logged)


@contextlib.contextmanager
def recording(
    logger_name: str = "pwa", level: int = logging.WARNING
) -> Iterator[list[tuple[str, int, str]]]:
    """What the guide's loggers say at `level` or above while the block runs."""
    recorded: list[tuple[str, int, str]] = []

    class Recorder(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            recorded.append((record.name, record.levelno, record.getMessage()))

    handler = Recorder(level)
    logger = logging.getLogger(logger_name)
    logger.addHandler(handler)
    try:
        yield recorded
    finally:
        logger.removeHandler(handler)


def replay(logged: list[tuple[str, int, str]]) -> None:
    """Log again what the stored build logged, as it said it."""
    for name, level, message in logged:
        logging.getLogger(name).log(level, "%s", message)
