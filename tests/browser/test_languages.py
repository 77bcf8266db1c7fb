"""A reader's language, in a real Chromium at phone size, against the guide's own server
and against its static export behind a plain static server."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from pwa.i18n.locales import CATALOG
from pwa.i18n.review import parse_review, review_status
from tests.browser.conftest import PHONE
from tests.browser.test_offline import text_of
from tests.conftest import LOCALES, write_catalog
from tests.servers import ExportServer


@pytest.fixture(scope="session")
def base_url(any_server: str) -> str:
    return any_server


def open_picker_and_choose(page: Page, language: str) -> None:
    page.locator(".language-link").click()
    # The links lead to the same page once language.js (deferred, so run before
    # DOMContentLoaded) has read `?page=`; a tap before that opens the home page.
    expect(page).to_have_url(re.compile(r"/languages/"))
    page.wait_for_load_state("domcontentloaded")
    page.locator(f'.language-list a[data-language="{language}"]').click()


def test_root_follows_the_browsers_languages(new_context: Callable[..., BrowserContext]) -> None:
    page = new_context(locale="es-MX").new_page()
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/es/$"))
    expect(page.locator("html")).to_have_attribute("lang", "es")

    arabic = new_context(locale="ar-EG").new_page()
    arabic.goto("/")
    expect(arabic).to_have_url(re.compile(r"/ar/$"))


def test_root_remembers_the_language_the_reader_chose(
    new_context: Callable[..., BrowserContext],
) -> None:
    page = new_context(locale="es-ES").new_page()
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/es/$"))
    open_picker_and_choose(page, "ar")
    expect(page).to_have_url(re.compile(r"/ar/$"))
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/ar/$"))
    cookies = {cookie["name"]: cookie["value"] for cookie in page.context.cookies()}
    assert cookies == {"lang": "ar"}


def test_the_picker_keeps_the_reader_on_the_same_page(page: Page) -> None:
    page.goto("/es/what-is-leiomyosarcoma/")
    spanish_heading = page.locator("h1").inner_text()
    open_picker_and_choose(page, "en")
    expect(page).to_have_url(re.compile(r"/en/what-is-leiomyosarcoma/$"))
    expect(page.locator("h1")).to_have_text("What is leiomyosarcoma?")
    assert spanish_heading != "What is leiomyosarcoma?"
    open_picker_and_choose(page, "ar")
    expect(page).to_have_url(re.compile(r"/ar/what-is-leiomyosarcoma/$"))
    # From the home page, to the other language's home page.
    page.goto("/es/")
    open_picker_and_choose(page, "fr")
    expect(page).to_have_url(re.compile(r"/fr/$"))


def test_the_languages_page_follows_only_pages_of_the_guide(page: Page) -> None:
    """`?page=` comes from the address bar: anything but a page of the guide is ignored."""
    french = page.locator('.language-list a[data-language="fr"]')
    page.goto("/en/languages/?page=treatment")
    expect(french).to_have_attribute("href", "/fr/treatment/")
    for hostile in ("..%2F..%2Fevil", "%2F%2Fevil.example", "no-such-page", "treatment%2F.."):
        page.goto(f"/en/languages/?page={hostile}")
        expect(page.locator("h1")).to_be_visible()
        expect(french).to_have_attribute("href", "/fr/")


def test_without_javascript_a_language_opens_its_home_page(
    new_context: Callable[..., BrowserContext],
) -> None:
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/es/treatment/")
    open_picker_and_choose(page, "vi")
    expect(page).to_have_url(re.compile(r"/vi/$"))
    expect(page.locator("html")).to_have_attribute("lang", "vi")


def test_arabic_is_laid_out_right_to_left(page: Page) -> None:
    def layout(path: str) -> dict:
        page.goto(path)
        return page.evaluate(
            """() => {
                // The first line of the site name, wherever the text wraps.
                const range = document.createRange();
                range.selectNodeContents(document.querySelector('.brand'));
                const brand = range.getClientRects()[0];
                const notice = getComputedStyle(document.querySelector('.emergency'));
                return {
                    direction: getComputedStyle(document.body).direction,
                    brandLeft: brand.left,
                    brandRight: window.innerWidth - brand.right,
                    borderLeft: notice.borderLeftWidth,
                    borderRight: notice.borderRightWidth,
                    scrollWidth: document.documentElement.scrollWidth,
                    width: window.innerWidth,
                };
            }"""
        )

    arabic = layout("/ar/")
    english = layout("/en/")
    assert arabic["direction"] == "rtl"
    assert english["direction"] == "ltr"
    # The site name starts at the right edge in Arabic, at the left in English, one
    # header padding (16px) from it.
    assert abs(arabic["brandRight"] - 16) < 1 and arabic["brandLeft"] > 16
    assert abs(english["brandLeft"] - 16) < 1 and english["brandRight"] > 16
    # The notice's accent border sits at the start of the line: right in Arabic.
    assert (arabic["borderRight"], arabic["borderLeft"]) == ("6px", "0px")
    assert (english["borderLeft"], english["borderRight"]) == ("6px", "0px")
    assert arabic["scrollWidth"] <= arabic["width"]


def test_the_exports_root_page_chooses_as_the_server_does_for_two_scripts(
    browser: Browser, tmp_path: Path
) -> None:
    """With Chinese in two scripts, the export's table of exceptions sends Taiwan to
    Traditional and mainland China to Simplified, as `/` on the server does."""
    locales = tmp_path / "locales"
    shutil.copytree(LOCALES, locales, ignore=shutil.ignore_patterns("*.mo"))
    write_catalog(locales, "zh_Hant")
    shutil.rmtree(locales / "de", ignore_errors=True)  # a language the guide does not serve
    server = ExportServer()
    try:
        server.deploy(locales_dir=str(locales))
        for browser_language, expected in [
            ("zh-TW", "/zh-Hant/"),
            ("zh-CN", "/zh-Hans/"),
            ("pt-PT", "/pt-BR/"),
            ("de-DE", "/en/"),
        ]:
            context = browser.new_context(locale=browser_language, **PHONE)
            page = context.new_page()
            page.goto(server.url + "/")
            expect(page).to_have_url(server.url + expected)
            context.close()
    finally:
        server.stop()


NOTICE = (
    "A medical translator has not checked this translation yet. If something is unclear, "
    "ask your child's care team, and ask for an interpreter in your language."
)


@pytest.mark.parametrize(("tag", "name"), [("es", "Español"), ("ar", "العربية")])
def test_the_translation_notice_points_to_the_care_team_and_english_offers_the_way_back(
    page: Page, tag: str, name: str
) -> None:
    """After the first page, the notice is one line under the title that opens; it
    points to the care team and an interpreter, and offers English only as one more
    way, from which the reader can come back to their own language."""
    page.goto(f"/{tag}/treatment/")
    notice = page.locator(".draft-notice")
    if not notice.count():  # a reviewed language: no notice (tests follow the catalogs)
        assert parse_review(review_status(LOCALES / tag / CATALOG)).is_reviewed
        return
    assert page.evaluate("document.querySelector('h1').nextElementSibling.className") == (
        "draft-notice"
    )
    # A line or two: a tenth of a small phone's screen at most.
    assert notice.bounding_box()["height"] <= 0.1 * PHONE["viewport"]["height"]
    notice.locator("summary").click()
    expect(notice).to_contain_text(text_of(tag, NOTICE))
    notice.locator('a[hreflang="en"]').click()
    expect(page).to_have_url(re.compile(rf"/en/treatment/\?from={tag}$"))
    back = page.locator("[data-back-to-language] a")
    expect(back).to_be_visible()
    expect(back).to_have_attribute("lang", tag)
    expect(back).to_have_text(name)
    back.click()
    expect(page).to_have_url(re.compile(rf"/{tag}/treatment/$"))
    # Reached any other way, the English page offers nothing of the kind.
    page.goto("/en/treatment/")
    expect(page.locator("[data-back-to-language]")).to_be_hidden()
