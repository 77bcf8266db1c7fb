"""The family journeys in WebKit (as in Safari on an iPhone) and Gecko (Firefox), beside
Chromium, against the guide's own server and its static export.

One journey per engine and way of deploying, in one fresh browser session: the first
visit saves the language and says so; with the server stopped, every page of that
language opens from the phone's copy and an address never saved shows the offline
page; search finds pages in Arabic and Chinese; a ticked question stays ticked; Arabic
reads right to left with nothing scrolling sideways; a new deployment is offered,
and Update brings its text to every page with no page mixing versions.

Every step waits for what the page or the service worker says (never a fixed sleep),
and reads pages with the server stopped, so it fails in an engine whose service
worker does not work: nothing else can answer then. The exhaustive checks (axe, every
page of every language, phone widths) stay in Chromium (the other files here).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from pwa.pages import OFFLINE_PAGE, PAGES, UTILITY_PAGES, Page
from tests.browser.engines import IPHONE, Engine, Gecko, WebKit, xvfb
from tests.browser.test_offline import IOS_EVICTION, IOS_STEPS, SAVED, text_of
from tests.servers import ExportServer, GuideServer, free_port
from tests.test_routes import TAGS

Deployment = GuideServer | ExportServer
# Right to left, in a script of its own: the language that asks the most of an engine.
TAG = "ar"
OLD, NEW = "Old Harbor Clinic", "New Bridge Clinic"
UPDATE_READY = "A new version of this guide is ready."
ENGINES = [
    pytest.param("webkit", marks=pytest.mark.webkit),
    pytest.param("gecko", marks=pytest.mark.gecko),
]

# What a reader sees of a page, in one round trip to the browser.
PAGE_STATE = """
const root = document.documentElement;
const heading = document.querySelector("h1");
const footer = document.querySelector(".site-footer");
return {
    path: location.pathname,
    lang: root.getAttribute("lang"),
    dir: root.getAttribute("dir"),
    direction: getComputedStyle(document.body).direction,
    title: heading ? heading.textContent.replace(/\\s+/g, " ").trim() : null,
    head: document.title,
    footer: footer ? footer.textContent.replace(/\\s+/g, " ") : "",
    controlled: Boolean(navigator.serviceWorker && navigator.serviceWorker.controller),
    sideways: root.scrollWidth - root.clientWidth,
};
"""
# The status line once saving is over, with the size it names.
SAVED_LINE = """
const line = document.querySelector('[data-offline="saved"]');
if (!line || line.hidden) return null;
return {
    text: line.textContent.replace(/\\s+/g, " ").trim(),
    size: document.querySelector("[data-offline-size]").textContent,
};
"""
# The worker's own answer: every file of the language stored, as it tells the
# languages page; and this page controlled by it.
WORKER_SAYS_SAVED = """
const tag = arguments[0];
return navigator.serviceWorker.ready.then((registration) => new Promise((resolve) => {
    const listen = (event) => {
        if (event.data && event.data.type === "status") {
            navigator.serviceWorker.removeEventListener("message", listen);
            resolve(event.data.saved.includes(tag) && navigator.serviceWorker.controller !== null);
        }
    };
    navigator.serviceWorker.addEventListener("message", listen);
    registration.active.postMessage({ type: "status" });
    setTimeout(() => resolve(false), 2000);
}));
"""
# For each cache of the guide's versions, the clinic names its pages carry (a promise).
VERSIONS_IN_CACHES = """(async () => {
    const found = {};
    for (const name of await caches.keys()) {
        if (!name.startsWith("lms-guide-")) continue;
        const clinics = new Set();
        const cache = await caches.open(name);
        for (const request of await cache.keys()) {
            if (new URL(request.url).pathname.startsWith("/static/")) continue;
            const text = await (await cache.match(request)).text();
            // A short name's spaces do not break (pwa/templating.py, bdi).
            for (const clinic of text.match(/(Old\\sHarbor|New\\sBridge)\\sClinic/g) || []) {
                clinics.add(clinic.replace(/\\s/g, " "));
            }
        }
        found[name] = [...clinics].sort();
    }
    return found;
})()"""
VISIBLE = """
const element = document.querySelector(arguments[0]);
return element && !element.hidden && element.getClientRects().length > 0
    ? element.textContent.replace(/\\s+/g, " ").trim() : null;
