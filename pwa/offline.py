"""Offline reading: the service worker script and the precache list it carries.

Every page of every locale is rendered once at startup (`pwa/build.py`), so the
exact bytes a reader will get are known before the first request. The precache
list is derived from those documents and from the hashed assets, never written by
hand: each URL with a revision (a hash of its bytes), so that an update downloads
only what changed. The list and a version hash are prepended to the worker's
source from `service_worker/sw.js`; any change to a page, an asset or the worker
itself changes `/sw.js`, which is how browsers notice that a new version exists.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from pwa.assets import content_hash, minify_js
from pwa.pages import HOME_PAGE, OFFLINE_PAGE
from pwa.serving.documents import Document
from pwa.settings import PROJECT_ROOT

SOURCE = PROJECT_ROOT / "service_worker" / "sw.js"
SCRIPT_PATH = "/sw.js"
SCRIPT_MEDIA_TYPE = "text/javascript; charset=utf-8"


def revision(body: bytes) -> str:
    """A short content hash, the same one that names hashed assets.

    The worker recomputes it over what it downloads (SHA-256, first 6 bytes in hex)
    and refuses a response whose bytes are not the ones listed.
    """
    return content_hash(body)


def precache_list(
    documents: Iterable[Document], assets: Mapping[str, str], tags: Iterable[str]
) -> dict[str, Any]:
    """What the worker saves: every asset and, per locale, its documents, each URL
    with its revision. A locale's `home` is its first page and `offline` the page
    the worker shows for anything not saved."""
    locales: dict[str, dict[str, Any]] = {
        tag: {"home": HOME_PAGE.path(tag), "offline": OFFLINE_PAGE.path(tag), "pages": {}}
        for tag in tags
    }
    for document in documents:
        if document.tag in locales:
            locales[document.tag]["pages"][document.path] = document.revision
    for tag, locale in locales.items():
        missing = {locale["home"], locale["offline"]} - locale["pages"].keys()
        if missing:
            raise ValueError(f"{tag}: no document for {sorted(missing)}")
    return {"shared": dict(assets), "locales": locales}


def service_worker(source: str, precache: dict[str, Any]) -> Document:
    """`/sw.js`: the worker's source with its version and precache list in front."""
    listing = json.dumps(precache, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    version = revision(f"{listing}\n{source}".encode())
    script = (
        "// Generated at startup by pwa/offline.py from the pages and assets; do not edit.\n"
        f'const VERSION = "{version}";\n'
        f"const PRECACHE = {listing};\n\n{source}"
    )
    return Document(SCRIPT_PATH, SCRIPT_MEDIA_TYPE, script.encode())


def read_source(path: Path = SOURCE) -> str:
    """The worker's source as served: minified like every other script."""
    return minify_js(path.read_text(encoding="utf-8"))
