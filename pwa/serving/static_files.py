"""Static files (the hashed assets) served straight from ASGI, by WhiteNoise's rules.

WhiteNoise decides every header (variant, ETag, Last-Modified, ranges, caching); the
coupling to its internals lives in `whitenoise_table.py`. This layer turns an ASGI
request into what WhiteNoise reads and sends its answer.

The guide's assets are few and small (its budget is a few tens of KB), so each
variant's bytes and encoded headers are read once at startup; a request then costs
one HEAD answer from WhiteNoise to pick the variant and no file system access at all.
"""

from __future__ import annotations

from http import HTTPStatus
from pathlib import Path

from starlette.types import ASGIApp, Receive, Scope, Send

from pwa.assets import STATIC_PREFIX, is_hashed
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
                loaded[tuple(answer.headers)] = (_encode(answer.headers), body)
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
        method = scope["method"]
        if method == "GET" and "HTTP_RANGE" not in environ:
            # HEAD gives the status and the chosen variant's headers without opening it.
            answer = self.table.answer(path, "HEAD", environ)
            if answer.status == HTTPStatus.OK:
                loaded = self.preloaded.get(tuple(answer.headers))
                if loaded is not None:
                    headers, body = loaded
                    await send({"type": "http.response.start", "status": 200, "headers": headers})
                    await send({"type": "http.response.body", "body": body})
                    return
        await _send(self.table.answer(path, method, environ), send)


async def _send(answer: Answer, send: Send) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": answer.status,
            "headers": _encode(answer.headers),
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
