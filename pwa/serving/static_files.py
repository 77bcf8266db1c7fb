"""Static files (the hashed assets) served straight from ASGI, by WhiteNoise's rules.

WhiteNoise decides the variant, Last-Modified, ranges and caching; the coupling to
its internals lives in `whitenoise_table.py`. This layer turns an ASGI request into
what WhiteNoise reads and sends its answer, and mends three places where WhiteNoise
departs from RFC 9110:

- it picks brotli whenever "br" appears in Accept-Encoding, even as `br;q=0`: it
  is given only the codings the client accepts (`documents.accepted_encodings`);
- it sends one ETag for the identity, gzip and brotli bodies: each representation
  gets its own (`"…-….br"`, as the built documents do), and If-None-Match is
  compared here, against that ETag, taking precedence over If-Modified-Since;
- it ignores If-Range: a Range whose If-Range does not match is answered in full.

The guide's assets are few and small (its budget is a few tens of KB), so each
variant's bytes and encoded headers are read once at startup; a request then costs
one HEAD answer from WhiteNoise to pick the variant and no file system access at all.
"""

from __future__ import annotations

from http import HTTPStatus
from pathlib import Path

from starlette.types import ASGIApp, Receive, Scope, Send

from pwa.assets import STATIC_PREFIX, is_hashed
from pwa.serving.documents import accepted_encodings, etag_matches, etag_suffix
from pwa.serving.whitenoise_table import Answer, FileTable, environ_of

CHUNK = 64 * 1024
PRELOAD_LIMIT = 256 * 1024  # larger files are streamed from disk on each request
MAX_AGE = 600  # unhashed names (a stale page's link); hashed ones are cached for good
_ENCODINGS = ("br", "gzip", "")

Headers = list[tuple[bytes, bytes]]
Preloaded = dict[tuple[tuple[str, str], ...], tuple[Headers, bytes]]


def file_table(root: Path) -> FileTable:
    """The assets under `root`, with hashed names cached for ten years (immutable)."""
    return FileTable(root, STATIC_PREFIX, MAX_AGE, is_hashed)


def _encode(headers: list[tuple[str, str]]) -> Headers:
    return [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers]


def representation_headers(headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """WhiteNoise's headers with an ETag of the representation sent, not of the file."""
    coding = next((value for name, value in headers if name.lower() == "content-encoding"), "")
    suffix = etag_suffix(coding)
    if not suffix:
        return headers
    return [
        (
            name,
            value[:-1] + suffix + '"' if name.lower() == "etag" and value.endswith('"') else value,
        )
        for name, value in headers
    ]


# What a 304 repeats of the 200 it stands for (RFC 9110, 15.4.5).
_NOT_MODIFIED_HEADERS = {"etag", "cache-control", "vary", "expires", "last-modified"}


def _if_range_matches(if_range: str, headers: list[tuple[str, str]]) -> bool:
    """If-Range holds a strong ETag or an HTTP date; only an exact match allows a Range."""
    wanted = if_range.strip()
    for name, value in headers:
        if name.lower() in ("etag", "last-modified") and value == wanted:
            return not wanted.startswith("W/")
    return False


def preload(table: FileTable) -> Preloaded:
    """Every small variant's headers and bytes, keyed by the headers WhiteNoise gives it."""
    loaded: Preloaded = {}
    for url in table:
        for encoding in _ENCODINGS:
            answer = table.answer(url, "GET", {"HTTP_ACCEPT_ENCODING": encoding})
            if answer.file is None:
                continue
            with answer.file as handle:
                body = handle.read(PRELOAD_LIMIT + 1)
            if len(body) <= PRELOAD_LIMIT:
                headers = representation_headers(answer.headers)
                loaded[tuple(answer.headers)] = (_encode(headers), body)
    return loaded


class StaticFiles:
    """ASGI middleware: answer `/static/...` from the file table, pass the rest on."""

    def __init__(self, app: ASGIApp, table: FileTable) -> None:
        self.app = app
        self.table = table
        self.preloaded = preload(table)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or not path.startswith(STATIC_PREFIX) or path not in self.table:
            await self.app(scope, receive, send)
            return
        environ = environ_of(scope["headers"])
        environ["HTTP_ACCEPT_ENCODING"] = ", ".join(
            accepted_encodings(environ.get("HTTP_ACCEPT_ENCODING", ""))
        )
        if_none_match = environ.pop("HTTP_IF_NONE_MATCH", "")
        if_range = environ.pop("HTTP_IF_RANGE", None)
        if if_none_match:
            environ.pop("HTTP_IF_MODIFIED_SINCE", None)  # If-None-Match wins (RFC 9110)
        method = scope["method"]
        # HEAD gives the status and the chosen variant's headers without opening it.
        head = self.table.answer(
            path, "HEAD", {k: v for k, v in environ.items() if k != "HTTP_RANGE"}
        )
        if head.status == HTTPStatus.OK:
            headers = representation_headers(head.headers)
            etag = next((value for name, value in headers if name.lower() == "etag"), "")
            if if_none_match and etag and etag_matches(if_none_match, etag):
                kept = [(n, v) for n, v in headers if n.lower() in _NOT_MODIFIED_HEADERS]
                await send({"type": "http.response.start", "status": 304, "headers": _encode(kept)})
                await send({"type": "http.response.body", "body": b""})
                return
            if if_range is not None and not _if_range_matches(if_range, headers):
                environ.pop("HTTP_RANGE", None)  # not the representation they hold: all of it
            if method == "GET" and "HTTP_RANGE" not in environ:
                loaded = self.preloaded.get(tuple(head.headers))
                if loaded is not None:
                    encoded, body = loaded
                    await send({"type": "http.response.start", "status": 200, "headers": encoded})
                    await send({"type": "http.response.body", "body": body})
                    return
        await _send(self.table.answer(path, method, environ), send)


async def _send(answer: Answer, send: Send) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": answer.status,
            "headers": _encode(representation_headers(answer.headers)),
        }
    )
    if answer.file is None:
        await send({"type": "http.response.body", "body": b""})
        return
    with answer.file as handle:
        chunk = handle.read(CHUNK)
        while True:
            following = handle.read(CHUNK)
            await send({"type": "http.response.body", "body": chunk, "more_body": bool(following)})
            if not following:
                break
            chunk = following
