"""Each feature's script stands alone (static/js/, one file per feature): one that
fails as it starts stops only itself, never the features loaded after it.

tests/test_scripts.py checks the files and which pages load which; this test checks
the promise in a real Chromium."""

from __future__ import annotations

from playwright.sync_api import Page, expect

# A phone whose speech engine breaks: reading the voice throws. reading-tools.js
# reads it as it starts, before glossary.js, questions.js, install.js and offline.js
# run on the questions page.
BROKEN_SPEECH = """Object.defineProperty(window, "speechSynthesis", {
    configurable: true,
    get() { throw new Error("broken speech engine"); },
});"""


def test_a_feature_that_fails_to_start_stops_only_itself(page: Page) -> None:
    page.add_init_script(BROKEN_SPEECH)
    with page.expect_event("pageerror") as failure:
        page.goto("/en/questions/")
    # Read aloud did fail as it started, and is not offered.
    assert "broken speech engine" in str(failure.value)
    expect(page.locator("[data-read-aloud]")).to_be_hidden()
    # The questions still tick, and the tick is kept.
    tick = page.locator("[data-question] .tick").first
    tick.check()
    # A glossary word still opens in place.
    page.locator("main a[href$='/glossary/#tumor']").first.click()
    expect(page.locator("#definition-tumor")).to_be_visible()
    # The guide is still saved for offline reading: the worker registers and runs.
    assert page.evaluate("navigator.serviceWorker.ready.then((r) => r.active.state)") in (
        "activating",
        "activated",
    )
    page.reload()
    expect(tick).to_be_checked()
