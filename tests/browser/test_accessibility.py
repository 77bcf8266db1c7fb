"""WCAG 2.2 AA in a real Chromium at phone size: axe-core on every page in English,
Arabic and Chinese and on a turning sample of each other language's pages, in light
and dark (tests/browser/sample.py; tests/test_page_structure.py reads what a
translation can change on every page of every language without a browser), the
keyboard, small screens and large text, touch targets, and right-to-left layout
(with screenshots to look at)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from pwa.i18n.locales import LocaleSet
from pwa.i18n.review import parse_review, review_status
from pwa.pages import PAGES, PAGES_BY_SLUG
from pwa.settings import PROJECT_ROOT
from tests.browser.sample import sampled_paths
from tests.browser.test_offline import text_of
from tests.conftest import LOCALES, every_path
from tests.test_routes import TAGS

SCREENSHOTS = PROJECT_ROOT / "screenshots"
# axe's defaults (WCAG 2.0-2.2 A and AA, and best practices) plus the WCAG 2.2
# target-size rule, which axe leaves off by default.
AXE_OPTIONS = {"rules": {"target-size": {"enabled": True}}}
# Dark colours change only colours: in dark, pages are checked for contrast alone
# (the rules about structure, names and targets give the same answer in both, and
# run in light).
AXE_DARK_OPTIONS = {"runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]}}
CONTROLS = "a[href], button, summary, input, select, textarea"


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("tag", TAGS)
def test_axe_finds_nothing_on_the_sampled_pages_of_each_language(
    page: Page, axe: Axe, tag: str, scheme: str
) -> None:
    page.emulate_media(color_scheme=scheme)
    options = AXE_OPTIONS if scheme == "light" else AXE_DARK_OPTIONS
    # Dark changes colours alone, the same in every language: every page in English,
    # one page of each other language, other than those it has in light.
    paths = sampled_paths(tag) if scheme == "light" else sampled_paths(tag, 1, 1, ("en",))
    found = {}
    for path in paths:
        page.goto(path)
        results = axe.run(page, options=options).response
        assert results["testEngine"]["name"] == "axe-core"
        if results["violations"]:
            found[path] = [
                (rule["id"], [node["target"] for node in rule["nodes"]][:3])
                for rule in results["violations"]
            ]
    assert found == {}


def test_axe_would_notice_a_violation(page: Page, axe: Axe) -> None:
    page.goto("/en/")
    page.evaluate("document.querySelector('.brand').textContent = ''")
    violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
    assert "link-name" in {rule["id"] for rule in violations}


# Keyboard --------------------------------------------------------------------------


def test_the_first_tab_reaches_the_skip_link_which_jumps_to_the_text(page: Page) -> None:
    page.goto("/es/treatment/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box and box["y"] >= 0 and box["height"] >= 44, "visible when focused"
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")
    # The next stop is inside the page's text, past the header.
    assert page.evaluate("document.activeElement.closest('main') !== null")


def test_tab_follows_the_reading_order_and_every_stop_shows_its_focus(page: Page) -> None:
    page.goto("/ar/diagnosis/")
    stops = page.evaluate(
        """(controls) => [...document.querySelectorAll(controls)]
            .filter(e => e.getClientRects().length && !e.closest('[hidden]') && !e.disabled
                         && !e.closest('details:not([open]) > :not(summary)'))
            .map(e => e.outerHTML.slice(0, 80))""",
        CONTROLS,
    )
    assert page.locator("[tabindex]:not([tabindex='-1'])").count() == 0
    for expected in stops:
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => {
                const e = document.activeElement, style = getComputedStyle(e);
                const width = parseFloat(style.outlineWidth);
                return { html: e.outerHTML.slice(0, 80),
                         outline: style.outlineStyle !== 'none' && width >= 2 };
            }"""
        )
        assert focused == {"html": expected, "outline": True}


@pytest.mark.usefixtures("no_worker")
@pytest.mark.parametrize("tag", ["es", "ar"])
def test_a_screen_reader_meets_each_thing_where_it_belongs(page: Page, tag: str) -> None:
    """The note about the translation right after the title (a reader who jumps to the
    heading meets it next), in full on the home page and one line after it; the link to
    the first page named by that page; pager links read as "Next: <title>", not run
    together; the outlook page named in a parent's words."""
    after_title = "document.querySelector('h1').nextElementSibling"
    # The note is there while the language is a draft (tests follow the catalogs).
    locale = LocaleSet.discover(LOCALES).get(tag)
    review = parse_review(review_status(locale.catalog_path(LOCALES))) if locale else None
    draft = review is not None and not review.is_reviewed
    page.goto(f"/{tag}/")
    assert page.evaluate(f"{after_title}.matches('p.draft-notice')") is draft
    first = PAGES[1]
    expect(page.locator(f'main p a[href="{first.path(tag)}"]')).to_have_accessible_name(
        text_of(tag, first.title)
    )
    outlook = PAGES_BY_SLUG["outlook"]
    expect(page.locator(f'.contents a[href="{outlook.path(tag)}"]')).to_have_text(
        text_of(tag, "Chances of getting better")
    )
    page.goto(f"/{tag}/diagnosis/")
    assert page.evaluate(f"{after_title}.matches('div.draft-notice')") is draft
    if draft:
        expect(page.locator(".draft-notice details")).not_to_have_attribute("open", "")
    at = next(index for index, entry in enumerate(PAGES) if entry.slug == "diagnosis")
    for link, label, entry in (
        (".pager-previous", text_of(tag, "Previous", "link to the previous page"), PAGES[at - 1]),
        (".pager-next", text_of(tag, "Next", "link to the next page"), PAGES[at + 1]),
    ):
        expect(page.locator(link)).to_have_accessible_name(
            re.compile(rf"^{re.escape(label)}\s*:\s+{re.escape(text_of(tag, entry.title))}$")
        )


