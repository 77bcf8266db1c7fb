"""Installing the guide and reading it with no signal, in a real Chromium at phone size.

Each test gets a fresh browser context, so each starts as a first visit: no service
worker, nothing saved.
"""

from __future__ import annotations

import contextlib
import html
import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect
from playwright.sync_api import Error as PlaywrightError

from pwa.pages import OFFLINE_PAGE, PAGES, PAGES_BY_SLUG, UTILITY_PAGES
from tests.browser.conftest import PHONE, wait_until_saved
from tests.browser.sample import EVERY_PAGE
from tests.conftest import translated
from tests.servers import ExportServer, GuideServer
from tests.test_routes import TAGS

Deployment = GuideServer | ExportServer
SAVED = "This guide is saved on your phone. You can read it with no internet. It takes up %(size)s."
IOS_STEPS = (
    "On an iPhone or iPad, open this guide in Safari. Tap the Share button (a square with "
    'an arrow pointing up). If you do not see it, tap the "…" button first. Then tap "Add '
    'to Home Screen".'
)
IOS_EVICTION = (
    "Safari may delete a saved website after some days without a visit. A guide added to "
    "the Home Screen keeps its copy."
)


@pytest.fixture(scope="session")
def base_url(any_server: str) -> str:
    """Every test here runs against the guide's own server and its static export."""
    return any_server


def text_of(gettext_id: str, msgid: str, context: str | None = None) -> str:
    """A message as the reader sees it: the committed translation, as plain text."""
    return html.unescape(re.sub(r"<[^>]+>", "", translated(gettext_id, msgid, context)))


def cached_pages(page: Page) -> dict[str, str]:
    """Every response in the browser's caches for this site: URL path to text."""
    return page.evaluate(
        """async () => {
            const found = {};
            for (const name of await caches.keys()) {
                const cache = await caches.open(name);
                for (const request of await cache.keys()) {
                    const path = new URL(request.url).pathname;
                    if (!path.startsWith('/static/')) {
                        found[name + ' ' + path] = await (await cache.match(request)).text();
                    }
                }
            }
            return found;
        }"""
    )


def versions_in_caches(page: Page) -> dict[str, set[str]]:
    """For each cache, the clinic names its pages carry (one per deployment here)."""
    found: dict[str, set[str]] = {}
    for key, text in cached_pages(page).items():
        # A short name's spaces do not break (pwa/templating.py, bdi).
        found_here = re.findall(r"(Old\sHarbor|New\sBridge)\sClinic", text)
        clinics = {" ".join(name.split()) for name in found_here}
        found.setdefault(key.split(" ")[0], set()).update(clinics)
    return found


@pytest.mark.parametrize("tag", [tag for tag in EVERY_PAGE if tag in TAGS])
def test_chrome_can_install_the_guide(
    persistent_context: BrowserContext, base_url: str, tag: str
) -> None:
    page = persistent_context.new_page()
    page.goto(f"{base_url}/{tag}/")
    wait_until_saved(page, tag)
    cdp = persistent_context.new_cdp_session(page)
    manifest = cdp.send("Page.getAppManifest")
    assert manifest["url"] == f"{base_url}/{tag}/manifest.webmanifest"
    assert manifest["errors"] == []
    assert cdp.send("Page.getInstallabilityErrors") == {"installabilityErrors": []}
    # Chrome offered to install it, so the page shows its own install button.
    expect(page.locator("[data-install-button]")).to_be_visible()


def test_nothing_moves_while_the_guide_saves_and_offers_to_install(
    persistent_context: BrowserContext, base_url: str
) -> None:
    """The status line changes once saving is over, the install offer with it: no
    layout shift on a first visit (Lighthouse's CLS), even in a browser that offers
    installing."""
    page = persistent_context.new_page()
    page.add_init_script(
        """window.__shift = 0;
        new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) window.__shift += entry.value;
        }).observe({ type: "layout-shift", buffered: true });
        // The browser's install offer arriving mid-save, as it does on a slow phone.
        navigator.serviceWorker.addEventListener("message", (message) => {
            if (message.data.type !== "progress" || window.__offered) return;
            window.__offered = true;
            const offer = new Event("beforeinstallprompt");
            offer.prompt = () => {};
            window.dispatchEvent(offer);
        });"""
    )
    page.goto(f"{base_url}/ar/")
    wait_until_saved(page, "ar")
    expect(page.locator("[data-install-button]")).to_be_visible()
    expect(page.locator('[data-offline="saved"]')).to_be_visible()
    assert page.evaluate("window.__shift") == 0


