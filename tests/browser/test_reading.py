"""Reading the guide on a phone: every page fits the screen, glossary links land on their word."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from pwa.pages import PAGES

# Languages with the longest words (Russian, Haitian Creole), no spaces (Chinese) and
# right-to-left text (Arabic), next to the English source.
HARDEST = ["en", "ar", "zh-Hans", "ru", "ht"]


@pytest.mark.parametrize("tag", HARDEST)
def test_no_page_is_wider_than_a_phone(page: Page, tag: str) -> None:
    for entry in PAGES:
        page.goto(entry.path(tag))
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - window.innerWidth"
        )
        assert overflow <= 0, f"{entry.path(tag)} scrolls sideways by {overflow}px"


@pytest.mark.parametrize("tag", ["es", "ar"])
def test_a_glossary_link_opens_its_entry_in_view(page: Page, tag: str) -> None:
    page.goto(f"/{tag}/diagnosis/")
    page.locator('main a[href$="/glossary/#biopsy"]').tap()
    expect(page).to_have_url(re.compile(rf"/{tag}/glossary/#biopsy$"))
    entry = page.locator("dt#biopsy")
    expect(entry).to_be_in_viewport()
    # It is the :target, which the stylesheet highlights.
    assert page.evaluate("() => document.querySelector(':target').id") == "biopsy"