# Small screens and large text ----------------------------------------------------------


@pytest.mark.parametrize("tag", TAGS)
def test_no_page_scrolls_sideways_at_320px_with_text_at_200_percent(page: Page, tag: str) -> None:
    page.set_viewport_size({"width": 320, "height": 640})
    for path in sampled_paths(tag):
        page.goto(path)
        for size in ("100%", "200%"):
            # Text size, not zoom: the root font size, which every rem and em follows.
            page.evaluate(f"document.documentElement.style.fontSize = '{size}'")
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 320, (path, size, width)


@pytest.mark.parametrize("tag", ["en", "ar"])
def test_every_control_and_list_link_is_a_44px_target(page: Page, tag: str) -> None:
    """Buttons, fields and links standing on their own; a link inside a sentence is
    exempt (WCAG 2.5.8), and it is the text's own size."""
    small = {}
    for path in every_path(tag):
        page.goto(path)
        found = page.evaluate(
            """(controls) => [...document.querySelectorAll(controls)]
                .filter(e => e.getClientRects().length)
                .filter(e => e.tagName !== 'A' || !e.parentElement.closest('p')
                             && e.parentElement.textContent.trim() === e.textContent.trim())
                .map(e => [e.outerHTML.slice(0, 60), e.getBoundingClientRect()])
                .filter(([, box]) => box.width < 44 || box.height < 44)
                .map(([html, box]) => [html, Math.round(box.width), Math.round(box.height)])""",
            CONTROLS,
        )
        if found:
            small[path] = found
    assert small == {}


def test_nothing_moves_for_readers_who_ask_for_reduced_motion(page: Page) -> None:
    page.emulate_media(reduced_motion="reduce")
    for path in ("/en/", "/ar/questions/", "/es/search/", "/fr/languages/"):
        page.goto(path)
        moving = page.evaluate(
            """() => [...document.querySelectorAll('*')].filter((e) => {
                const style = getComputedStyle(e);
                return style.animationName !== 'none'
                    || style.transitionDuration.split(',').some((d) => parseFloat(d) > 0)
                    || style.scrollBehavior === 'smooth';
            }).map((e) => e.tagName)"""
        )
        assert moving == [], path


# Fonts -----------------------------------------------------------------------------

# The letters of the page's text that the browser draws as the box it shows for a
# character no font has (U+10FFFD, private use: none has it), in the page's own font
# at 48 px. A screenshot of Chinese without a Chinese font is rows of such boxes.
BOXES = r"""() => {
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 80;
    const context = canvas.getContext("2d", { willReadFrequently: true });
    context.font = "48px " + getComputedStyle(document.body).fontFamily;
    const draw = (character) => {
        context.clearRect(0, 0, 80, 80);
        context.fillText(character, 8, 56);
        return context.getImageData(0, 0, 80, 80).data;
    };
    const box = draw("\u{10FFFD}");
    const same = (pixels) => pixels.every((value, index) => value === box[index]);
    const letters = new Set(document.querySelector("main").textContent.match(/[^\x00-\x7f]/gu));
    return [...letters].filter((letter) => /\p{L}/u.test(letter) && same(draw(letter)));
}"""


def test_every_script_the_guide_serves_is_drawn_with_its_own_glyphs(page: Page) -> None:
    """Debian's Noto fonts (scripts/test-tools.sh) cover every language's letters, so
    that screenshots show the text, not boxes."""
    boxes = {}
    for tag in TAGS:
        page.goto(f"/{tag}/diagnosis/")
        found = page.evaluate(BOXES)
        if found:
            boxes[tag] = "".join(found[:20])
    assert boxes == {}, "drawn as boxes (install fonts-noto-core and fonts-noto-cjk)"


# Right to left ---------------------------------------------------------------------


def test_layouts_mirror_for_arabic_with_screenshots_to_review(page: Page) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    sides = {}
    for tag in ("en", "ar", "zh-Hans"):
        page.goto(f"/{tag}/diagnosis/")
        assert page.evaluate(BOXES) == [], f"{tag}: letters drawn as boxes"
        page.screenshot(path=SCREENSHOTS / f"{tag}-diagnosis.png", full_page=True)
        page.goto(f"/{tag}/languages/")
        page.screenshot(path=SCREENSHOTS / f"{tag}-languages.png")
        page.goto(f"/{tag}/diagnosis/")
        sides[tag] = page.evaluate(
            """() => {
                const box = (s) => document.querySelector(s).getBoundingClientRect();
                const middle = window.innerWidth / 2;
                return {
                    direction: getComputedStyle(document.body).direction,
                    heading: box('h1').left < middle ? 'left' : 'right',
                    next: box('.pager-next').right > middle ? 'right' : 'left',
                    list: getComputedStyle(document.querySelector('main ul, main ol'))
                        .paddingInlineStart,
                };
            }"""
        )
    assert sides["en"]["direction"] == sides["zh-Hans"]["direction"] == "ltr"
    assert sides["ar"]["direction"] == "rtl"
    # The next page is ahead in reading order: right in English, left in Arabic.
    assert (sides["en"]["next"], sides["ar"]["next"]) == ("right", "left")
    assert sides["en"]["list"] == sides["ar"]["list"]
    for name in ("en-diagnosis", "ar-diagnosis", "zh-Hans-diagnosis", "ar-languages"):
        assert (SCREENSHOTS / f"{name}.png").stat().st_size > 10_000
    assert Path(SCREENSHOTS).is_dir()