def test_the_first_visit_saves_the_whole_guide_for_offline_reading(
    page: Page, context: BrowserContext
) -> None:
    page.goto("/es/")
    saved = page.locator('[data-offline="saved"]')
    expect(saved).to_be_visible()
    size = page.locator("[data-offline-size]").first.inner_text()
    assert re.fullmatch(r"\d+\s?kB", size), size
    # The reader is told in Spanish, with the size in the middle of the sentence.
    assert saved.inner_text() == text_of("es", SAVED).replace("%(size)s", size)
    page.wait_for_function("navigator.serviceWorker.controller !== null")

    context.set_offline(True)
    for entry in PAGES:
        response = page.goto(entry.path("es"))
        assert response is not None and response.ok, entry.path("es")
        expect(page.locator("html")).to_have_attribute("lang", "es")
        expect(page.locator("h1")).to_have_text(text_of("es", entry.title))
    # Links work as online: the pager, and a URL without its trailing slash.
    page.goto("/es/diagnosis/")
    page.locator("a[rel=next]").click()
    expect(page).to_have_url(re.compile(r"/es/treatment/$"))
    page.goto("/es/outlook")
    expect(page).to_have_url(re.compile(r"/es/outlook/$"))
    expect(page.locator("h1")).to_have_text(text_of("es", PAGES_BY_SLUG["outlook"].title))


def test_nothing_from_another_origin_is_ever_saved(page: Page, base_url: str) -> None:
    """The policy refuses other origins to the page, and the worker saves only this
    origin's listed files: every cached URL is on this origin."""
    page.goto("/en/")
    wait_until_saved(page, "en")
    found = page.evaluate(
        """async () => {
            const refused = await fetch("http://127.0.0.2:9/guide.css", { mode: "no-cors" })
                .then(() => false, () => true);
            const origins = new Set();
            for (const name of await caches.keys()) {
                const cache = await caches.open(name);
                for (const request of await cache.keys()) origins.add(new URL(request.url).origin);
            }
            return { refused, origins: [...origins] };
        }"""
    )
    assert found == {"refused": True, "origins": [base_url]}


def test_offline_an_unsaved_address_shows_the_offline_page_in_the_readers_language(
    page: Page, context: BrowserContext
) -> None:
    page.goto("/es/treatment/")
    wait_until_saved(page, "es")
    # An error page online is shown, but never saved.
    assert page.goto("/es/no-such-page/").status == 404
    context.set_offline(True)
    for address in ("/es/no-such-page/", "/de/", "/fr/treatment/"):
        page.goto(address)
        expect(page.locator("html")).to_have_attribute("lang", "es")
        expect(page.locator("h1")).to_have_text(text_of("es", OFFLINE_PAGE.title))
        # ...with links to every saved page, which open.
        expect(page.locator("main > ul a")).to_have_count(len(PAGES))
    page.locator("main > ul a").nth(5).click()
    expect(page.locator("h1")).to_have_text(text_of("es", PAGES[5].title))
    # The root sends the reader to the saved guide.
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/es/$"))
    assert not [key for key in cached_pages(page) if "no-such-page" in key]


