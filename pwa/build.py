"""Building the site: every document of every language, made once, before serving.

`build_site()` reads the languages and their catalogs, the templates and the assets,
renders every page, utility page, search index and manifest of every language, the
404 pages and the static export's root page, and derives the service worker's
precache list from those exact bytes. It returns a frozen `Site`: the server
(`pwa/app.py`) and the static export (`pwa/export.py`) both serve that one value,
so they cannot disagree about a single byte. Each language is rendered in a worker
process, one per core (`pwa/language_builds.py`); a stored build of the same inputs
is read back instead (`pwa/site_cache.py`), and workers started together build once.

What fails stays local: a broken catalog serves its language in English, a broken
or deleted template costs the pages made from it (logged once, answered with 503).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType

from pwa import offline, search_index, site_cache
from pwa.assets import AssetManifest
from pwa.i18n.catalogs import template_size
from pwa.i18n.locales import LocaleSet, missing_catalogs
from pwa.language_builds import HTML, LanguageBuild, Plan, builders
from pwa.pages import HOME_PAGE, OFFLINE_PAGE, TRANSLATIONS_PATH
from pwa.render_failures import RenderFailures
from pwa.serving.documents import Document
from pwa.settings import Settings
from pwa.site_cache import Built, SiteCache
from pwa.webmanifest import ThemeColours

log = logging.getLogger(__name__)

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
    assets = AssetManifest.build(settings.static_dir, static_root, compress=False)
    cache = SiteCache(settings.cache_dir) if settings.cache_dir else None
    site_key = site_cache.key(settings) if cache else ""
    stored = cache.load(site_key) if cache else None
    if stored is None and cache:
        # Workers started together: one builds, the others wait and read its build.
        with cache.turn():
            stored = cache.load(site_key)
            built = stored or _build_and_store(settings, locales, assets, cache, site_key)
    else:
        built = stored or _build_and_store(settings, locales, assets, None, "")
    if stored is not None:
        assets.compress()  # a build compresses them while the languages render
        site_cache.replay(stored.logged)
        log.info("guide ready from the stored build %s…", site_key[:12])
    log.info("guide ready: %d languages (%s)", len(locales), ", ".join(locales.tags))
    return Site(
        settings=settings,
        locales=locales,
        documents=MappingProxyType({document.path: document for document in built.documents}),
        not_found=MappingProxyType(built.not_found),
        root_page=built.root_page,
        unbuilt=built.unbuilt,
    )


def _build_and_store(
    settings: Settings,
    locales: LocaleSet,
    assets: AssetManifest,
    cache: SiteCache | None,
    site_key: str,
) -> Built:
    with site_cache.recording() as logged:
        built = _build(settings, locales, assets)
    built = replace(built, logged=logged)
    # Stored only if no input changed while it was built (a translator saving during
    # a preview): the key must describe exactly what was read.
    if cache and site_cache.key(settings) == site_key:
        cache.store(site_key, built)
    return built


def _build(settings: Settings, locales: LocaleSet, assets: AssetManifest) -> Built:
    """Render every document from the catalogs, templates and assets: each language in
    a worker process (pwa/language_builds.py), then what needs them all."""
    stylesheet = settings.static_dir / STYLESHEET
    # A missing stylesheet is logged when a page links it (AssetManifest.url).
    colours = ThemeColours.from_css(stylesheet.read_text("utf-8") if stylesheet.is_file() else "")
    plan = Plan(settings, locales, assets, colours, template_size(settings.locales_dir))
    documents: dict[str, Document] = {}
    with builders(plan) as build:
        languages = build.languages(locales.tags, meanwhile=assets.compress)
        # A worker renders the site's own pages while this process adds the languages.
        site_pages = build.site_pages(
            languages, meanwhile=lambda: documents.update(_language_documents(languages))
        )
    # A template that fails (deleted, or broken while a preview runs) costs the
    # pages made from it, not the site: those answer 503, the log says why once.
    failures = RenderFailures()
    for causes in [*(language.failures for language in languages), site_pages.failures]:
        failures.add(causes)
    # What the build processes said, each thing once: every process notes a missing
    # asset with its first language, and a refused translation is refused on each
    # page that shows it.
    said = [*(record for language in languages for record in language.logged)]
    site_cache.replay(list(dict.fromkeys([*said, *site_pages.logged])))
    # For translators and clinics, in English; not part of any saved language.
    if site_pages.translation_status is not None:
        documents[TRANSLATIONS_PATH] = Document(
            TRANSLATIONS_PATH, HTML, site_pages.translation_status
        )
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
    failures.report()
    not_found = {language.tag: language.not_found for language in languages}
    return Built(
        list(documents.values()), not_found, site_pages.root_page, frozenset(failures.paths), []
    )


def _language_documents(languages: list[LanguageBuild]) -> dict[str, Document]:
    """Each language's documents by path, with its search index between its pages and
    its manifest; every index finds the illness's name in every language served."""
    names = search_index.merged_names(language.illness_names for language in languages)
    documents = {}
    for language in languages:
        pages, manifest = language.documents[:-1], language.documents[-1]
        index = search_index.search_index(language.pages, names)
        path = search_index.path(language.tag)
        for document in (
            *pages,
            Document(path, search_index.MEDIA_TYPE, index, language.tag),
            manifest,
        ):
            documents[document.path] = document
    return documents
