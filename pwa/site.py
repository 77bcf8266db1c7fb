"""The guide's pages: rendering a page of a locale, and the URL rules around it.

URL rules: `/{tag}/` and `/{tag}/{page}/` with BCP 47 tags; other spellings of a
known tag, and URLs without their trailing slash, redirect permanently to the
canonical URL; `/` sends the reader to their language; anything else is a 404 page
in the language the reader most likely reads.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from babel.dates import format_date
from jinja2 import Environment
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response

from pwa.assets import AssetManifest
from pwa.catalogs import Review
from pwa.glossary import GLOSSARY, in_reading_order
from pwa.locales import GuideLocale, LocaleSet
from pwa.negotiation import LANGUAGE_COOKIE, choose_locale
from pwa.pages import CONTENT_REVIEWED_ON, GLOSSARY_PAGE, PAGES, PAGES_BY_SLUG, Page, neighbours
from pwa.settings import Settings
from pwa.sources import SOURCES, Source

PAGE_HEADERS = {"Cache-Control": "no-cache"}


@dataclass(frozen=True)
class Alternate:
    locale: GuideLocale
    href: str


class GuideSite:
    """Everything needed to answer a request, built once at startup."""

    def __init__(
        self,
        settings: Settings,
        locales: LocaleSet,
        environments: dict[str, Environment],
        assets: AssetManifest,
        reviews: Mapping[str, Review] | None = None,
    ) -> None:
        self.settings = settings
        self.locales = locales
        self.environments = environments
        self.assets = assets
        # A translated locale without a review entry is a draft.
        self.reviews = dict(reviews or {})
        # Sorted, formatted and looked up once per language, not on every request.
        self.content = {locale.tag: self._content_context(locale) for locale in locales}

    # Rendering -----------------------------------------------------------------

    def absolute(self, path: str) -> str:
        return self.settings.base_url + path

    def render(self, locale: GuideLocale, page: Page | None, template: str) -> str:
        """One page of one locale as HTML; `page` is None for error pages."""
        environment = self.environments[locale.tag]
        previous, following = neighbours(page) if page else (None, None)
        # Error pages have no page of their own: their links lead to the home page.
        here = page or PAGES[0]
        alternates = (
            [Alternate(other, self.absolute(page.path(other.tag))) for other in self.locales]
            if page
            else []
        )
        context: dict[str, Any] = {
            "locale": locale,
            "locales": self.locales,
            "page": page,
            "pages": PAGES,
            "previous": previous,
            "next": following,
            "alternates": alternates,
            "x_default": self.absolute("/"),
            "sources": [SOURCES[key] for key in page.sources] if page else [],
            "settings": self.settings,
            "static": self.assets.url,
            "language_cookie": LANGUAGE_COOKIE,
            "page_for": lambda other: here.path(other.tag),
            "english_url": here.path(self.locales.source.tag),
        }
        context.update(self.content[locale.tag])
        return environment.get_template(template).render(context)

    def _content_context(self, locale: GuideLocale) -> dict[str, Any]:
        """What the guide's text refers to: glossary, other pages, dates, review."""
        review = self.reviews.get(locale.tag, Review())
        translate = self.environments[locale.tag].globals["gettext"]

        def long_date(day: date) -> str:
            return format_date(day, format="long", locale=locale.babel)

        def source_date(source: Source) -> str:
            # A full ISO date is formatted for the reader; a bare year stays as is.
            if len(source.date) == 10:
                return long_date(date.fromisoformat(source.date))
            return source.date

        return {
            "glossary": GLOSSARY_PAGE.path(locale.tag),
            # The glossary is sorted by the reader's own words.
            "glossary_terms": in_reading_order(GLOSSARY, translate),
            "link": lambda slug: PAGES_BY_SLUG[slug].path(locale.tag),
            "source_dates": {key: source_date(source) for key, source in SOURCES.items()},
            "reviewed_on": long_date(CONTENT_REVIEWED_ON),
            "draft_translation": not locale.is_source and not review.is_reviewed,
            "translation_reviewer": review.reviewer,
            "translation_reviewed_on": long_date(review.reviewed_on) if review.reviewed_on else "",
        }

    # Endpoints -----------------------------------------------------------------

    async def choose_language(self, request: Request) -> Response:
        """`/`: send the reader to the guide in their language."""
        locale = self.reader_locale(request)
        return RedirectResponse(
            PAGES[0].path(locale.tag),
            status_code=302,
            headers={"Vary": "Accept-Language, Cookie", "Cache-Control": "private, no-cache"},
        )

    async def page(self, request: Request) -> Response:
        tag = request.path_params["tag"]
        slug = request.path_params.get("slug", "")
        locale = self.locales.get(tag)
        if locale is None:
            raise HTTPException(404)
        page = PAGES_BY_SLUG.get(slug)
        if locale.tag != tag or not request.url.path.endswith("/"):
            # A known language spelled another way (/pt_br/, /ES/) or a missing
            # trailing slash: one canonical URL per page, so caches and bookmarks agree.
            target = f"/{locale.tag}/{slug}/" if slug else f"/{locale.tag}/"
            if request.url.query:
                target += "?" + request.url.query
            return RedirectResponse(target, status_code=301)
        if page is None:
            raise HTTPException(404)
        html = self.render(locale, page, page.template)
        return HTMLResponse(html, headers=PAGE_HEADERS)

    async def http_error(self, request: Request, exc: Exception) -> Response:
        """404s become a guide page in the reader's language; other errors stay plain."""
        assert isinstance(exc, HTTPException)
        if exc.status_code != 404:
            return PlainTextResponse(exc.detail, status_code=exc.status_code, headers=exc.headers)
        locale = self.error_locale(request)
        html = self.render(locale, None, "errors/404.html")
        return HTMLResponse(html, status_code=404, headers=PAGE_HEADERS)

    def error_locale(self, request: Request) -> GuideLocale:
        """The language of the URL if it names one, else the reader's own."""
        first = request.url.path.strip("/").split("/", 1)[0]
        return self.locales.get(first) or self.reader_locale(request)

    def reader_locale(self, request: Request) -> GuideLocale:
        """The language the reader chose before, else their browser's, else English."""
        return choose_locale(
            request.cookies.get(LANGUAGE_COOKIE),
            request.headers.get("accept-language"),
            self.locales,
        )