@pytest.mark.parametrize(("tag", "never_saved"), [("es", "ar"), ("ar", "vi")])
def test_a_second_language_saved_from_the_picker_opens_offline(
    page: Page, context: BrowserContext, tag: str, never_saved: str
) -> None:
    page.goto(f"/{tag}/what-is-leiomyosarcoma/")
    wait_until_saved(page, tag)
    page.locator(".language-link").click()
    save_french = page.locator('[data-save-language="fr"]')
    expect(save_french).to_be_visible()
    expect(save_french).to_have_text(text_of(tag, "Save for offline"))
    # Each button is named with its language: eight "Save for offline" are not alike.
    expect(save_french).to_have_accessible_name(text_of(tag, "Save for offline") + " Français")
    save_french.focus()
    page.keyboard.press("Enter")
    expect(page.locator('[data-saved-language="fr"]')).to_be_visible()
    expect(save_french).to_be_hidden()
    # Focus stays on French, and the outcome is said once.
    expect(page.locator("#language-fr")).to_be_focused()
    expect(page.locator("[data-language-status]")).to_have_text(
        "Français: " + text_of(tag, "Saved on this phone")
    )

    context.set_offline(True)
    # Switching language with the picker, offline: the same page, in French.
    page.goto(f"/{tag}/what-is-leiomyosarcoma/")
    page.locator(".language-link").click()
    page.locator('.language-list a[data-language="fr"]').click()
    expect(page).to_have_url(re.compile(r"/fr/what-is-leiomyosarcoma/$"))
    expect(page.locator("h1")).to_have_text(text_of("fr", "What is leiomyosarcoma?"))
    page.goto("/fr/glossary/")
    expect(page.locator("h1")).to_have_text(text_of("fr", "Glossary"))
    # The reader's offline page points to the French guide as well.
    page.goto(f"/{tag}/not-saved/")
    saved_languages = page.locator("[data-saved-languages-list] a:visible")
    expect(saved_languages).to_have_text(["Français"])
    # A language that was never saved is not pretended to be there.
    page.goto(f"/{never_saved}/")
    expect(page.locator("html")).to_have_attribute("lang", tag)


def test_saving_another_language_shows_its_progress(page: Page) -> None:
    page.add_init_script(
        """
        window.__progress = [];
        window.__bars = 0;
        navigator.serviceWorker.addEventListener('message', (event) => {
            if (event.data.type === 'progress') window.__progress.push(event.data);
        });
        new MutationObserver((changes) => {
            for (const change of changes) for (const node of change.addedNodes) {
                if (node.nodeName === 'PROGRESS' && node.closest('.language-list')) {
                    window.__bars += 1;
                }
            }
        }).observe(document, { childList: true, subtree: true });
        """
    )
    page.goto("/en/")
    wait_until_saved(page, "en")
    page.locator(".language-link").click()
    page.locator('[data-save-language="vi"]').click()
    expect(page.locator('[data-saved-language="vi"]')).to_be_visible()
    progress = [m for m in page.evaluate("window.__progress") if m["tag"] == "vi"]
    # Only what English did not already bring (the shared assets) is downloaded.
    assert progress[0]["done"] == 0 and progress[-1]["done"] == progress[-1]["total"]
    # The pages, the offline, languages, search, print and poster pages, the manifest
    # and the search index.
    total = len(PAGES) + len(UTILITY_PAGES) + 2
    assert progress[-1]["total"] == total
    # The bar moves steadily towards one fixed end.
    assert {m["total"] for m in progress} == {total}
    assert [m["done"] for m in progress] == list(range(total + 1))
    assert page.evaluate("window.__bars") == 1
    expect(page.locator(".language-list progress")).to_have_count(0)


@pytest.mark.parametrize(
    ("user_agent", "shown"),
    [
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
            "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
            True,
        ),
        (
            "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/126.0.0.0 Mobile Safari/537.36",
            False,
        ),
    ],
)
def test_iphone_readers_are_shown_how_to_add_the_guide_to_their_home_screen(
    new_context: Callable[..., BrowserContext], user_agent: str, shown: bool
) -> None:
    """In every language, with WebKit's storage policy said plainly: Safari may delete
    a website's saved copy after some days without a visit, but not a guide added to
    the Home Screen (test_engines.py shows the same in WebKit itself)."""
    page = new_context(user_agent=user_agent).new_page()
    how_to = page.locator("[data-ios-install]")
    if not shown:
        page.goto("/es/")
        # Chrome and other browsers offer their own install button instead.
        expect(page.locator("[data-offline='saved']")).to_be_visible()
        expect(how_to).to_be_hidden()
        return
    for tag in TAGS:
        page.goto(f"/{tag}/")
        expect(how_to).to_be_visible()
        for sentence in (IOS_STEPS, IOS_EVICTION):
            expected = sentence if tag == "en" else text_of(tag.replace("-", "_"), sentence)
            expect(how_to).to_contain_text(" ".join(expected.split()))


def test_a_guide_the_browser_evicted_is_saved_again_on_the_next_visit(
    page: Page, context: BrowserContext
) -> None:
    page.goto("/en/")
    wait_until_saved(page, "en")
    # What a browser short of space does: drop the site's caches.
    page.evaluate("async () => { for (const n of await caches.keys()) await caches.delete(n); }")
    page.reload()
    expect(page.locator('[data-offline="saved"]')).to_be_visible()
    context.set_offline(True)
    page.goto("/en/glossary/")
    expect(page.locator("h1")).to_have_text("Glossary")


