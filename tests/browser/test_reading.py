"""Reading the guide on a phone: every page fits the screen, glossary links land on their word."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from pwa.pages import PAGES
from tests.browser.conftest import wait_until_saved

# Languages with the longest words (Russian, Haitian Creole), no spaces (Chinese) and
# right-to-left text (Arabic), next to the English source.
HARDEST = ["en", "ar", "zh-Hans", "ru", "ht"]


@pytest.mark.parametrize("tag", HARDEST)
def test_no_page_is_wider_than_a_phone(page: Page, tag: str) -> None:
    for entry in PAGES:
        page.goto(entry.path(tag))
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{entry.path(tag)} scrolls sideways by {overflow}px"


@pytest.mark.parametrize("tag", ["es", "ar"])
def test_without_javascript_a_glossary_link_opens_its_entry_in_view(
    new_context: Callable[..., BrowserContext], tag: str
) -> None:
    """With JavaScript the definition opens in place (tests/browser/test_reading_tools.py);
    without it, the link is a plain link to the glossary entry."""
    page = new_context(java_script_enabled=False).new_page()
    page.goto(f"/{tag}/diagnosis/")
    page.locator('main a[href$="/glossary/#biopsy"]').tap()
    expect(page).to_have_url(re.compile(rf"/{tag}/glossary/#biopsy$"))
    entry = page.locator("dt#biopsy")
    expect(entry).to_be_in_viewport()
    # It is the :target, which the stylesheet highlights.
    assert page.evaluate("() => document.querySelector(':target').id") == "biopsy"


def test_hashed_assets_load_brotli_compressed_and_immutable(page: Page) -> None:
    with page.expect_response(re.compile(r"/static/css/guide\.[0-9a-f]{12}\.css$")) as info:
        page.goto("/en/")
    response = info.value
    assert response.status == 200
    headers = response.all_headers()
    assert headers["content-encoding"] == "br"
    assert "immutable" in headers["cache-control"]
    assert "max-age=315360000" in headers["cache-control"]
    # ...and the browser applied it.
    assert page.evaluate("getComputedStyle(document.body).fontSize") == "18px"


def test_reading_the_guide_asks_no_other_host_for_anything(page: Page, base_url: str) -> None:
    """No fonts, analytics or CDNs: every request, the worker's too, stays on this origin."""
    requested: list[str] = []
    page.context.on("request", lambda request: requested.append(request.url))
    for tag in ("en", "ar"):
        for entry in PAGES:
            page.goto(entry.path(tag))
    # The worker saves the whole language in the background; wait for it to finish.
    wait_until_saved(page, "ar")
    assert len(requested) > 2 * len(PAGES)
    others = [url for url in requested if not url.startswith(base_url + "/")]
    assert others == []
