"""Generated documents served from memory: one response per document and encoding.

Every page, manifest and the worker is rendered once at startup (`pwa/build.py`), so a
request needs no template, catalog or file: it is a dict lookup. Each document has
an identity response built at startup and brotli and gzip responses built on first
use (brotli at its best quality takes about 15 ms for a page; compressing all of
them at startup would cost more than a second). Every encoding has its own strong
ETag, derived from the document's content hash, so all workers and restarts of the
same deployment agree on it and a revalidation costs a 304 with no body.

This is an ASGI layer in front of Starlette's router rather than an endpoint: the
guide's pages are then as fast to serve as a bare Starlette response of the same
bytes (benchmarks/throughput.py). Anything else (redirects, 404s, other methods)
falls through to the router.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

import brotli
from starlette.types import ASGIApp, Receive, Scope, Send

from pwa.assets import content_hash
from pwa.quality_values import weighted

# Pages, manifests and the worker may change with any deployment: always revalidate
# (cheap, thanks to their ETags). Hashed assets are the ones cached for good.
CACHE_CONTROL = "no-cache"
MAX_HEADER_LENGTH = 1024  # a browser's Accept-Encoding or If-None-Match is a few dozen bytes
MAX_ENTRIES = 32

# Best first. Both are deterministic (gzip without a timestamp), so the same document
# compresses to the same bytes in every worker and in the static export.
ENCODERS: dict[str, Callable[[bytes], bytes]] = {
    "br": lambda body: brotli.compress(body, quality=11),
    "gzip": lambda body: gzip.compress(body, compresslevel=9, mtime=0),
}
FILE_SUFFIXES = {"br": ".br", "gzip": ".gz"}  # what nginx's *_static modules look for
_ETAG_SUFFIXES = {"": "", "br": ".br", "gzip": ".gz"}

Headers = list[tuple[bytes, bytes]]


@dataclass(frozen=True)
class Document:
    """One generated response: a page, a manifest, a search index or the worker.

    Its `revision` is a hash of its exact bytes: the ETag here, and the revision the
    service worker lists it with (`pwa/offline.py`).
    """

    path: str
    media_type: str
    body: bytes
    tag: str = ""  # the locale it belongs to; "" for the whole site
    revision: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "revision", content_hash(self.body))


def encode(body: bytes, coding: str) -> bytes | None:
    """`body` compressed with `coding`, or None when that would not make it smaller."""
    encoded = ENCODERS[coding](body)
    return encoded if len(encoded) < len(body) else None


def choose_encoding(accept_encoding: str) -> str:
    """The best coding the client accepts ('br', 'gzip' or '' for none)."""
    accepted = accepted_encodings(accept_encoding)
    return accepted[0] if accepted else ""


def accepted_encodings(accept_encoding: str) -> tuple[str, ...]:
    """The codings of ENCODERS the client accepts, best first.

    Reads q-values, so `br;q=0` refuses brotli, and `*` stands for any coding not named.
    Only the header's first MAX_HEADER_LENGTH characters are read, and only they are
    cached: a client sending huge unique values cannot grow the server's memory.
    """
    return _accepted(accept_encoding[:MAX_HEADER_LENGTH])


@lru_cache(maxsize=256)
def _accepted(accept_encoding: str) -> tuple[str, ...]:
    weights = {
        coding.lower(): quality
        for coding, quality in weighted(accept_encoding, MAX_HEADER_LENGTH, MAX_ENTRIES)
    }
    return tuple(coding for coding in ENCODERS if weights.get(coding, weights.get("*", 0.0)) > 0)


def etag_suffix(coding: str) -> str:
    """What sets an encoded representation's strong ETag apart from the identity's."""
    return _ETAG_SUFFIXES.get(coding, "." + coding if coding else "")


def etag_matches(if_none_match: str, etag: str) -> bool:
    """RFC 9110's weak comparison, as If-None-Match asks for: a list, `W/` or `*`."""
    if if_none_match.strip() == "*":
        return True
    candidates = if_none_match[:MAX_HEADER_LENGTH].split(",")
    return any(candidate.strip().removeprefix("W/") == etag for candidate in candidates)


@dataclass(frozen=True)
class Variant:
    """One document in one encoding, with its response headers encoded once."""

    body: bytes
    etag: str
    headers: Headers
    not_modified: Headers


def make_variant(document: Document, coding: str, body: bytes) -> Variant:
    etag = f'"{document.revision}{etag_suffix(coding)}"'
    common = [
        (b"etag", etag.encode()),
        (b"cache-control", CACHE_CONTROL.encode()),
        (b"vary", b"Accept-Encoding"),
    ]
    headers = [
        (b"content-type", document.media_type.encode()),
        (b"content-length", str(len(body)).encode()),
        *common,
    ]
    if coding:
        headers.append((b"content-encoding", coding.encode()))
    return Variant(body, etag, headers, common)


class PageCache:
    """Each document's responses, keyed by path and then by encoding."""

    def __init__(self, documents: Mapping[str, Document]) -> None:
        self.documents = documents
        self.variants: dict[tuple[str, str], Variant] = {
            (path, ""): make_variant(document, "", document.body)
            for path, document in documents.items()
        }

    def variant(self, path: str, coding: str) -> Variant | None:
        """The response for `path` in `coding` (or identity if that does not help)."""
        found = self.variants.get((path, coding))
        if found is None:
            document = self.documents.get(path)
            if document is None:
                return None
            encoded = encode(document.body, coding)
            found = (
                make_variant(document, coding, encoded)
                if encoded is not None
                else self.variants[(path, "")]
            )
            # Two requests may race to fill this on first use; both compute the same bytes.
            self.variants[(path, coding)] = found
        return found


class ServePages:
    """ASGI middleware: GET and HEAD for a generated document come from the cache."""

    def __init__(self, app: ASGIApp, cache: PageCache) -> None:
        self.app = app
        self.cache = cache

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] not in ("GET", "HEAD")
            or scope["path"] not in self.cache.documents
        ):
            await self.app(scope, receive, send)
            return
        accept_encoding = if_none_match = ""
        for name, value in scope["headers"]:
            if name == b"accept-encoding":
                accept_encoding = value.decode("latin-1")
            elif name == b"if-none-match":
                if_none_match = value.decode("latin-1")
        variant = self.cache.variant(scope["path"], choose_encoding(accept_encoding))
        assert variant is not None  # the path is a document
        if if_none_match and etag_matches(if_none_match, variant.etag):
            await send(
                {"type": "http.response.start", "status": 304, "headers": variant.not_modified}
            )
            await send({"type": "http.response.body", "body": b""})
            return
        await send({"type": "http.response.start", "status": 200, "headers": variant.headers})
        body = variant.body if scope["method"] == "GET" else b""
        await send({"type": "http.response.body", "body": body})