def test_persistent_storage_is_requested_once_the_guide_is_saved(page: Page) -> None:
    page.add_init_script(
        """
        window.__persistRequests = 0;
        if (navigator.storage) {
            navigator.storage.persisted = () => Promise.resolve(false);
            navigator.storage.persist = () => {
                window.__persistRequests += 1;
                return Promise.resolve(true);
            };
        }
        """
    )
    page.goto("/en/")
    expect(page.locator('[data-offline="saved"]')).to_be_visible()
    page.wait_for_function("window.__persistRequests === 1")


def saved_under_an_old_deployment(server: Deployment, context: BrowserContext, tag: str) -> Page:
    """A page of `tag` whose language is saved, controlled by the "Old Harbor" version."""
    server.deploy(clinic_name="Old Harbor Clinic")
    page = context.new_page()
    page.goto(f"{server.url}/{tag}/")
    wait_until_saved(page, tag)
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    return page


def test_a_new_deployment_is_offered_and_replaces_the_old_one_completely(
    own_deployment: Deployment, blank_context: BrowserContext
) -> None:
    context = blank_context
    page = saved_under_an_old_deployment(own_deployment, context, "en")
    footer = page.locator(".site-footer")
    expect(footer).to_contain_text("Old Harbor Clinic")

    own_deployment.deploy(clinic_name="New Bridge Clinic")
    # Saving another language now would mix the new French pages into the old
    # version: the old worker refuses them, and the page looks for the new version...
    page.locator(".language-link").click()
    page.locator('[data-save-language="fr"]').click()
    prompt = page.locator("[data-update]")
    expect(prompt).to_be_visible(timeout=20_000)
    expect(prompt).to_contain_text("A new version of this guide is ready.")
    expect(page.locator('[data-saved-language="fr"]')).to_be_hidden()
    expect(page.locator('[data-save-language="fr"]')).to_be_visible()
    # (The new version may already be saved in a cache of its own, waiting.)
    for name, clinics in versions_in_caches(page).items():
        assert len(clinics) == 1, f"{name} mixes {clinics}"
    old_cache = next(key for key, text in cached_pages(page).items() if "Old Harbor" in text)
    assert not [key for key in cached_pages(page) if key.startswith(old_cache.split()[0] + " /fr/")]
    # ...while reading on, the reader still gets the version they saved, whole.
    page.locator(".brand").click()
    expect(footer).to_contain_text("Old Harbor Clinic")
    expect(prompt).to_be_visible()
    with page.expect_event("load"):
        page.locator("[data-update-button]").click()
    expect(footer).to_contain_text("New Bridge Clinic")
    expect(prompt).to_be_hidden()

    cached = cached_pages(page)
    assert len({key.split(" ")[0] for key in cached}) == 1, "old caches remain"
    assert any(key.endswith(" /en/treatment/") for key in cached)
    assert not [key for key, text in cached.items() if "Old Harbor Clinic" in text]
    # Offline, the saved guide is the new version.
    context.set_offline(True)
    page.goto(f"{own_deployment.url}/en/about/")
    expect(footer).to_contain_text("New Bridge Clinic")


def test_closing_the_guide_and_opening_it_again_brings_the_new_version(
    own_deployment: Deployment, blank_context: BrowserContext
) -> None:
    """A reader who never taps Update is not left on an old version forever."""
    context = blank_context
    page = saved_under_an_old_deployment(own_deployment, context, "es")
    own_deployment.deploy(clinic_name="New Bridge Clinic")
    page.locator("a[rel=next]").click()
    expect(page.locator("[data-update]")).to_be_visible(timeout=20_000)
    page.close()
    # As when the installed app is closed and opened again from its icon, offline.
    context.set_offline(True)
    reopened = context.new_page()
    reopened.goto(f"{own_deployment.url}/es/")
    expect(reopened.locator(".site-footer")).to_contain_text("New Bridge Clinic")
    expect(reopened.locator("[data-update]")).to_be_hidden()


