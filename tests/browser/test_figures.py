"""The pictures in a real Chromium at phone size: named figures whose labels never
overlap a picture or each other and are never cut off, on a 390 px phone and on a
320 px one with text at 200%, in English, Arabic, Chinese and the languages with
the longest words (Russian, Vietnamese), whatever their translation holds today;
arrows that point the way the page reads; black on white on paper, in the whole
guide's print too. Screenshots of each picture go to screenshots/ for review.

Each page with pictures is opened once per language and measured at both sizes.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from pwa.pages import PAGES
from pwa.settings import PROJECT_ROOT
from tests.test_figures import FIGURES, page_path

SCREENSHOTS = PROJECT_ROOT / "screenshots"
SCREENSHOT_TAGS = ("en", "ar", "zh-Hans")
COUNT = sum(len(names) for names in FIGURES.values())

# Every label in a figure (the outermost elements with text of their own), checked
# against each other and against the drawings, then every line of text against the
# figure's and the screen's edges.
PROBLEMS = """(figure) => {
    const problems = [];
    const name = (e) => e.textContent.trim().slice(0, 40);
    const ownText = (e) => [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    const withText = [...figure.querySelectorAll('*')]
        .filter((e) => !(e instanceof SVGElement) && ownText(e));
    const labels = withText.filter((e) => !withText.some((o) => o !== e && o.contains(e)));
    const drawings = [...figure.querySelectorAll('svg')];
    const overlap = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5
        && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
    labels.forEach((label, i) => {
        const box = label.getBoundingClientRect();
        labels.slice(i + 1).forEach((other) => {
            if (overlap(box, other.getBoundingClientRect())) {
                problems.push(`"${name(label)}" overlaps "${name(other)}"`);
            }
        });
        drawings.forEach((drawing) => {
            if (overlap(box, drawing.getBoundingClientRect())) {
                problems.push(`"${name(label)}" overlaps a drawing`);
            }
        });
    });
    const edge = figure.getBoundingClientRect();
    const inside = (r) => r.left >= Math.max(edge.left, 0) - 0.5
        && r.right <= Math.min(edge.right, window.innerWidth) + 0.5;
    const walker = document.createTreeWalker(figure, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    while (walker.nextNode()) {
        if (!walker.currentNode.textContent.trim()) continue;
        range.selectNodeContents(walker.currentNode);
        for (const line of range.getClientRects()) {
            if (!inside(line)) problems.push(`"${name(walker.currentNode.parentNode)}" is cut off`);
        }
    }
    drawings.forEach((drawing) => {
        if (!inside(drawing.getBoundingClientRect())) problems.push('a drawing is cut off');
    });
    return { labels: labels.length, problems };
}"""

# Which way the arrow between two pictures points: its head against its middle.
ARROW = """(figure) => {
    const arrow = figure.querySelector('.arrow');
    if (!arrow) return null;
    const whole = arrow.getBoundingClientRect();
    const tip = arrow.querySelector('.tip').getBoundingClientRect();
    const x = (tip.left + tip.right - whole.left - whole.right) / 2;
    const y = (tip.top + tip.bottom - whole.top - whole.bottom) / 2;
    const [first, second] = [...figure.querySelectorAll('.flow .panel')]
        .map((p) => p.getBoundingClientRect());
    return {
        points: Math.abs(x) > Math.abs(y) ? (x > 0 ? 'right' : 'left') : (y > 0 ? 'down' : 'up'),
        next: second.left > first.right ? 'right' : second.right < first.left ? 'left' : 'below',
    };
}"""


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    """Without the service worker: saving the whole language in the background at
    each page opened would only slow these tests down."""
    return {**browser_context_args, "service_workers": "block"}


def measure(page: Page, names: tuple[str, ...]) -> dict[str, dict]:
    found = {}
    for name in names:
        figure = page.locator(f"figure.{name}")
        found[name] = {"layout": figure.evaluate(PROBLEMS), "arrow": figure.evaluate(ARROW)}
    return found


@pytest.mark.parametrize("tag", ["en", "ar", "zh-Hans", "ru", "vi"])
def test_pictures_reflow_without_overlap_and_arrows_point_the_way_the_page_reads(
    page: Page, tag: str
) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    ahead = "left" if tag == "ar" else "right"
    for slug, names in FIGURES.items():
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(page_path(slug, tag))
        # The status line at the foot of the screen stays out of the screenshots.
        page.evaluate("document.querySelector('.app-status').style.display = 'none'")
        figures = page.get_by_role("figure")
        expect(figures).to_have_count(len(names))
        for index, name in enumerate(names):
            figure = page.locator(f"figure.{name}")
            expect(figures.nth(index)).to_have_accessible_name(
                figure.locator("figcaption").inner_text().strip()
            )
            if tag in SCREENSHOT_TAGS:
                figure.screenshot(path=SCREENSHOTS / f"picture-{name}-{tag}.png")

        phone = measure(page, names)
        # A 320 px phone with the text at 200% (the root font size, as the reader's
        # text size and the browser's own setting change it).
        page.set_viewport_size({"width": 320, "height": 640})
        page.evaluate("document.documentElement.style.fontSize = '200%'")
        small = measure(page, names)
        if tag in SCREENSHOT_TAGS:
            for name in names:
                page.locator(f"figure.{name}").screenshot(
                    path=SCREENSHOTS / f"picture-{name}-{tag}-320px-200pc.png", scale="css"
                )

        for name in names:
            for size, found in (("390px", phone[name]), ("320px 200%", small[name])):
                assert found["layout"]["labels"] >= 3, (tag, name, size)
                assert found["layout"]["problems"] == [], (tag, name, size)
            if phone[name]["arrow"]:
                # Side by side: the arrow and the second picture are ahead in reading
                # order; stacked, below.
                assert phone[name]["arrow"] == {"points": ahead, "next": ahead}, (tag, name)
                assert small[name]["arrow"] == {"points": "down", "next": "below"}, (tag, name)
    for name in (n for names in FIGURES.values() for n in names):
        if tag in SCREENSHOT_TAGS:
            assert (SCREENSHOTS / f"picture-{name}-{tag}.png").stat().st_size > 5_000


@pytest.mark.parametrize("tag", ["en", "ar"])
def test_the_whole_guide_prints_every_picture_in_black_and_white(page: Page, tag: str) -> None:
    page.goto(f"/{tag}/print/")
    expect(page.locator(".whole-guide-page")).to_have_count(len(PAGES))
    figures = page.get_by_role("figure")
    expect(figures).to_have_count(COUNT)
    for index in range(COUNT):
        # Still named by its caption, with the page's ids taken away.
        caption = figures.nth(index).locator("figcaption").inner_text().strip()
        expect(figures.nth(index)).to_have_accessible_name(caption)
    page.emulate_media(media="print")
    colours = page.evaluate(
        """() => {
            const seen = new Set();
            for (const e of document.querySelectorAll('figure svg, figure svg *')) {
                const style = getComputedStyle(e);
                if (style.display === 'none') continue;
                seen.add(style.fill).add(style.stroke);
            }
            for (const e of document.querySelectorAll('figure, figure *')) {
                const style = getComputedStyle(e);
                seen.add(style.color);
                if (style.borderTopStyle !== 'none') seen.add(style.borderTopColor);
            }
            return [...seen];
        }"""
    )
    assert set(colours) <= {"none", "rgb(0, 0, 0)", "rgb(255, 255, 255)"}, colours
    for index in range(COUNT):
        expect(figures.nth(index)).to_be_visible()


def test_pictures_take_the_systems_colours_in_forced_colours_mode(page: Page) -> None:
    page.emulate_media(forced_colors="active")
    page.goto("/en/treatment/")
    found = page.evaluate(
        """() => {
            const style = (s) => getComputedStyle(document.querySelector(s));
            return { text: style('body').color, page: style('body').backgroundColor,
                     tumor: style('.margin .mark').fill, tissue: style('.margin .tissue').fill,
                     ink: style('.margin svg').stroke };
        }"""
    )
    assert found["tumor"] == found["ink"] == found["text"]
    assert found["tissue"] == found["page"]
