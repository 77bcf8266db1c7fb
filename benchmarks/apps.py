"""Comparison apps for benchmarks/throughput.py (Granian factories).

BENCH_FILE names a file of the exact bytes the guide sends (BENCH_TYPE and
BENCH_ENCODING its media type and encoding); BENCH_ROOT the folder WhiteNoise indexes.
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
    body = Path(os.environ["BENCH_FILE"]).read_bytes()
    headers = {"Cache-Control": "no-cache"}
    if os.environ.get("BENCH_ENCODING"):
        headers["Content-Encoding"] = os.environ["BENCH_ENCODING"]
    media_type = os.environ.get("BENCH_TYPE", "text/html; charset=utf-8")

    async def respond(request: object) -> Response:
        return Response(body, media_type=media_type, headers=headers)

    return Starlette(routes=[Route("/{path:path}", respond)])


def wsgi_whitenoise():  # type: ignore[no-untyped-def]
    """WhiteNoise as its docs use it: a WSGI app (served by Granian's WSGI interface)."""

    def not_found(environ, start_response):  # type: ignore[no-untyped-def]
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not found"]

    return WhiteNoise(not_found, root=os.environ["BENCH_ROOT"], prefix="/static/")
