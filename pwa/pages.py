"""The guide's pages in reading order: the one list that routes, navigation, the
language picker, hreflang links and (later) the offline precache are derived from.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


def N_(message: str) -> str:
    """Mark a message for extraction; it is translated when a page is rendered."""
    return message


@dataclass(frozen=True)
class Page:
    slug: str  # "" for the home page of a locale
    template: str
    title: str  # English msgid, translated at render time
    sources: tuple[str, ...] = ()

    def path(self, tag: str) -> str:
        return f"/{tag}/{self.slug}/" if self.slug else f"/{tag}/"


# The day the English text was last checked against the sources; the About page
# shows it, formatted for each locale. Change it whenever the content is re-checked.
CONTENT_REVIEWED_ON = date(2026, 11, 29)

ALL_SOURCES = ("bch-treatment", "bch-topic", "nicklaus", "gard", "lms-cure")

PAGES: tuple[Page, ...] = (
    Page("", "pages/home.html", N_("A family guide to leiomyosarcoma"), ("bch-topic", "nicklaus")),
    Page(
        "what-is-leiomyosarcoma",
        "pages/what-is-leiomyosarcoma.html",
        N_("What is leiomyosarcoma?"),
        ("bch-topic", "nicklaus", "gard"),
    ),
    Page("types", "pages/types.html", N_("Types of leiomyosarcoma"), ("bch-topic",)),
    Page(
        "signs-and-causes",
        "pages/signs-and-causes.html",
        N_("Signs and causes"),
        ("bch-topic", "nicklaus", "gard"),
    ),
    Page(
        "diagnosis",
        "pages/diagnosis.html",
        N_("Tests and diagnosis"),
        ("bch-topic", "gard", "lms-cure"),
    ),
    Page("treatment", "pages/treatment.html", N_("Treatment"), ALL_SOURCES),
    # Named in a parent's words; the page says that doctors call it the outlook.
    Page(
        "outlook",
        "pages/outlook.html",
        N_("Chances of getting better"),
        ("bch-topic", "gard", "lms-cure"),
    ),
    Page(
        "after-treatment",
        "pages/after-treatment.html",
        N_("After treatment"),
        ("bch-treatment",),
    ),
    Page(
        "questions",
        "pages/questions.html",
        N_("Questions for the care team"),
        ALL_SOURCES,
    ),
    Page(
        "support",
        "pages/support.html",
        N_("Support and trusted resources"),
        ("bch-topic", "nicklaus", "gard"),
    ),
    Page("glossary", "pages/glossary.html", N_("Glossary"), ALL_SOURCES),
    Page("about", "pages/about.html", N_("About this guide"), ALL_SOURCES),
)

PAGES_BY_SLUG: dict[str, Page] = {page.slug: page for page in PAGES}
GLOSSARY_PAGE = PAGES_BY_SLUG["glossary"]
HOME_PAGE = PAGES[0]

# Not part of the reading order: the service worker shows it, from the phone's own
# copy, when a reader opens something that is not saved while offline.
OFFLINE_PAGE = Page("offline", "offline.html", N_("You are offline"))

# Not part of the reading order either: every language by its own name, each one saved
# for offline reading from here. Pages link to it instead of listing every language
# themselves, so that a page's size and the cost of each added language stay fixed
# however many languages a clinic serves.
LANGUAGES_PAGE = Page("languages", "languages.html", N_("Choose a language"))

# The whole guide on one page, put together by print.js from the saved pages, to
# print at once (each page alone stays within the size budget).
PRINT_PAGE = Page("print", "print.html", N_("The whole guide, to print"), ALL_SOURCES)

# A poster a clinic prints for its waiting room: a QR code that opens the guide in
# this language, and how to keep it on the phone.
POSTER_PAGE = Page("poster", "poster.html", N_("Poster with a QR code"))

# Search as you type, in this language, from the saved index (pwa/search_index.py).
SEARCH_PAGE = Page("search", "search.html", N_("Search"))

# The pages of a locale that are not in the reading order.
UTILITY_PAGES: tuple[Page, ...] = (
    OFFLINE_PAGE,
    LANGUAGES_PAGE,
    SEARCH_PAGE,
    PRINT_PAGE,
    POSTER_PAGE,
)

# The translation status page, for translators and clinics: in English, site-wide,
# not part of any language's pages.
TRANSLATIONS_PATH = "/translations/"


def neighbours(page: Page) -> tuple[Page | None, Page | None]:
    """The previous and next page in reading order."""
    index = PAGES.index(page)
    previous = PAGES[index - 1] if index > 0 else None
    following = PAGES[index + 1] if index + 1 < len(PAGES) else None
    return previous, following
