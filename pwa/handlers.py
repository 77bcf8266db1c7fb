"""The HTTP answers that are not a built document: choosing a language, canonical
redirects and "not found".

Every page, manifest and the worker is answered before routing, from memory
(`pwa/serving/documents.py`). What reaches these handlers is what is left:

- `/` sends the reader to their language (the choice they made before, else their
  browser's languages, else English);
- a known language spelled another way (`/pt_br/`, `/ES/`) or an address without its
  trailing slash redirects permanently to the one canonical URL;
- a page whose template failed answers 503; anything else is a 404 page in the
  language the reader most likely reads.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from pwa import offline, webmanifest
from pwa.build import Site
from pwa.i18n.locales import GuideLocale
from pwa.i18n.negotiation import LANGUAGE_COOKIE, choose_locale
from pwa.pages import HOME_PAGE, TRANSLATIONS_PATH
from pwa.serving.documents import CACHE_CONTROL

PAGE_HEADERS = {"Cache-Control": CACHE_CONTROL}


class Handlers:
    """The router's endpoints, over one built site."""

    def __init__(self, site: Site) -> None:
        self.site = site

    def routes(self) -> list[Route]:
        methods = ["GET"]  # Starlette answers HEAD for GET routes
        return [
            Route("/", self.choose_language, methods=methods),
            # Exact paths of generated files: when one reaches the router, this
            # deployment did not generate it (a preview has no /sw.js).
            Route(TRANSLATIONS_PATH, self.not_generated, methods=methods),
            Route(offline.SCRIPT_PATH, self.not_generated, methods=methods),
            Route(f"/{{tag}}/{webmanifest.FILE_NAME}", self.not_generated, methods=methods),
            Route("/{tag}/", self.page, methods=methods),
            Route("/{tag}", self.page, methods=methods),
            Route("/{tag}/{slug}/", self.page, methods=methods),
            Route("/{tag}/{slug}", self.page, methods=methods),
        ]

    async def choose_language(self, request: Request) -> Response:
        """`/`: send the reader to the guide in their language."""
        locale = self.reader_locale(request)
        return RedirectResponse(
            HOME_PAGE.path(locale.tag),
            status_code=302,
            headers={"Vary": "Accept-Language, Cookie", "Cache-Control": "private, no-cache"},
        )

    async def page(self, request: Request) -> Response:
        """An address in a language folder that is not a built document."""
        tag = request.path_params["tag"]
        slug = request.path_params.get("slug", "")
        locale = self.site.locales.get(tag)
        if locale is None:
            raise HTTPException(404)
        if locale.tag != tag or not request.url.path.endswith("/"):
            # A known language spelled another way (/pt_br/, /ES/) or a missing
            # trailing slash: one canonical URL per page, so caches and bookmarks agree.
            target = f"/{locale.tag}/{slug}/" if slug else f"/{locale.tag}/"
            if request.url.query:
                target += "?" + request.url.query
            return RedirectResponse(target, status_code=301)
        if request.url.path in self.site.unbuilt:
            return PlainTextResponse(
                "This page could not be built. The server's log says why.",
                status_code=503,
                headers={"Cache-Control": "no-store"},
            )
        raise HTTPException(404)

    async def not_generated(self, request: Request) -> Response:
        raise HTTPException(404)

    async def http_error(self, request: Request, exc: Exception) -> Response:
        """404s become a guide page in the reader's language; other errors stay plain."""
        assert isinstance(exc, HTTPException)
        if exc.status_code != 404:
            return PlainTextResponse(exc.detail, status_code=exc.status_code, headers=exc.headers)
        first = request.url.path.strip("/").split("/", 1)[0]
        locale = self.site.locales.get(first)
        if locale is not None:  # the language the address names
            return HTMLResponse(self.site.not_found[locale.tag], 404, headers=PAGE_HEADERS)
        # Outside a language folder, the reader's own language: a shared cache must
        # keep one copy per language choice, or a French 404 reaches a Russian reader.
        locale = self.reader_locale(request)
        headers = {**PAGE_HEADERS, "Vary": "Accept-Language, Cookie"}
        return HTMLResponse(self.site.not_found[locale.tag], 404, headers=headers)

    def reader_locale(self, request: Request) -> GuideLocale:
        """The language the reader chose before, else their browser's, else English."""
        return choose_locale(
            request.cookies.get(LANGUAGE_COOKIE),
            request.headers.get("accept-language"),
            self.site.locales,
        )
