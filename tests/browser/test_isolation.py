"""A clinic's phone number and web address read the same on an Arabic page as on a
Spanish or Chinese one, on a 360×740 phone: first character on the left, on one line;
a date stays on one line and the clinic's name keeps its own direction.
(tests/test_isolation.py checks the markup on every page; this checks what a
browser makes of it, and saves screenshots of the emergency box and the footer.)"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import PHONE
from tests.browser.test_accessibility import SCREENSHOTS
from tests.servers import GuideServer, journey_locales
from tests.test_isolation import CLINIC

# Where the first and the last letter of an element's text are drawn: on one line,
# the first to the left of the last for text that reads left to right, and the
# punctuation right after it ("." or "。") on the same line as its last letter.
READING = """(element) => {
    const node = [...element.childNodes].find((child) => child.nodeType === 3)
        || element.firstChild.firstChild;
    const box = (text, start) => {
        const range = document.createRange();
        range.setStart(text, start);
        range.setEnd(text, start + 1);
        return range.getBoundingClientRect();
    };
    const first = box(node, 0), last = box(node, node.length - 1);
    const after = element.nextSibling;
    const stop = after && after.nodeType === 3 && /^[^\\s\\p{L}\\p{N}]/u.test(after.data)
        ? box(after, 0) : null;
    return {
        oneLine: Math.abs(first.top - last.top) < 2,
        leftToRight: first.left < last.left,
        stopStays: stop === null || Math.abs(stop.top - last.top) < 2,
        text: element.textContent + (after && after.nodeType === 3 ? after.data.slice(0, 3) : ""),
    };
}"""


@pytest.fixture(scope="module")
def clinic_server() -> Iterator[GuideServer]:
    server = GuideServer(locales_dir=journey_locales())
    server.deploy(**CLINIC)
    yield server
    server.stop()


def reads(page: Page, selector: str, count: int, *, left_to_right: bool = True) -> None:
    found = page.locator(selector)
    assert found.count() >= count, (page.url, selector)
    for element in found.all():
        result = element.evaluate(READING)
        assert result["oneLine"] and result["stopStays"], (page.url, result)
        if left_to_right:
            assert result["leftToRight"], (page.url, result)


@pytest.mark.parametrize("tag", ["ar", "es", "zh-Hans"])
def test_numbers_addresses_dates_and_names_read_right_on_a_small_phone(
    browser: Browser, clinic_server: GuideServer, tag: str
) -> None:
    context = browser.new_context(**PHONE, base_url=clinic_server.url)
    context.route("**/sw.js", lambda route: route.abort())  # no status line over the box
    page = context.new_page()
    try:
        page.goto(f"/{tag}/")
        reads(page, 'a[href^="tel:"]', 3)  # emergency number, clinic, footer
        SCREENSHOTS.mkdir(exist_ok=True)
        page.locator(".emergency").screenshot(path=SCREENSHOTS / f"emergency-{tag}.png")
        page.locator(".site-footer").screenshot(path=SCREENSHOTS / f"footer-{tag}.png")
        # On a 320 px phone with text at 200%, a number wider than the line wraps
        # inside itself rather than push the page sideways.
        page.set_viewport_size({"width": 320, "height": 640})
        page.evaluate("document.documentElement.style.fontSize = '200%'")
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        page.set_viewport_size(PHONE["viewport"])
        page.goto(f"/{tag}/about/")
        reads(page, ".address", 1)
        # The clinic's name, in Latin letters, reads left to right inside an Arabic
        # sentence; the date of the last check is one unbroken piece, in the page's
        # own direction.
        reads(page, "main bdi:not(.address)", 1)
        reads(page, "main time", 1, left_to_right=tag != "ar")
        page.goto(f"/{tag}/support/")
        reads(page, ".address", 1)
    finally:
        context.close()
