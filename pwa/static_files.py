"""Serving static files from WhiteNoise's file table directly in ASGI.

WhiteNoise is a WSGI middleware; wrapping it for ASGI through a WSGI adapter costs
about 6x in throughput (see benchmarks/static_files.py). WhiteNoise's own file table
(`WhiteNoise.files`) and `StaticFile.get_response()` already do the work that
matters: content negotiation of brotli/gzip variants, ETag and Last-Modified
revalidation, ranges, cache headers and 405 for other methods. This thin ASGI layer
only turns an ASGI request into what `get_response()` reads and sends its answer.
"""

from __future__ import annotations

from pathlib import Path

from starlette.types import ASGIApp, Receive, Scope, Send
from whitenoise import WhiteNoise

from pwa.assets import STATIC_PREFIX, is_hashed

CHUNK = 64 * 1024


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


class StaticFiles:
    """ASGI middleware: answer `/static/...` from WhiteNoise, pass the rest on."""

    def __init__(self, app: ASGIApp, whitenoise: WhiteNoise) -> None:
        self.app = app
        self.files = whitenoise.files

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(STATIC_PREFIX):
            await self.app(scope, receive, send)
            return
        static_file = self.files.get(scope["path"])
        if static_file is None:
            await self.app(scope, receive, send)
            return
        environ = {
            "HTTP_" + name.decode("latin-1").upper().replace("-", "_"): value.decode("latin-1")
            for name, value in scope["headers"]
        }
        response = static_file.get_response(scope["method"], environ)
        headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in response.headers]
        await send(
            {"type": "http.response.start", "status": int(response.status), "headers": headers}
        )
        if response.file is None:
            await send({"type": "http.response.body", "body": b""})
            return
        # Assets are a few KB (the guide's budget keeps them small), so reading them
        # inline is cheaper than a thread hop per request.
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
