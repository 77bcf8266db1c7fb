"""The application factory: build the site, then stack the layers that serve it.

Read top-down, this is the path a request takes. The site is built once, at startup,
never at import (`pwa/build.py`). The layers are declared outermost first, as
Starlette's own `build_middleware_stack` does, and each one either answers or passes
the request inwards:

1. security headers, on every response that leaves, errors included;
2. the host check (400 for a Host the deployment does not serve);
3. read-only: GET and HEAD only, 405 with `Allow` for anything else;
4. static files: the hashed assets, from WhiteNoise's file table;
5. pages: every built document (page, manifest, search index, /sw.js), from memory;
6. the router, for what is left (`pwa/handlers.py`): `/`, canonical redirects, 404s.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp

from pwa.build import build_site
from pwa.handlers import Handlers
from pwa.serving.documents import PageCache, ServePages
from pwa.serving.read_only import ReadOnly
from pwa.serving.security import SecurityHeaders
from pwa.serving.static_files import StaticFiles, file_table
from pwa.settings import Settings


def create_app(settings: Settings | None = None) -> ASGIApp:
    """Build the guide's ASGI application (uvicorn calls this with `factory=True`)."""
    settings = settings or Settings.from_env()
    static_root = tempfile.TemporaryDirectory(prefix="lms-guide-static-")
    site = build_site(settings, Path(static_root.name))

    layers = [
        Middleware(SecurityHeaders, force_hsts=settings.hsts),
        Middleware(TrustedHostMiddleware, allowed_hosts=list(settings.allowed_hosts)),
        Middleware(ReadOnly),
        Middleware(StaticFiles, table=file_table(Path(static_root.name))),
        Middleware(ServePages, cache=PageCache(site.documents)),
    ]

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        static_root.cleanup()

    handlers = Handlers(site)
    router = Starlette(
        routes=handlers.routes(),
        exception_handlers={HTTPException: handlers.http_error},
        lifespan=lifespan,
    )
    # The routes redirect a missing trailing slash themselves, to the one canonical
    # address. Starlette's own slash redirect would answer `/en//` with a temporary
    # redirect to an absolute URL built from the Host header.
    router.router.redirect_slashes = False

    # Outside Starlette's own middleware stack, so that pages and static files skip
    # routing, and every response, errors included, passes the layers above them.
    app: ASGIApp = router
    for cls, args, kwargs in reversed(layers):
        app = cls(app, *args, **kwargs)
    return app
