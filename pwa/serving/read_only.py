"""The guide is read-only: GET and HEAD, nothing else, at every address.

Checked before routing, so that a POST to a page, a static file or an address that
does not exist gets the same 405 answer with `Allow`, and nothing behind this layer
ever sees a method it was not written for. (Starlette's routes and WhiteNoise answer
405 for their own addresses only; an unknown address would get a 404.)
"""

from __future__ import annotations

from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send

ALLOWED = ("GET", "HEAD")
ALLOW = ", ".join(ALLOWED)


class ReadOnly:
    """ASGI middleware: 405 with `Allow: GET, HEAD` for every other method."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ALLOWED:
            await self.app(scope, receive, send)
            return
        refused = PlainTextResponse("Method Not Allowed", status_code=405, headers={"Allow": ALLOW})
        await refused(scope, receive, send)
