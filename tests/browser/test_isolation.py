"""A clinic's phone number and web address read the same on an Arabic page as on a
Spanish one, on a 360 px phone: first character on the left, on one line.
(tests/test_isolation.py checks the markup on every page; this checks what a
browser makes of it.)"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.servers import GuideServer
from tests.test_isolation import CLINIC

NARROW = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}

READS_LEFT_TO_RIGHT = """(element) => {
    const text = element.firstChild.nodeType === 3 ? element.firstChild : element;
    const node = text.nodeType === 3 ? text : text.firstChild;
    const box = (start) => {
        const range = document.createRange();
        range.setStart(node, start);
        range.setEnd(node, start + 1);
        return range.getBoundingClientRect();
    };
    const first = box(0), last = box(node.length - 1);
    return {
        lines: element.getClientRects().length,
        leftToRight: first.left < last.left && Math.abs(first.top - last.top) < 2,
        text: element.textContent,
    };
}"""


@pytest.fixture(scope="module")
def clinic_server() -> Iterator[GuideServer]:
    server = GuideServer()
    server.deploy(**CLINIC)
    yield server
    server.stop()


@pytest.mark.parametrize("tag", ["ar", "es", "zh-Hans"])
def test_phone_numbers_and_addresses_read_left_to_right_on_one_line(
    browser: Browser, clinic_server: GuideServer, tag: str
) -> None:
    context = browser.new_context(**NARROW, base_url=clinic_server.url)
    page: Page = context.new_page()
    try:
        for path, selector, count in (
            (f"/{tag}/", 'a[href^="tel:"]', 3),  # emergency number, clinic, footer
            (f"/{tag}/about/", ".address", 1),
            (f"/{tag}/support/", ".address", 1),
        ):
            page.goto(path)
            found = page.locator(selector)
            assert found.count() >= count, path
            for element in found.all():
                result = element.evaluate(READS_LEFT_TO_RIGHT)
                assert result["lines"] == 1 and result["leftToRight"], (path, result)
        page.screenshot(path=f"screenshots/isolation-{tag}.png", full_page=False)
    finally:
        context.close()
