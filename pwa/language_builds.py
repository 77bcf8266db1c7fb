"""Each language's share of the site, built side by side in short-lived processes.

A language's pages need its catalog, the templates and the English questions, never
another language's pages. A first start renders about 450 documents for 24
languages: two seconds on one core, which is most of a first start. One forked
process per core builds whole languages (the biggest catalogs first, so that the
processes finish together), and the server process keeps only the bytes they send
back: not the catalogs, compiled templates, CLDR data and check caches that made
them, which would stay in its memory for as long as it serves (about 50 MB for 24
languages). What needs every language (the search indexes' names of the illness,
the translation status page, the export's language chooser, the service worker's
list) is put together afterwards from what each language returned (pwa/build.py).

Fork, not spawn: a forked process starts in milliseconds with everything already
imported and read, where a spawned one would import the guide again. Where fork does
not exist (Windows) or a process cannot start, the same code builds the languages in
this process, one after another: the same bytes, only slower.
"""

from __future__ import annotations

import contextlib
import gc
import json
import logging
import multiprocessing
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from functools import partial
from typing import TypeVar

from jinja2 import Environment
from markupsafe import Markup

from pwa import search_index, site_cache, webmanifest
from pwa.assets import AssetManifest
from pwa.i18n.catalogs import load_catalog
from pwa.i18n.locales import LocaleSet
from pwa.i18n.review import Review
from pwa.i18n.stats import Stats
from pwa.i18n.translator import Translator
from pwa.pages import PAGES, UTILITY_PAGES
from pwa.render_failures import RenderFailures
from pwa.rendering import Renderer
from pwa.serving.documents import Document
from pwa.settings import Settings
from pwa.templating import SharedBytecode, jinja_options, make_environment
from pwa.webmanifest import ThemeColours

log = logging.getLogger(__name__)

HTML = "text/html; charset=utf-8"
Logged = list[tuple[str, int, str]]  # (logger, level, message)
T = TypeVar("T")


@dataclass(frozen=True)
class Plan:
    """What every language's build reads, fixed before any process starts."""

    settings: Settings
    locales: LocaleSet
    assets: AssetManifest
    colours: ThemeColours
    total: int  # messages in the catalog template, which statistics count against


@dataclass(frozen=True)
class LanguageBuild:
    """One language as built: its documents and what the whole site needs from it."""

    tag: str
    documents: list[Document]  # its pages and utility pages in order, then its manifest
    pages: list[search_index.Entry]  # its pages as search reads them
    not_found: bytes
    stats: Stats
    review: Review
    guide_name: Markup  # the guide's name in this language, for the language chooser
    illness_names: tuple[str, list[str]]  # search_index.names_in
    failures: dict[str, list[str]]  # RenderFailures.causes
    logged: Logged = field(default_factory=list)  # said while building it elsewhere


@dataclass(frozen=True)
class SiteFacts:
    """What the site's own pages need from every language (not its documents)."""

    stats: list[Stats]
    reviews: dict[str, Review]
    guide_names: dict[str, Markup]


@dataclass(frozen=True)
class SitePages:
    """The documents that need every language, rendered in English."""

    translation_status: bytes | None  # None if its template failed
    root_page: bytes
    failures: dict[str, list[str]]
    logged: Logged = field(default_factory=list)


class Builder:
    """Builds languages one at a time in the process it lives in, keeping what they
    share: the compiled templates and the English renderer."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.options = jinja_options(plan.settings.mapping_file)
        self.bytecode = SharedBytecode()
        source = plan.locales.source
        english = load_catalog(source, plan.settings.locales_dir, plan.total)
        translator = Translator(source, english.translations)
        self.english = english
        self.renderer = Renderer(
            plan.settings,
            plan.locales,
            {source.tag: translator},
            {source.tag: self._environment(translator)},
            plan.assets,
            reviews={},
            colours=plan.colours,
        )

    def _environment(self, translator: Translator) -> Environment:
        settings = self.plan.settings
        return make_environment(settings.templates_dir, self.options, translator, self.bytecode)

    def language(self, tag: str) -> LanguageBuild:
        """Every page, utility page and the manifest of one language."""
        locale = self.plan.locales.get(tag)
        assert locale is not None, tag
        renderer = self.renderer
        if locale.is_source:
            loaded = self.english
        else:
            loaded = load_catalog(locale, self.plan.settings.locales_dir, self.plan.total)
            added = Translator(locale, loaded.translations, loaded.unreviewed)
            renderer.add(added, self._environment(added), loaded.review)
        translator = renderer.translators[tag]
        failures = RenderFailures()
        documents = []
        readable = []
        for page in (*PAGES, *UTILITY_PAGES):
            path = page.path(tag)
            html = failures.attempt(path, partial(renderer.render, locale, page, page.template))
            if html is not None:
                documents.append(Document(path, HTML, html.encode(), tag))
                if page in PAGES:
                    readable.append((path, html))
        manifest = webmanifest.web_manifest(
            locale, translator.gettext, renderer.assets.url, renderer.colours
        )
        body = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
        documents.append(Document(webmanifest.path(tag), webmanifest.MEDIA_TYPE, body, tag))
        not_found = failures.attempt(
            "/404", partial(renderer.render, locale, None, "errors/404.html")
        )
        return LanguageBuild(
            tag=tag,
            documents=documents,
            pages=search_index.entries(readable),
            not_found=(not_found or "Not found").encode(),
            stats=loaded.stats,
            review=loaded.review,
            guide_name=translator.gettext(webmanifest.NAME),
            illness_names=search_index.names_in(translator.gettext),
            failures=failures.causes,
        )

    def site_pages(self, about: SiteFacts) -> SitePages:
        """The translation status page and the export's language chooser."""
        renderer = self.renderer
        failures = RenderFailures()
        status = failures.attempt(
            "/translations/", partial(renderer.translation_status, about.stats, about.reviews)
        )
        root_page = failures.attempt("/", partial(renderer.language_chooser, about.guide_names))
        return SitePages(
            translation_status=status.encode() if status is not None else None,
            root_page=(root_page or "Leiomyosarcoma family guide").encode(),
            failures=failures.causes,
        )


