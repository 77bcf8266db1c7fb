"""Browser tests: the real server (or the static export) on a free loopback port, and a
real Chromium at phone size; WebKit and Gecko for the family journeys
(test_engines.py, with engines.py).

Playwright's own browser download does not work everywhere, so `make test` finds
Debian's chromium and passes it in CHROMIUM_PATH (see scripts/test-tools.sh).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, BrowserType, Page, expect

from tests.servers import ExportServer, GuideServer, journey_locales

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# A real small Android phone (360×740 CSS pixels), where parents meet the guide.
PHONE = {
    "viewport": {"width": 360, "height": 740},
    "device_scale_factor": 3,
    "is_mobile": True,
    "has_touch": True,
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test here is `browser`; each also names its engine, so that one engine's
    tests run alone with `-m chromium`, `-m webkit` or `-m gecko`
    (test_engines.py marks its own WebKit and Gecko tests)."""
    for item in items:
        if "tests/browser/" in item.nodeid:
            item.add_marker(pytest.mark.browser)
            if not any(item.get_closest_marker(name) for name in ("webkit", "gecko")):
                item.add_marker(pytest.mark.chromium)


@pytest.fixture(scope="session", autouse=True)
def patient_expectations() -> None:
    """`expect(...)` polls for up to 15 s instead of Playwright's 5: with two test
    processes, each driving a browser and a server on 2 cores, what the page shows
    after a worker's answer can take longer than 5 s. Polled: passing runs are no
    slower."""
    expect.set_options(timeout=15_000)


@pytest.fixture(scope="session")
def live_server() -> Iterator[str]:
    """The guide as a reader's browser sees it, shared by the browser tests."""
    server = GuideServer()
    server.deploy()
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture(scope="session")
def export_server() -> Iterator[str]:
    """The static export (`python -m pwa build`) behind a plain static file server."""
    server = ExportServer()
    server.deploy()
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture(scope="session", params=["server", "export"])
def any_server(request: pytest.FixtureRequest) -> str:
    """For tests of what readers see, which must hold for both ways of deploying:
    the guide's own server and its static export."""
    return request.getfixturevalue("live_server" if request.param == "server" else "export_server")


@pytest.fixture
def own_server() -> Iterator[GuideServer]:
    """A server of the test's own, for tests that deploy new versions or stop it, in
    the journeys' languages (tests.servers.JOURNEY_LANGUAGES) unless a test deploys
    other catalogs."""
    server = GuideServer(locales_dir=journey_locales())
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(params=["server", "export"])
def own_deployment(request: pytest.FixtureRequest) -> Iterator[GuideServer | ExportServer]:
    """A deployment of the test's own, either kind, for tests that deploy new
    versions, in the journeys' languages (tests.servers.JOURNEY_LANGUAGES)."""
    locales = journey_locales()
    server = (
        GuideServer(locales_dir=locales)
        if request.param == "server"
        else ExportServer(locales_dir=locales)
    )
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def persistent_context(
    browser_type: BrowserType, browser_type_launch_args: dict[str, Any], tmp_path: Path
) -> Iterator[BrowserContext]:
    """A browser profile on disk: Chrome only considers installing from one (an
    incognito context always reports `in-incognito`)."""
    context = browser_type.launch_persistent_context(
        tmp_path / "profile", **browser_type_launch_args, **PHONE
    )
    try:
        yield context
    finally:
        context.close()


@pytest.fixture(scope="session")
def base_url(live_server: str) -> str:
    return live_server


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    args = {**browser_type_launch_args, "args": CHROMIUM_FLAGS}
    executable = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    if executable:
        args["executable_path"] = executable
    return args


@pytest.fixture
def browser_context_args(base_url: str) -> dict[str, Any]:
    """Per test, not per session as pytest-playwright's own: modules choose their
    base_url (the server, or the server and the export), and a session-wide value
    would keep whichever module asked first."""
    return {**PHONE, "base_url": base_url}


@pytest.fixture
def blank_context(browser: Browser) -> Iterator[BrowserContext]:
    """A phone-sized context with no base URL, for tests that bring their own server."""
    context = browser.new_context(**PHONE)
    try:
        yield context
    finally:
        context.close()


@pytest.fixture
def no_worker(page: Page) -> None:
    """For tests of what a page shows: no service worker saving the whole language in
    the background, which costs seconds of a small machine's time per test (the status
    line then says that saving failed)."""
    page.context.route("**/sw.js", lambda route: route.abort())


def wait_until_saved(page: Page, tag: str) -> None:
    """The worker reports every file of `tag` stored, as it tells the languages page.

    Playwright's wait_for_function does not await a promise (an async predicate is a
    truthy promise at once), so the page asks the worker every 100 ms and the
    predicate reads the latest answer."""
    page.wait_for_function(
        """(tag) => {
            if (!window.__savedLanguages) {
                window.__savedLanguages = [];
                navigator.serviceWorker.addEventListener("message", (event) => {
                    if (event.data.type === "status") window.__savedLanguages = event.data.saved;
                });
                const ask = () => navigator.serviceWorker.ready.then(
                    (registration) => registration.active.postMessage({ type: "status" }));
                ask();
                setInterval(ask, 100);
            }
            return window.__savedLanguages.includes(tag);
        }""",
        arg=tag,
        # Polled: a passing run waits only as long as saving takes. A whole language on
        # a busy 2-core machine (two test processes, each with a browser) can take
        # longer than Playwright's default of 30 s.
        timeout=90_000,
    )
