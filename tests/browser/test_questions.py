"""Questions for the care team: tick questions, add your own, keep notes. Saved only
in this browser (localStorage): through reloads, other languages and offline;
printable; shared through the Web Share API where the phone has it."""

from __future__ import annotations

from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.conftest import wait_until_saved

FAKE_SHARE = "navigator.share = (data) => { window.__shared = data; return Promise.resolve(); };"


def test_ticks_own_questions_and_notes_stay_on_the_phone(
    page: Page, context: BrowserContext
) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.method + " " + request.url))
    page.goto("/en/questions/")
    wait_until_saved(page, "en")
    ticks = page.locator("[data-question] .tick")
    expect(ticks).to_have_count(23)
    ticks.nth(0).check()
    ticks.nth(4).check()
    page.locator("#own-question").fill("Can my brother visit the ward?")
    page.get_by_role("button", name="Add").click()
    expect(page.locator("#own-question")).to_be_focused()
    own = page.locator("[data-own-questions] li")
    expect(own).to_have_text(["Can my brother visit the ward?Remove"])
    expect(own.locator(".tick")).to_be_checked()
    page.locator("#visit-notes").fill("Weight: 31 kg\nAsk about the port.")
    # Named by its question, for screen readers.
    expect(page.get_by_role("checkbox", name="Can my brother visit the ward?")).to_be_checked()

    page.reload()
    expect(ticks.nth(0)).to_be_checked()
    expect(ticks.nth(1)).not_to_be_checked()
    expect(ticks.nth(4)).to_be_checked()
    expect(own).to_have_count(1)
    expect(page.locator("#visit-notes")).to_have_value("Weight: 31 kg\nAsk about the port.")
    # The same questions in another language keep their ticks.
    page.goto("/es/questions/")
    expect(page.locator("[data-question] .tick").nth(4)).to_be_checked()
    # Offline, all of it is still there.
    context.set_offline(True)
    page.goto("/en/questions/")
    expect(ticks.nth(0)).to_be_checked()
    expect(own).to_have_count(1)
    context.set_offline(False)
    # Removed when the reader removes it.
    own.get_by_role("button", name="Remove").click()
    page.reload()
    expect(own).to_have_count(0)
    # Nothing was sent anywhere: no request but GETs of the guide's own files.
    assert not [r for r in requests if not r.startswith("GET ")]


def test_the_printed_list_shows_the_questions_and_the_notes(page: Page) -> None:
    page.goto("/fr/questions/")
    page.locator("[data-question] .tick").first.check()
    page.locator("#visit-notes").fill("Allergie : pénicilline")
    page.emulate_media(media="print")
    expect(page.locator(".print-notes")).to_have_text("Allergie : pénicilline")
    expect(page.locator("#visit-notes")).to_be_hidden()
    expect(page.locator(".add-question")).to_be_hidden()
    expect(page.locator("[data-question] .tick").first).to_be_visible()


def test_sharing_sends_the_ticked_questions_and_notes(page: Page) -> None:
    page.add_init_script(FAKE_SHARE)
    page.goto("/en/questions/")
    page.locator("[data-question] .tick").nth(2).check()
    page.locator("#own-question").fill("Who do we call at night?")
    page.locator("[data-add-question] button").click()
    page.locator("#visit-notes").fill("Bring the scan CD.")
    page.locator("[data-share-questions]").click()
    shared = page.evaluate("window.__shared")
    question = page.locator("[data-question]").nth(2).inner_text().strip()
    assert shared["text"] == f"- {question}\n- Who do we call at night?\n\nBring the scan CD."


def test_without_web_share_there_is_no_share_button(page: Page) -> None:
    page.add_init_script("delete Navigator.prototype.share; delete navigator.share;")
    page.goto("/en/questions/")
    expect(page.locator("[data-my-questions]")).to_be_visible()
    expect(page.locator("[data-share-questions]")).to_be_hidden()
