"""Serving static files from WhiteNoise's file table directly in ASGI.

WhiteNoise is a WSGI middleware; wrapping it for ASGI through a WSGI adapter costs
about 4x in throughput (see benchmarks/static_files.py). WhiteNoise's own file table
(`WhiteNoise.files`) and `StaticFile.get_response()` already do the work that
matters: choosing the brotli or gzip variant, ETag and Last-Modified revalidation,
ranges, cache headers and 405 for other methods. This thin ASGI layer turns an ASGI
request into what `get_response()` reads and sends its answer.

The guide's assets are few and small (its budget is a few tens of KB), so each
variant's bytes and encoded headers are read once at startup; a request then costs
one `get_response("HEAD")` to pick the variant and no file system access at all.
"""

from __future__ import annotations

from http import HTTPStatus
from pathlib import Path

from starlette.types import ASGIApp, Receive, Scope, Send
from whitenoise import WhiteNoise

from pwa.assets import STATIC_PREFIX, is_hashed

CHUNK = 64 * 1024
PRELOAD_LIMIT = 256 * 1024  # larger files are streamed from disk on each request
# The request headers StaticFile.get_response() reads, as WSGI environ keys.
_ENVIRON = {
    b"accept-encoding": "HTTP_ACCEPT_ENCODING",
    b"if-none-match": "HTTP_IF_NONE_MATCH",
    b"if-modified-since": "HTTP_IF_MODIFIED_SINCE",
    b"range": "HTTP_RANGE",
}
_ENCODINGS = ("br", "gzip", "")

Headers = list[tuple[bytes, bytes]]


def make_whitenoise(root: Path, max_age: int = 600) -> WhiteNoise:
    """WhiteNoise's file table for `root`, with hashed names cached for ten years."""
    files = WhiteNoise(
        None,
        max_age=max_age,
        allow_all_origins=False,
        immutable_file_test=lambda path, url: is_hashed(url),
    )
    files.add_files(str(root), prefix=STATIC_PREFIX)
    return files


def _encode(headers: list[tuple[str, str]]) -> Headers:
    return [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers]


def preload(whitenoise: WhiteNoise) -> dict[tuple[tuple[str, str], ...], tuple[Headers, bytes]]:
    """Every small variant's headers and bytes, keyed by the headers WhiteNoise gives it."""
    loaded = {}
    for static_file in whitenoise.files.values():
        for encoding in _ENCODINGS:
            response = static_file.get_response("GET", {"HTTP_ACCEPT_ENCODING": encoding})
            if response.file is None:
                continue
            with response.file as handle:
                body = handle.read(PRELOAD_LIMIT + 1)
            if len(body) <= PRELOAD_LIMIT:
                loaded[tuple(response.headers)] = (_encode(response.headers), body)
    return loaded


class StaticFiles:
    """ASGI middleware: answer `/static/...` from WhiteNoise, pass the rest on."""

    def __init__(self, app: ASGIApp, whitenoise: WhiteNoise) -> None:
        self.app = app
        self.files = whitenoise.files
        self.preloaded = preload(whitenoise)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(STATIC_PREFIX):
            await self.app(scope, receive, send)
            return
        static_file = self.files.get(scope["path"])
        if static_file is None:
            await self.app(scope, receive, send)
            return
        environ = {
            _ENVIRON[name]: value.decode("latin-1")
            for name, value in scope["headers"]
            if name in _ENVIRON
        }
        method = scope["method"]
        if method == "GET" and "HTTP_RANGE" not in environ:
            # HEAD gives the status and the chosen variant's headers without opening it.
            response = static_file.get_response("HEAD", environ)
            if response.status == HTTPStatus.OK:
                loaded = self.preloaded.get(tuple(response.headers))
                if loaded is not None:
                    headers, body = loaded
                    await send({"type": "http.response.start", "status": 200, "headers": headers})
                    await send({"type": "http.response.body", "body": body})
                    return
        await self._send(static_file.get_response(method, environ), send)

    @staticmethod
    async def _send(response, send: Send) -> None:  # type: ignore[no-untyped-def]
        await send(
            {
                "type": "http.response.start",
                "status": int(response.status),
                "headers": _encode(response.headers),
            }
        )
        if response.file is None:
            await send({"type": "http.response.body", "body": b""})
            return
        with response.file as handle:
            chunk = handle.read(CHUNK)
            while True:
                following = handle.read(CHUNK)
                await send(
                    {"type": "http.response.body", "body": chunk, "more_body": bool(following)}
                )
                if not following:
                    break
                chunk = following
