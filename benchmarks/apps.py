"""Comparison apps for benchmarks/static_files.py (uvicorn factories).

BENCH_FILE names the file to serve, BENCH_ROOT the directory WhiteNoise indexes.
"""

from __future__ import annotations

import os
from pathlib import Path

from starlette.applications import Starlette
from starlette.responses import Response
from starlette.routing import Route
from whitenoise import WhiteNoise


def bare() -> Starlette:
    """A bare Starlette response of the same bytes: the ceiling to compare with."""
    path = Path(os.environ["BENCH_FILE"])
    body = path.read_bytes()
    headers = {"Cache-Control": "max-age=315360000, public, immutable"}

    async def asset(request: object) -> Response:
        return Response(body, media_type="text/css", headers=headers)

    return Starlette(routes=[Route("/{path:path}", asset)])


def wsgi_whitenoise():  # type: ignore[no-untyped-def]
    """WhiteNoise as its docs use it: a WSGI app (served by uvicorn's WSGI interface)."""

    def not_found(environ, start_response):  # type: ignore[no-untyped-def]
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not found"]

    return WhiteNoise(not_found, root=os.environ["BENCH_ROOT"], prefix="/static/")
