"""The guide's pages: rendering a page of a locale, and the URL rules around it.

URL rules: `/{tag}/` and `/{tag}/{page}/` with BCP 47 tags; other spellings of a
known tag, and URLs without their trailing slash, redirect permanently to the
canonical URL; `/` sends the reader to their language; anything else is a 404 page
in the language the reader most likely reads.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from babel.dates import format_date
from jinja2 import Environment
from markupsafe import Markup
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response

from pwa import offline, page_cache, poster, search_index, webmanifest
from pwa.assets import AssetManifest
from pwa.catalogs import Review
from pwa.glossary import GLOSSARY, in_reading_order
from pwa.locales import GuideLocale, LocaleSet
from pwa.negotiation import LANGUAGE_COOKIE, browser_exceptions, choose_locale
from pwa.offline import Document
from pwa.pages import (
    CONTENT_REVIEWED_ON,
    GLOSSARY_PAGE,
    HOME_PAGE,
    LANGUAGES_PAGE,
    OFFLINE_PAGE,
    PAGES,
    PAGES_BY_SLUG,
    POSTER_PAGE,
    PRINT_PAGE,
    SEARCH_PAGE,
    UTILITY_PAGES,
    Page,
    neighbours,
)
from pwa.rendering import RenderFailures
from pwa.settings import Settings
from pwa.sources import SOURCES, Source
from pwa.translation_tools import Stats
from pwa.webmanifest import ThemeColours

HTML = "text/html; charset=utf-8"
PAGE_HEADERS = {"Cache-Control": page_cache.CACHE_CONTROL}
TRANSLATIONS_PATH = "/translations/"
# Where the service worker writes how much it saved; filled in by guide.js.
OFFLINE_SIZE_SLOT = Markup('<span class="offline-size" data-offline-size></span>')


@dataclass(frozen=True)
class TranslationRow:
    locale: GuideLocale
    stats: Stats


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
        reviews: Mapping[str, Review],
        colours: ThemeColours,
        worker_source: str,
        translation_stats: Sequence[Stats] = (),
    ) -> None:
        self.settings = settings
        self.locales = locales
        self.environments = environments
        self.assets = assets
        # A translated locale without a review entry is a draft.
        self.reviews = dict(reviews)
        self.colours = colours
        self.translation_stats = [
            TranslationRow(locale, row)
            for row in translation_stats
            if (locale := locales.get(row.tag)) is not None
        ]
        # Sorted, formatted and looked up once per language, not on every request.
        self.content = {locale.tag: self._content_context(locale) for locale in locales}
        # A template that fails (deleted, or broken while a preview runs) costs the
        # pages made from it, not the site: those answer 503, the log says why once.
        self.failures = RenderFailures()
        # Every page, utility page, manifest and search index of every locale, made
        # once: what a reader downloads is fixed at startup, which is what lets the
        # service worker list each URL with a revision of its exact bytes.
        self.documents: dict[str, Document] = {
            document.path: document for document in self._documents()
        }
        # A language can be saved for offline reading only with its home and offline
        # pages (the worker needs both).
        saveable = [
            tag
            for tag in self.locales.tags
            if {HOME_PAGE.path(tag), OFFLINE_PAGE.path(tag)} <= self.documents.keys()
        ]
        self.worker = offline.service_worker(
            worker_source,
            offline.precache_list(self.documents.values(), self.assets.revisions(), saveable),
        )
        if settings.offline:  # previews (`serve --reload`) have no worker
            self.documents[self.worker.path] = self.worker
        self.pages = page_cache.PageCache(self.documents)
        # The "not found" page of each language: the same for every missing address.
        self.not_found = {
            locale.tag: (
                self.failures.attempt(
                    "/404", lambda locale=locale: self.render(locale, None, "errors/404.html")
                )
                or "Not found"
            ).encode()
            for locale in locales
        }
        self.failures.report()

    # Rendering -----------------------------------------------------------------

    def absolute(self, path: str) -> str:
        return self.settings.base_url + path

    def render(
        self, locale: GuideLocale, page: Page | None, template: str, **extra: Any
    ) -> str:
        """One page of one locale as HTML; `page` is None for pages outside the guide."""
        environment = self.environments[locale.tag]
        in_guide = page in PAGES
        previous, following = neighbours(page) if page and in_guide else (None, None)
        # Error, offline and language pages are not part of the guide: their language
        # link leads to the home page, and search engines are not told about them.
        # Nor are they without the site's address: they take only absolute URLs.
        here = page if page and in_guide else PAGES[0]
        alternates = (
            [Alternate(other, self.absolute(here.path(other.tag))) for other in self.locales]
            if in_guide and self.settings.base_url
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
            "languages_page": LANGUAGES_PAGE,
            # The languages page offers the same page in each language (guide.js
            # follows `?page=`; without JavaScript its links lead to each home page).
            "languages_url": LANGUAGES_PAGE.path(locale.tag)
            + (f"?page={here.slug}" if here.slug else ""),
            "page_slugs": [entry.slug for entry in PAGES if entry.slug],
            "print_page": PRINT_PAGE,
            "search_page": SEARCH_PAGE,
            "search_url": SEARCH_PAGE.path(locale.tag),
            "search_index_url": search_index.path(locale.tag),
            "print_url": PRINT_PAGE.path(locale.tag),
            "poster_url": POSTER_PAGE.path(locale.tag),
            # The poster's QR code needs the guide's public address.
            "guide_url": (
                self.absolute(HOME_PAGE.path(locale.tag)) if self.settings.base_url else ""
            ),
            "qr_code": poster.qr_code,
            "english_url": here.path(self.locales.source.tag),
            "manifest_url": webmanifest.path(locale.tag),
            "apple_touch_icon": webmanifest.APPLE_TOUCH_ICON,
            "colours": self.colours,
            "offline_size": OFFLINE_SIZE_SLOT,
            "translation_stats": self.translation_stats,
        }
        context.update(self.content[locale.tag])
        context.update(extra)
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

    def _documents(self) -> list[Document]:
        documents = []
        for locale in self.locales:
            readable = []
            for page in (*PAGES, *UTILITY_PAGES):
                path = page.path(locale.tag)
                html = self.failures.attempt(
                    path, lambda locale=locale, page=page: self.render(locale, page, page.template)
                )
                if html is not None:
                    documents.append(Document(path, HTML, html.encode(), locale.tag))
                    if page in PAGES:
                        readable.append((path, html))
            index = search_index.search_index(readable)
            documents.append(
                Document(search_index.path(locale.tag), search_index.MEDIA_TYPE, index, locale.tag)
            )
            manifest = webmanifest.web_manifest(
                locale,
                self.environments[locale.tag].globals["gettext"],
                self.assets.url,
                self.colours,
            )
            body = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            path = webmanifest.path(locale.tag)
            documents.append(Document(path, webmanifest.MEDIA_TYPE, body, locale.tag))
        # For translators and clinics, in English; not part of any saved language.
        status = self.failures.attempt(
            TRANSLATIONS_PATH, lambda: self.render(self.locales.source, None, "translations.html")
        )
        if status is not None:
            documents.append(Document(TRANSLATIONS_PATH, HTML, status.encode()))
        return documents

    def language_chooser(self) -> str:
        """The static export's `/`, which picks the reader's language in the browser."""
        names = {
            locale.tag: self.environments[locale.tag].globals["gettext"](
                "Leiomyosarcoma family guide"
            )
            for locale in self.locales
        }
        return self.render(
            self.locales.source,
            None,
            "choose.html",
            guide_names=names,
            language_exceptions=browser_exceptions(self.locales),
        )

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
        if locale.tag != tag or not request.url.path.endswith("/"):
            # A known language spelled another way (/pt_br/, /ES/) or a missing
            # trailing slash: one canonical URL per page, so caches and bookmarks agree.
            target = f"/{locale.tag}/{slug}/" if slug else f"/{locale.tag}/"
            if request.url.query:
                target += "?" + request.url.query
            return RedirectResponse(target, status_code=301)
        if request.url.path in self.failures.paths:
            return PlainTextResponse(
                "This page could not be built. The server's log says why.",
                status_code=503,
                headers={"Cache-Control": "no-store"},
            )
        # Every existing page was answered from the cache (`page_cache.ServePages`).
        raise HTTPException(404)

    async def not_generated(self, request: Request) -> Response:
        """Exact paths of generated files (`/sw.js`, manifests, `/translations/`) that
        reach the router are not documents of this deployment: the cache serves those."""
        raise HTTPException(404)

    async def http_error(self, request: Request, exc: Exception) -> Response:
        """404s become a guide page in the reader's language; other errors stay plain."""
        assert isinstance(exc, HTTPException)
        if exc.status_code != 404:
            return PlainTextResponse(exc.detail, status_code=exc.status_code, headers=exc.headers)
        locale = self.error_locale(request)
        return HTMLResponse(self.not_found[locale.tag], status_code=404, headers=PAGE_HEADERS)

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