def test_a_language_saved_while_an_update_waits_is_kept_when_the_update_activates(
    own_deployment: Deployment, blank_context: BrowserContext
) -> None:
    """The reader saves a second language after the new version has installed and
    is waiting: tapping Update must keep it, and the first one, in the new version."""
    context = blank_context
    page = saved_under_an_old_deployment(own_deployment, context, "en")
    own_deployment.deploy(clinic_name="New Bridge Clinic")
    # Opening another page finds the new version, which installs and waits.
    page.locator(".language-link").click()
    prompt = page.locator("[data-update]")
    expect(prompt).to_be_visible(timeout=20_000)
    page.locator('[data-save-language="es"]').click()
    expect(page.locator('[data-saved-language="es"]')).to_be_visible()
    for name, clinics in versions_in_caches(page).items():
        assert len(clinics) == 1, f"{name} mixes {clinics}"
    footer = page.locator(".site-footer")
    expect(footer).to_contain_text("Old Harbor Clinic")

    with page.expect_event("load"):
        page.locator("[data-update-button]").click()
    expect(footer).to_contain_text("New Bridge Clinic")
    cached = cached_pages(page)
    assert len({key.split(" ")[0] for key in cached}) == 1, "old caches remain"
    for tag in ("en", "es"):
        assert any(key.endswith(f" /{tag}/treatment/") for key in cached), tag
    assert not [key for key, text in cached.items() if "Old Harbor Clinic" in text]

    own_deployment.stop()
    context.set_offline(True)
    for tag in ("en", "es"):
        for entry in (PAGES[0], PAGES[3]):
            page.goto(f"{own_deployment.url}{entry.path(tag)}")
            expect(page.locator("html")).to_have_attribute("lang", tag)
            title = entry.title if tag == "en" else text_of(tag, entry.title)
            expect(page.locator("h1")).to_have_text(title)
            expect(footer).to_contain_text("New Bridge Clinic")


def test_offline_the_root_opens_the_language_the_reader_chose(
    own_deployment: Deployment, browser: Browser
) -> None:
    """Online, "/" follows the reader's choice (the cookie) before the browser's
    languages; offline it must too."""
    context = browser.new_context(**PHONE, locale="en-US")
    try:
        page = context.new_page()
        own_deployment.deploy()
        page.goto(f"{own_deployment.url}/en/")
        wait_until_saved(page, "en")
        page.locator(".language-link").click()
        page.locator('[data-save-language="ar"]').click()
        expect(page.locator('[data-saved-language="ar"]')).to_be_visible()
        page.locator('.language-list a[data-language="ar"]').click()
        expect(page.locator("html")).to_have_attribute("lang", "ar")

        # No server, and no signal: a static server's open connections may still
        # answer for a moment after it stops.
        own_deployment.stop()
        context.set_offline(True)
        page.goto(f"{own_deployment.url}/")
        expect(page).to_have_url(re.compile(r"/ar/$"))
        expect(page.locator("h1")).to_have_text(text_of("ar", PAGES[0].title))
        # An address outside any language folder: the offline page, in Arabic too.
        page.goto(f"{own_deployment.url}/no-such-page")
        expect(page.locator("html")).to_have_attribute("lang", "ar")
        expect(page.locator("h1")).to_have_text(text_of("ar", OFFLINE_PAGE.title))
    finally:
        context.close()


