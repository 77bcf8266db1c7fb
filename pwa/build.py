"""Building the site: every document of every language, made once, before serving.

`build_site()` reads the languages and their catalogs, the templates and the assets,
renders every page, utility page, search index and manifest of every language, the
404 pages and the static export's root page, and derives the service worker's
precache list from those exact bytes. It returns a frozen `Site`: the server
(`pwa/app.py`) and the static export (`pwa/export.py`) both serve that one value,
so they cannot disagree about a single byte.

What fails stays local: a broken catalog serves its language in English, a broken
or deleted template costs the pages made from it (logged once, answered with 503).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from types import MappingProxyType

from pwa import offline, search_index, site_cache, webmanifest
from pwa.assets import AssetManifest
from pwa.i18n.catalogs import load_catalog
from pwa.i18n.locales import LocaleSet, missing_catalogs
from pwa.i18n.tools import template_size
from pwa.i18n.translator import Translator
from pwa.pages import HOME_PAGE, OFFLINE_PAGE, PAGES, TRANSLATIONS_PATH, UTILITY_PAGES
from pwa.render_failures import RenderFailures
from pwa.rendering import Renderer
from pwa.serving.documents import Document
from pwa.settings import Settings
from pwa.site_cache import Built, SiteCache
from pwa.templating import SharedBytecode, jinja_options, make_environment
from pwa.webmanifest import ThemeColours

log = logging.getLogger(__name__)

HTML = "text/html; charset=utf-8"
STYLESHEET = "css/guide.css"  # the one stylesheet, which also chooses the theme colours


@dataclass(frozen=True)
class Site:
    """The whole guide as built: what every address answers, decided at startup."""

    settings: Settings
    locales: LocaleSet
    # Every generated response by URL path: pages, manifests, search indexes, the
    # translation status page and (unless previewing) /sw.js.
    documents: Mapping[str, Document]
    # The "not found" page of each language, by tag: the same for every missing address.
    not_found: Mapping[str, bytes]
    # The static export's `/`, which picks the reader's language in the browser.
    root_page: bytes
    # Pages whose template failed: they answer 503 until it is fixed.
    unbuilt: frozenset[str]


def build_site(settings: Settings, static_root: Path) -> Site:
    """Build the guide from `settings`, or read the same build back from the cache
    (pwa/site_cache.py); the hashed assets are written to `static_root`."""
    locales = LocaleSet.discover(settings.locales_dir)
    for catalog in missing_catalogs(settings.locales_dir):
        log.error("%s is missing: that language is not served until it is back", catalog)
    assets = AssetManifest.build(settings.static_dir, static_root)
    cache = SiteCache(settings.cache_dir) if settings.cache_dir else None
    site_key = site_cache.key(settings) if cache else ""
    built = cache.load(site_key) if cache else None
    if built is not None:
        site_cache.replay(built.logged)
        log.info("guide ready from the stored build %s…", site_key[:12])
    else:
        with site_cache.recording() as logged:
            built = _build(settings, locales, assets)
        built = replace(built, logged=logged)
        # Stored only if no input changed while it was built (a translator saving
        # during a preview): the key must describe exactly what was read.
        if cache and site_cache.key(settings) == site_key:
            cache.store(site_key, built)
    log.info("guide ready: %d languages (%s)", len(locales), ", ".join(locales.tags))
    return Site(
        settings=settings,
        locales=locales,
        documents=MappingProxyType({document.path: document for document in built.documents}),
        not_found=MappingProxyType(built.not_found),
        root_page=built.root_page,
        unbuilt=built.unbuilt,
    )


def _build(settings: Settings, locales: LocaleSet, assets: AssetManifest) -> Built:
    """Render every document from the catalogs, templates and assets."""
    total = template_size(settings.locales_dir)
    loaded = {locale.tag: load_catalog(locale, settings.locales_dir, total) for locale in locales}
    translators = {
        tag: Translator(entry.locale, entry.translations, entry.unreviewed)
        for tag, entry in loaded.items()
    }
    options = jinja_options(settings.mapping_file)
    bytecode = SharedBytecode()
    environments = {
        tag: make_environment(settings.templates_dir, options, translator, bytecode)
        for tag, translator in translators.items()
    }
    stylesheet = settings.static_dir / STYLESHEET
    # A missing stylesheet is logged when a page links it (AssetManifest.url).
    colours = ThemeColours.from_css(stylesheet.read_text("utf-8") if stylesheet.is_file() else "")
    renderer = Renderer(
        settings,
        locales,
        translators,
        environments,
        assets,
        reviews={tag: entry.review for tag, entry in loaded.items() if not entry.locale.is_source},
        colours=colours,
        translation_stats=[entry.stats for entry in loaded.values()],
    )
    # A template that fails (deleted, or broken while a preview runs) costs the
    # pages made from it, not the site: those answer 503, the log says why once.
    failures = RenderFailures()
    documents = {document.path: document for document in _documents(renderer, failures)}
    # A language can be saved for offline reading only with its home and offline
    # pages (the worker needs both).
    saveable = [
        tag
        for tag in locales.tags
        if {HOME_PAGE.path(tag), OFFLINE_PAGE.path(tag)} <= documents.keys()
    ]
    worker = offline.service_worker(
        offline.read_source(),
        offline.precache_list(documents.values(), assets.revisions(), saveable),
    )
    if settings.offline:  # previews (`serve --reload`) have no worker
        documents[worker.path] = worker
    not_found = {
        locale.tag: (
            failures.attempt("/404", partial(renderer.render, locale, None, "errors/404.html"))
            or "Not found"
        ).encode()
        for locale in locales
    }
    root_page = (
        failures.attempt("/", renderer.language_chooser) or "Leiomyosarcoma family guide"
    ).encode()
    failures.report()
    return Built(list(documents.values()), not_found, root_page, frozenset(failures.paths), [])


def _documents(renderer: Renderer, failures: RenderFailures) -> Iterator[Document]:
    """Every page, utility page, search index and manifest of every language, and the
    translation status page; what a reader downloads is fixed here, which is what lets
    the service worker list each URL with a revision of its exact bytes."""
    # The illness's name in every language served, to find it from any of them.
    names = search_index.illness_names(
        translator.gettext for translator in renderer.translators.values()
    )
    for locale in renderer.locales:
        readable = []
        for page in (*PAGES, *UTILITY_PAGES):
            path = page.path(locale.tag)
            html = failures.attempt(path, partial(renderer.render, locale, page, page.template))
            if html is not None:
                yield Document(path, HTML, html.encode(), locale.tag)
                if page in PAGES:
                    readable.append((path, html))
        index = search_index.search_index(readable, names)
        yield Document(search_index.path(locale.tag), search_index.MEDIA_TYPE, index, locale.tag)
        manifest = webmanifest.web_manifest(
            locale, renderer.translators[locale.tag].gettext, renderer.assets.url, renderer.colours
        )
        body = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
        yield Document(webmanifest.path(locale.tag), webmanifest.MEDIA_TYPE, body, locale.tag)
    # For translators and clinics, in English; not part of any saved language.
    status = failures.attempt(
        TRANSLATIONS_PATH,
        lambda: renderer.render(renderer.locales.source, None, "translations.html"),
    )
    if status is not None:
        yield Document(TRANSLATIONS_PATH, HTML, status.encode())