"""
HIDDEN = """
const element = document.querySelector(arguments[0]);
return element !== null && element.getClientRects().length === 0;
"""
SEARCH_RESULTS = """
if (!document.querySelector("[data-search-status]").textContent) return null;
return [...document.querySelectorAll("[data-search-results] a")]
    .map((link) => link.textContent.trim());
"""
TICKED = "return document.querySelectorAll('[data-question] .tick')[0].checked"


@pytest.fixture(scope="session")
def display() -> Iterator[str]:
    """One X display for every WebKit session of the run (WebKitGTK draws on one)."""
    with xvfb() as name:
        yield name


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> Iterator[Engine]:
    """A fresh browser session: a first visit, nothing saved, no worker."""
    if request.param == "webkit":
        browser: Engine = WebKit(request.getfixturevalue("display"))
    else:
        browser = Gecko(port=free_port())
    try:
        yield browser
    finally:
        browser.quit()


def title_of(entry: Page, tag: str = TAG) -> str:
    return text_of(tag.replace("-", "_"), entry.title)


def read(browser: Engine, url: str) -> dict[str, Any]:
    browser.open(url)
    state: dict[str, Any] = browser.run(PAGE_STATE)
    return state


def assert_right_to_left(browser: Engine, state: dict[str, Any]) -> None:
    where = f"{browser.name} {state['path']}"
    assert (state["lang"], state["dir"], state["direction"]) == (TAG, "rtl", "rtl"), where
    assert state["sideways"] <= 0, f"{where} scrolls sideways by {state['sideways']} px"


def search(browser: Engine, url: str, words: str) -> list[str]:
    browser.open(url)
    browser.type("#search-field", words)
    # Typed key by key: each key's search runs in order, so the results shown once
    # the status line speaks are those of the whole words.
    assert browser.run("return document.querySelector('#search-field').value") == words
    found: list[str] = browser.wait_for(SEARCH_RESULTS, what=f"results for {words}")
    return found


def first_visit_saves_the_language_and_says_so(browser: Engine, url: str) -> None:
    browser.open(f"{url}/{TAG}/")
    line = browser.wait_for(SAVED_LINE, what="saved status line")
    assert re.fullmatch(r"\S+\s?\S+", line["size"]), line
    expected = text_of(TAG, SAVED).replace("%(size)s", line["size"])
    assert line["text"] == " ".join(expected.split()), browser.name
    browser.wait_for(WORKER_SAYS_SAVED, TAG, what=f"worker's word that {TAG} is saved")


def every_page_opens_from_the_phones_copy(browser: Engine, url: str, clinic: str) -> None:
    """The server is stopped: only the service worker can answer."""
    for entry in (*PAGES, *UTILITY_PAGES):
        state = read(browser, url + entry.path(TAG))
        where = f"{browser.name} {entry.path(TAG)}"
        assert state["controlled"], f"{where}: not opened by the service worker"
        if entry in PAGES:
            assert state["title"] == title_of(entry), where
        else:  # the poster's heading is the guide's name, for instance
            assert title_of(entry) in state["head"], where
        assert clinic in state["footer"], f"{where}: {state['footer']!r}"
        assert_right_to_left(browser, state)


def an_unsaved_address_shows_the_offline_page(browser: Engine, url: str) -> None:
    state = read(browser, f"{url}/{TAG}/no-such-page/")
    assert state["controlled"] and state["lang"] == TAG, state
    assert state["title"] == title_of(OFFLINE_PAGE), state


def a_ticked_question_survives_a_reload(browser: Engine, url: str) -> None:
    browser.open(f"{url}/{TAG}/questions/")
    assert browser.run(TICKED) is False
    browser.click("[data-question] .tick")
    assert browser.run(TICKED) is True
    browser.reload()
    assert browser.run("return location.pathname") == f"/{TAG}/questions/"
    assert browser.run(TICKED) is True, f"{browser.name}: the tick was lost"


def a_new_deployment_is_offered_and_replaces_the_old_one(
    browser: Engine, deployment: Deployment
) -> None:
    url = deployment.url
    deployment.deploy(clinic_name=NEW)
    # Opening a page finds the new version, which installs and waits for the reader.
    browser.open(f"{url}/{TAG}/treatment/")
    offer = browser.wait_for(VISIBLE, "[data-update]", what="update offer")
    assert text_of(TAG, UPDATE_READY) in offer
    # Meanwhile the reader reads the version they saved, whole: each cache is one
    # version (the new one is complete in a cache of its own).
    assert OLD in browser.run(PAGE_STATE)["footer"]
    for name, clinics in browser.run(f"return {VERSIONS_IN_CACHES}").items():
        assert len(clinics) == 1, f"{browser.name}: {name} mixes {clinics}"

    browser.click("[data-update-button]")
    browser.wait_for(
        "return document.querySelector('.site-footer').textContent.replace(/\\s+/g, ' ')"
        f".includes({NEW!r})",
        what="the new version after Update",
    )
    browser.wait_for(HIDDEN, "[data-update]", what="the update offer gone")
    # One version left, the new one, for every saved page.
    caches = browser.wait_for(
        f"return {VERSIONS_IN_CACHES}.then((found) => Object.keys(found).length === 1 && found)",
        what="one cache left",
    )
    assert list(caches.values()) == [[NEW]], caches


def test_a_family_saves_reads_offline_searches_and_updates_the_guide(
    engine: Engine, own_deployment: Deployment
) -> None:
    browser, deployment = engine, own_deployment
    url = deployment.url
    deployment.deploy(clinic_name=OLD)
    first_visit_saves_the_language_and_says_so(browser, url)
    assert_right_to_left(browser, browser.run(PAGE_STATE))

    deployment.stop()
    every_page_opens_from_the_phones_copy(browser, url, OLD)
    an_unsaved_address_shows_the_offline_page(browser, url)
    # Search reads the saved index (vowel marks and hamza forms ignored).
    found = search(browser, f"{url}/{TAG}/search/", "الجِراحة")
    assert title_of(PAGES[5]) in found, (browser.name, found)
    a_ticked_question_survives_a_reload(browser, url)

    a_new_deployment_is_offered_and_replaces_the_old_one(browser, deployment)
    # Chinese, found without spaces (online: that language was never saved).
    found = search(browser, f"{url}/zh-Hans/search/", "手术")
    assert title_of(PAGES[5], "zh-Hans") in found, (browser.name, found)

    deployment.stop()
    every_page_opens_from_the_phones_copy(browser, url, NEW)


@pytest.mark.webkit
def test_an_iphone_reader_is_told_how_to_keep_the_guide_in_every_language(
    display: str, live_server: str
) -> None:
    """WebKit with an iPhone's user agent, as Safari on an iPhone: the steps for
    "Add to Home Screen", and that only a guide added there keeps its copy for sure
    (Safari may delete a website's data after some days without a visit)."""
    browser = WebKit(display, user_agent=IPHONE)
    try:
        for tag in TAGS:
            browser.open(f"{live_server}/{tag}/")
            shown = browser.wait_for(VISIBLE, "[data-ios-install]", what=f"{tag} iPhone steps")
            for sentence in (IOS_STEPS, IOS_EVICTION):
                expected = sentence if tag == "en" else text_of(tag.replace("-", "_"), sentence)
                assert " ".join(expected.split()) in shown, (tag, shown)
    finally:
        browser.quit()
