"""The application factory: everything is built here, at startup, never at import."""

from __future__ import annotations

import contextlib
import logging
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.routing import Route
from starlette.types import ASGIApp

from pwa import offline, translation_tools, webmanifest
from pwa.assets import AssetManifest
from pwa.catalogs import load_translations, read_review
from pwa.i18n import Translator
from pwa.locales import LocaleSet, missing_catalogs
from pwa.page_cache import ServePages
from pwa.read_only import ReadOnly
from pwa.security import SecurityHeaders
from pwa.settings import Settings
from pwa.site import TRANSLATIONS_PATH, GuideSite
from pwa.static_files import StaticFiles, make_whitenoise
from pwa.templating import SharedBytecode, jinja_options, make_environment
from pwa.webmanifest import ThemeColours

log = logging.getLogger(__name__)

STYLESHEET = "css/guide.css"  # the one stylesheet, which also chooses the theme colours


def build_site(settings: Settings, static_root: Path) -> GuideSite:
    """Discover the languages, load their catalogs and templates, hash the assets."""
    locales = LocaleSet.discover(settings.locales_dir)
    for catalog in missing_catalogs(settings.locales_dir):
        log.error("%s is missing: that language is not served until it is back", catalog)
    options = jinja_options(settings.mapping_file)
    bytecode = SharedBytecode()
    environments = {
        locale.tag: make_environment(
            settings.templates_dir,
            options,
            Translator(locale, load_translations(locale, settings.locales_dir)),
            bytecode,
        )
        for locale in locales
    }
    assets = AssetManifest.build(settings.static_dir, static_root)
    reviews = {
        locale.tag: read_review(locale.catalog_path(settings.locales_dir))
        for locale in locales
        if not locale.is_source
    }
    stylesheet = settings.static_dir / STYLESHEET
    # A missing stylesheet is logged when a page links it (AssetManifest.url).
    colours = ThemeColours.from_css(stylesheet.read_text("utf-8") if stylesheet.is_file() else "")
    site = GuideSite(
        settings,
        locales,
        environments,
        assets,
        reviews=reviews,
        colours=colours,
        worker_source=offline.read_source(),
        translation_stats=translation_tools.stats(settings.locales_dir),
    )
    log.info("guide ready: %d languages (%s)", len(locales), ", ".join(locales.tags))
    return site


def create_app(settings: Settings | None = None) -> ASGIApp:
    """Build the guide's ASGI application (uvicorn calls this with `factory=True`)."""
    settings = settings or Settings.from_env()
    static_root = tempfile.TemporaryDirectory(prefix="lms-guide-static-")
    site = build_site(settings, Path(static_root.name))

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        static_root.cleanup()

    methods = ["GET"]  # Starlette answers HEAD for GET routes
    app = Starlette(
        routes=[
            Route("/", site.choose_language, methods=methods),
            Route(TRANSLATIONS_PATH, site.not_generated, methods=methods),
            Route(offline.SCRIPT_PATH, site.not_generated, methods=methods),
            Route(f"/{{tag}}/{webmanifest.FILE_NAME}", site.not_generated, methods=methods),
            Route("/{tag}/", site.page, methods=methods),
            Route("/{tag}", site.page, methods=methods),
            Route("/{tag}/{slug}/", site.page, methods=methods),
            Route("/{tag}/{slug}", site.page, methods=methods),
        ],
        exception_handlers={HTTPException: site.http_error},
        lifespan=lifespan,
    )
    # The routes above redirect a missing trailing slash themselves, to the one
    # canonical address. Starlette's own slash redirect would answer `/en//` with a
    # temporary redirect to an absolute URL built from the Host header.
    app.router.redirect_slashes = False
    # Outside Starlette's own stack, so that pages and static files skip routing and
    # that every response, errors included, passes the host check and gets the
    # security headers.
    pages = ServePages(app, site.pages)
    served = StaticFiles(pages, make_whitenoise(Path(static_root.name)))
    read_only = ReadOnly(served)
    checked = TrustedHostMiddleware(read_only, allowed_hosts=list(settings.allowed_hosts))
    return SecurityHeaders(checked, force_hsts=settings.hsts)
