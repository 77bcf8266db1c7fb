"""Rendering one page of one language: the template, and everything it refers to.

Each page's context (other pages, languages, glossary, sources, dates, review, the
clinic's settings) is put together here; `pwa/build.py` asks for every page of every
language once, at startup. A page of a reviewed language that shows a translation
changed or added since the review says so (`changed_since_review`, in the notice of
`templates/draft-notice.html`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from babel.dates import format_date
from jinja2 import Environment
from markupsafe import Markup

from pwa import poster, search_index, webmanifest
from pwa.assets import AssetManifest
from pwa.glossary import GLOSSARY, in_reading_order
from pwa.i18n.digits import in_own_digits
from pwa.i18n.locales import GuideLocale, LocaleSet
from pwa.i18n.negotiation import LANGUAGE_COOKIE, browser_exceptions
from pwa.i18n.review import Review
from pwa.i18n.stats import Stats
from pwa.i18n.translator import Translator
from pwa.pages import (
    CONTENT_REVIEWED_ON,
    GLOSSARY_PAGE,
    HOME_PAGE,
    LANGUAGES_PAGE,
    PAGES,
    PAGES_BY_SLUG,
    POSTER_PAGE,
    PRINT_PAGE,
    SEARCH_PAGE,
    Page,
    neighbours,
)
from pwa.settings import Settings
from pwa.sources import SOURCES, Source
from pwa.templating import unbroken
from pwa.webmanifest import ThemeColours

# Where the service worker writes how much it saved; filled in by offline.js.
OFFLINE_SIZE_SLOT = Markup('<span class="offline-size" data-offline-size></span>')

# A question of the questions page, by its key, as rendered (templates/pages/questions.html).
_QUESTION = re.compile(r'<li data-question="([^"]+)"[^>]*>(.*?)</li>', re.S)
QUESTIONS_PAGE = PAGES_BY_SLUG["questions"]


def questions_in(html: str) -> dict[str, str]:
    """Each question of a rendered questions page by its key, as plain text."""
    return {key: Markup(text).striptags() for key, text in _QUESTION.findall(html)}


@dataclass(frozen=True)
class TranslationRow:
    locale: GuideLocale
    stats: Stats
    review: Review


@dataclass(frozen=True)
class Alternate:
    locale: GuideLocale
    href: str


class Renderer:
    """Renders any page of the languages it is given; one per build process
    (pwa/language_builds.py)."""

    def __init__(
        self,
        settings: Settings,
        locales: LocaleSet,
        translators: Mapping[str, Translator],
        environments: Mapping[str, Environment],
        assets: AssetManifest,
        reviews: Mapping[str, Review],
        colours: ThemeColours,
    ) -> None:
        self.settings = settings
        self.locales = locales
        # The languages it renders (a build process adds them one by one, `add`); the
        # English source's is always among them, for the questions in English.
        self.translators = dict(translators)
        self.environments = dict(environments)
        self.assets = assets
        # A translated locale without a review entry is a draft.
        self.reviews = dict(reviews)
        self.colours = colours
        # Sorted, formatted and looked up once per language, not once per page.
        self.content = {
            tag: self._content_context(translator.locale)
            for tag, translator in self.translators.items()
        }
        self._english_questions: dict[str, str] | None = None

    def add(self, translator: Translator, environment: Environment, review: Review) -> None:
        """One more language to render."""
        tag = translator.locale.tag
        self.translators[tag] = translator
        self.environments[tag] = environment
        self.reviews[tag] = review
        self.content[tag] = self._content_context(translator.locale)

    def absolute(self, path: str) -> str:
        return self.settings.base_url + path

    def render(self, locale: GuideLocale, page: Page | None, template: str, **extra: Any) -> str:
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
            # The languages page offers the same page in each language (language.js
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
            # `from`: the English page offers a way back to the reader's language.
            "english_url": f"{here.path(self.locales.source.tag)}?from={locale.tag}",
            "manifest_url": webmanifest.path(locale.tag),
            "apple_touch_icon": webmanifest.APPLE_TOUCH_ICON,
            "apple_touch_icon_sizes": webmanifest.APPLE_TOUCH_ICON_SIZES,
            "colours": self.colours,
            "offline_size": OFFLINE_SIZE_SLOT,
            "in_english": self._in_english(locale),
            "changed_since_review": False,
        }
        context.update(self.content[locale.tag])
        context.update(extra)
        page_template = environment.get_template(template)
        with self.translators[locale.tag].recording_unreviewed() as unreviewed:
            html = page_template.render(context)
        if not unreviewed:
            return html
        # The notice comes before the sentences that call for it: render once more,
        # with it (only pages that show a translation changed since the review).
        return page_template.render(context, changed_since_review=True)

    def english_questions(self) -> Mapping[str, str]:
        """The questions page's questions by key, as the English page words them:
        rendered from the same template, so they can never disagree."""
        if self._english_questions is None:
            html = self.render(self.locales.source, QUESTIONS_PAGE, QUESTIONS_PAGE.template)
            self._english_questions = questions_in(html)
        return self._english_questions

    def _in_english(self, locale: GuideLocale) -> Callable[[str], Markup]:
        """`in_english(key)` in templates: a question's English as an attribute
        (` data-en="..."`), which "Show my questions in English" shows beside the
        reader's language; nothing on English pages."""
        if locale.is_source:
            return lambda key: Markup("")
        return lambda key: Markup(' data-en="{}"').format(self.english_questions()[key])

    def _content_context(self, locale: GuideLocale) -> dict[str, Any]:
        """What the guide's text refers to: glossary, other pages, dates, review."""
        review = self.reviews.get(locale.tag, Review())
        translate = self.translators[locale.tag].gettext

        def long_date(day: date) -> Markup:
            # A <time>, one unbroken piece of text however the sentence around it
            # is written (guide.css), in the language's own digits.
            text = unbroken(
                in_own_digits(format_date(day, format="long", locale=locale.babel), locale.babel)
            )
            return Markup('<time datetime="{}">{}</time>').format(day.isoformat(), text)

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

    def translation_status(self, stats: Sequence[Stats], reviews: Mapping[str, Review]) -> str:
        """`/translations/`: how far each language is, and its review, in English."""
        rows = [
            TranslationRow(locale, row, reviews.get(row.tag, Review()))
            for row in stats
            if (locale := self.locales.get(row.tag)) is not None
        ]
        return self.render(self.locales.source, None, "translations.html", translation_stats=rows)

    def language_chooser(self, names: Mapping[str, str]) -> str:
        """The static export's `/`, which picks the reader's language in the browser;
        `names` is the guide's name in each language (`webmanifest.NAME`)."""
        return self.render(
            self.locales.source,
            None,
            "choose.html",
            guide_names=names,
            language_exceptions=browser_exceptions(self.locales),
        )
