"""Every script drawn as its readers expect, with the phone's own fonts (no web fonts):
Japanese, Traditional and Simplified Chinese and Korean each in a font made for that
language (they share characters but not glyph shapes), Korean words never split
across lines, Japanese lines ending by its strict rules, and Urdu's Nastaliq given
the taller lines it needs."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.test_routes import TAGS

# The font a Debian phone-sized Chromium draws each language's text with
# (scripts/test-tools.sh installs Debian's Noto fonts): the one for that language.
FONT_FOR = {
    "ja": "Noto Sans CJK JP",
    "zh-Hant": "Noto Sans CJK TC",
    "zh-Hans": "Noto Sans CJK SC",
    "ko": "Noto Sans CJK KR",
    "ur": "Noto Nastaliq Urdu",
}


def fonts_drawing(page: Page, selector: str) -> dict[str, int]:
    """Chromium's own answer (DevTools) to which fonts drew an element's text."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return {font["familyName"]: font["glyphCount"] for font in fonts}


# Fonts made for one of the languages that share Chinese characters, as other
# systems name them (macOS and iOS, Windows, Android): none may come before a
# language's own, or an iPhone draws Japanese with Chinese glyph shapes.
CJK_FONTS = {
    "zh-Hans": {"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC"},
    "zh-Hant": {"PingFang TC", "Microsoft JhengHei", "Noto Sans CJK TC"},
    "ja": {"Hiragino Sans", "Yu Gothic UI", "Noto Sans CJK JP"},
    "ko": {"Apple SD Gothic Neo", "Malgun Gothic", "Noto Sans CJK KR"},
}


@pytest.mark.parametrize("tag", [tag for tag in FONT_FOR if tag in TAGS])
def test_each_language_is_drawn_in_a_font_made_for_it(page: Page, tag: str) -> None:
    page.goto(f"/{tag}/what-is-leiomyosarcoma/")
    page.evaluate(
        """() => [...document.querySelectorAll("main p:not([lang])")]
            .find((p) => p.textContent.length > 40 && p.checkVisibility())
            .setAttribute("data-probe", "")"""
    )
    listed = page.evaluate(
        "getComputedStyle(document.querySelector('[data-probe]')).fontFamily"
    ).replace('"', "")
    others = set().union(*(fonts for other, fonts in CJK_FONTS.items() if other != tag))
    assert others.isdisjoint(name.strip() for name in listed.split(",")), listed
    drawn = fonts_drawing(page, "[data-probe]")
    # Most of the paragraph's glyphs (the rest: digits and Latin letters).
    assert max(drawn, key=lambda family: drawn[family]) == FONT_FOR[tag], drawn


# Each word of every paragraph on the page, as rectangles: a word drawn on two lines
# has rectangles at two heights.
SPLIT_WORDS = """() => {
    const split = [];
    for (const paragraph of document.querySelectorAll("main p:not([lang])")) {
        const text = paragraph.firstChild;
        if (!text || text.nodeType !== Node.TEXT_NODE) continue;
        let start = 0;
        for (const word of text.data.split(" ")) {
            const range = document.createRange();
            range.setStart(text, start);
            range.setEnd(text, start + word.length);
            const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
            if (tops.size > 1) split.push(word);
            start += word.length + 1;
        }
    }
    return split;
}"""


@pytest.mark.skipif("ko" not in TAGS, reason="no Korean catalog")
def test_korean_words_are_never_split_across_lines(page: Page) -> None:
    for path in ("/ko/what-is-leiomyosarcoma/", "/ko/treatment/"):
        page.goto(path)
        assert page.evaluate(SPLIT_WORDS) == [], path


@pytest.mark.parametrize("tag", [tag for tag in ("ja", "zh-Hans", "zh-Hant") if tag in TAGS])
def test_chinese_and_japanese_lines_follow_the_strict_rules(page: Page, tag: str) -> None:
    page.goto(f"/{tag}/treatment/")
    style = page.evaluate(
        "() => { const s = getComputedStyle(document.querySelector('main p')); "
        "return [s.lineBreak, s.wordBreak]; }"
    )
    assert style == ["strict", "normal"]


@pytest.mark.skipif("ur" not in TAGS, reason="no Urdu catalog")
def test_urdu_lines_are_tall_enough_for_nastaliq(page: Page) -> None:
    """Nastaliq's letters climb and fall: Arabic's 1.6 line height makes lines touch."""
    page.goto("/ur/treatment/")
    ratios = page.evaluate(
        """() => ["main p", "h1", "h2"].map((selector) => {
            const style = getComputedStyle(document.querySelector(selector));
            return parseFloat(style.lineHeight) / parseFloat(style.fontSize);
        })"""
    )
    assert ratios[0] >= 2.1 and min(ratios[1:]) >= 1.8, ratios