def test_after_one_download_fails_the_save_stops_and_says_so_once(
    page: Page, context: BrowserContext
) -> None:
    """One file of the language fails while others are still downloading: the page
    hears "failed" once, and no progress after it, so its failure message stays."""
    page.add_init_script(
        """window.__log = [];
        navigator.serviceWorker.addEventListener("message", (event) => {
            const data = event.data;
            if (data.tag !== "fr") return;
            const entry = { type: data.type };
            if (data.type === "progress") entry.done = data.done;
            window.__log.push(entry);
        });
        new MutationObserver(() => {
            const shown = document.querySelector("[data-offline]:not([hidden])");
            const state = shown ? shown.getAttribute("data-offline") : null;
            const last = window.__log.filter((entry) => "shown" in entry).pop();
            if (!last || last.shown !== state) window.__log.push({ shown: state });
        }).observe(document, { attributes: true, subtree: true, attributeFilter: ["hidden"] });"""
    )
    french = re.compile(r"/fr/")
    refused: list[str] = []
    held: list[Route] = []

    def one_fails_the_others_wait(route: Route) -> None:
        # Only the worker's downloads: the page's own requests go through.
        if route.request.service_worker is None:
            route.continue_()
        elif not refused:
            refused.append(route.request.url)
            route.fulfill(status=500, body="")
        else:
            held.append(route)

    context.route(french, one_fails_the_others_wait)
    page.goto("/fr/")
    page.wait_for_function("() => window.__log.some((entry) => entry.type === 'failed')")
    expect(page.locator('[data-offline="failed"]')).to_be_visible()
    # The downloads that were under way when the first failed now answer.
    context.unroute(french, one_fails_the_others_wait)
    for route in held:
        with contextlib.suppress(PlaywrightError):  # the worker gave it up
            route.continue_()
    # Opened again, the page asks once more, and this time the language is saved.
    page.evaluate("window.__log.push({ retry: true })")
    page.evaluate(
        """navigator.serviceWorker.ready.then((registration) =>
            registration.active.postMessage({ type: "save", tag: "fr" }))"""
    )
    page.wait_for_function("() => window.__log.some((entry) => entry.type === 'saved')")

    log = page.evaluate("window.__log")
    failed = log.index({"type": "failed"})
    retry = log.index({"retry": True})
    assert [entry for entry in log if entry.get("type") == "failed"] == [{"type": "failed"}]
    # Between the failure and the retry, nothing but the failure message shown.
    assert log[failed + 1 : retry] in ([], [{"shown": "failed"}]), log
    # The retry's progress is its own, from nothing to the end, with no late
    # progress of the failed save mixed in.
    after = [entry["done"] for entry in log[retry:] if entry.get("type") == "progress"]
    assert after == list(range(len(after))), log


def guide_caches(page: Page) -> list[str]:
    """The names of the versions' caches."""
    return page.evaluate(
        "async () => (await caches.keys()).filter((name) => name.startsWith('lms-guide-'))"
    )


def test_an_update_keeps_the_old_cache_until_it_holds_every_language_saved_there(
    own_deployment: Deployment, blank_context: BrowserContext
) -> None:
    """A language the old version saved after the new one installed (here, while the
    server briefly served the old version again) is carried over as the new version
    activates; if it cannot be yet (no signal), the old cache is kept until it can."""
    context = blank_context
    url = own_deployment.url
    page = saved_under_an_old_deployment(own_deployment, context, "en")
    own_deployment.deploy(clinic_name="New Bridge Clinic")
    page.locator(".language-link").click()
    expect(page.locator("[data-update]")).to_be_visible(timeout=20_000)

    own_deployment.deploy(clinic_name="Old Harbor Clinic")
    # The old version saves Spanish, as a page that asked it directly would.
    answer = page.evaluate(
        """() => new Promise((resolve) => {
            navigator.serviceWorker.addEventListener("message", (event) => {
                if (event.data.tag === "es" && event.data.type !== "progress") {
                    resolve(event.data.type);
                }
            });
            navigator.serviceWorker.ready.then((registration) =>
                registration.active.postMessage({ type: "save", tag: "es" }));
        })"""
    )
    assert answer == "saved"
    own_deployment.deploy(clinic_name="New Bridge Clinic")

    # Update with no signal: the new version cannot download the new Spanish pages.
    context.set_offline(True)
    with page.expect_event("load"):
        page.locator("[data-update-button]").click()
    footer = page.locator(".site-footer")
    expect(footer).to_contain_text("New Bridge Clinic")
    assert len(guide_caches(page)) == 2, "the old cache, with Spanish, was deleted"

    # Back online, the next page opened carries Spanish over, then drops the old cache.
    context.set_offline(False)
    page.goto(f"{url}/en/")
    wait_until_saved(page, "es")
    page.wait_for_function(
        """() => {
            if (window.__guideCaches === undefined) {
                window.__guideCaches = -1;
                const count = () => caches.keys().then((names) => {
                    window.__guideCaches =
                        names.filter((name) => name.startsWith("lms-guide-")).length;
                });
                count();
                setInterval(count, 100);
            }
            return window.__guideCaches === 1;
        }"""
    )
    for name, clinics in versions_in_caches(page).items():
        assert clinics == {"New Bridge"}, name

    own_deployment.stop()
    context.set_offline(True)
    page.goto(url + PAGES[3].path("es"))
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator("h1")).to_have_text(text_of("es", PAGES[3].title))
    expect(footer).to_contain_text("New Bridge Clinic")
