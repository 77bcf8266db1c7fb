"""The guide's pages in reading order: the one list that routes, navigation, the
language picker, hreflang links and (later) the offline precache are derived from.
"""

from __future__ import annotations

from dataclasses import dataclass


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


PAGES: tuple[Page, ...] = (
    Page("", "pages/home.html", N_("A family guide to leiomyosarcoma"), ("bch-topic", "nicklaus")),
    Page(
        "what-is-leiomyosarcoma",
        "pages/what-is-leiomyosarcoma.html",
        N_("What is leiomyosarcoma?"),
        ("bch-topic", "nicklaus", "gard"),
    ),
    Page(
        "about",
        "pages/about.html",
        N_("About this guide"),
        ("bch-treatment", "bch-topic", "nicklaus", "gard", "lms-cure"),
    ),
)

PAGES_BY_SLUG: dict[str, Page] = {page.slug: page for page in PAGES}


def neighbours(page: Page) -> tuple[Page | None, Page | None]:
    """The previous and next page in reading order."""
    index = PAGES.index(page)
    previous = PAGES[index - 1] if index > 0 else None
    following = PAGES[index + 1] if index + 1 < len(PAGES) else None
    return previous, following