class Builders:
    """Builds languages and the site's own pages, in worker processes or here."""

    def __init__(self, plan: Plan, executor: Executor | None) -> None:
        self.plan = plan
        self._executor = executor
        self._here: Builder | None = None

    def languages(
        self, tags: Sequence[str], meanwhile: Callable[[], None] = lambda: None
    ) -> list[LanguageBuild]:
        """The languages in `tags`' order, however they were shared out; `meanwhile`
        runs in this process while the workers build."""
        ordered = sorted(tags, key=self._cost, reverse=True)
        built = self._in_workers(
            lambda pool: {tag: pool.submit(_language, tag) for tag in ordered}, meanwhile
        )
        if built is not None:
            return [built[tag] for tag in tags]
        builder = self._builder()
        return [builder.language(tag) for tag in tags]

    def site_pages(
        self, languages: Sequence[LanguageBuild], meanwhile: Callable[[], None] = lambda: None
    ) -> SitePages:
        """The site's own pages (`Builder.site_pages`); `meanwhile` runs in this process
        while a worker renders them."""
        about = SiteFacts(
            stats=[language.stats for language in languages],
            reviews={language.tag: language.review for language in languages},
            guide_names={language.tag: language.guide_name for language in languages},
        )
        built = self._in_workers(lambda pool: {"": pool.submit(_site_pages, about)}, meanwhile)
        return built[""] if built is not None else self._builder().site_pages(about)

    def _in_workers(
        self,
        submit: Callable[[Executor], Mapping[str, Future[T]]],
        meanwhile: Callable[[], None],
    ) -> dict[str, T] | None:
        """The results of what `submit` gives the workers, with `meanwhile` run here
        as they work; None without workers, or when a process could not start or
        died (the kernel ends one that asks for more memory than it may have): then
        the caller builds here instead, and the log says why."""
        if self._executor is None:
            meanwhile()
            return None
        try:
            futures = submit(self._executor)
        # Fork refused (a container's limit on processes), or this process is a
        # daemonic multiprocessing worker, which may not have children (asserted).
        except (OSError, BrokenProcessPool, AssertionError) as error:
            meanwhile()
            self._without_workers(error)
            return None
        meanwhile()
        try:
            return {key: future.result() for key, future in futures.items()}
        except BrokenProcessPool as error:
            self._without_workers(error)
            return None

    def _without_workers(self, error: Exception) -> None:
        log.warning(
            "a build process could not start or stopped (%s); building in this process", error
        )
        self._executor = None

    def _builder(self) -> Builder:
        if self._here is None:
            self._here = Builder(self.plan)
        return self._here

    def _cost(self, tag: str) -> int:
        """A language's catalog size, which its build time follows."""
        locale = self.plan.locales.get(tag)
        if locale is None or locale.is_source:
            return 0
        with contextlib.suppress(OSError):
            return locale.catalog_path(self.plan.settings.locales_dir).stat().st_size
        return 0


def processes_to_use() -> int:
    """The cores this process may run on (a container or `taskset` may allow fewer
    than the machine has)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@contextlib.contextmanager
def builders(plan: Plan, processes: int | None = None) -> Iterator[Builders]:
    """Builders for `plan`: `processes` forked workers (one per usable core unless
    given; 0 builds in this process). Even one worker is worth it on one core: the
    server keeps only the bytes."""
    count = processes_to_use() if processes is None else processes
    count = min(count, len(plan.locales))
    if count < 1 or "fork" not in multiprocessing.get_all_start_methods():
        yield Builders(plan, None)
        return
    # Workers inherit `plan` when they are forked (nothing is pickled); they exit with
    # the block, and with them everything the build held.
    pool = ProcessPoolExecutor(
        count,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_start_worker,
        initargs=(plan,),
    )
    try:
        yield Builders(plan, pool)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


# In a worker process only: what it was forked to build, and the Builder its first
# task makes (tasks are plain functions, so that only a tag and the results cross
# between processes).
_worker_plan: Plan | None = None
_worker_builder: Builder | None = None


def _start_worker(plan: Plan) -> None:
    global _worker_plan
    # A worker lives for one build: looking for reference cycles would cost it about
    # a twentieth of its time and free nothing its exit does not (its peak memory is
    # the same either way, about 75 MB).
    gc.disable()
    # What a worker logs is recorded with each result and logged by the server
    # process (pwa/build.py), in the languages' order: the log reads the same however
    # the languages were shared out, and says each thing once. Nothing is written here.
    logger = logging.getLogger("pwa")
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
    logger.propagate = False
    _worker_plan = plan


def _in_worker(task: Callable[[Builder], T]) -> tuple[T, Logged]:
    """`task` done by this worker's Builder, with what it logged."""
    global _worker_builder
    with site_cache.recording(level=logging.NOTSET) as logged:
        if _worker_builder is None:
            assert _worker_plan is not None
            _worker_builder = Builder(_worker_plan)
        result = task(_worker_builder)
    return result, logged


def _language(tag: str) -> LanguageBuild:
    built, logged = _in_worker(lambda builder: builder.language(tag))
    return replace(built, logged=logged)


def _site_pages(about: SiteFacts) -> SitePages:
    pages, logged = _in_worker(lambda builder: builder.site_pages(about))
    return replace(pages, logged=logged)
