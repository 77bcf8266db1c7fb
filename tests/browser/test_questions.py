"""Questions for the care team: tick questions, add your own, keep notes. Saved only
in this browser (localStorage): through reloads, other languages and offline;
printable; shared through the Web Share API where the phone has it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.conftest import wait_until_saved
from tests.browser.test_accessibility import SCREENSHOTS
from tests.browser.test_offline import text_of

INSTRUCTION = (
    "Tick the questions you want to ask. What you tick and write here stays on this phone. "
    "It is never sent anywhere."
)
Q1 = (
    "What kind of leiomyosarcoma does my child have, and where is the "
    '<a href="%(g)s#tumor">tumor</a>?'
)
Q5 = "How will we know if the whole tumor was taken out?"
FAKE_SHARE = "navigator.share = (data) => { window.__shared = data; return Promise.resolve(); };"


def test_ticks_own_questions_and_notes_stay_on_the_phone(
    page: Page, context: BrowserContext
) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.method + " " + request.url))
    page.goto("/en/questions/")
    wait_until_saved(page, "en")
    ticks = page.locator("[data-question] .tick")
    expect(ticks).to_have_count(30)
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


# A parent's own question, in their language.
OWN_QUESTION = {
    "es": "¿Puede venir su hermano al hospital?",
    "ar": "هل يمكن أن يأتي أخوه إلى المستشفى؟",
    "zh-Hans": "他的哥哥可以来医院看他吗？",
}
LINES = """(element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    return new Set([...range.getClientRects()].map((box) => Math.round(box.top))).size;
}"""


@pytest.mark.usefixtures("no_worker")
@pytest.mark.parametrize("tag", ["es", "ar", "zh-Hans"])
def test_the_questions_hold_together_on_a_small_phone(page: Page, tag: str) -> None:
    """On a 360×740 phone: the whole question is its box's label, a glossary word in it
    opens outside the label, "Remove" is never squeezed into single letters, the notes'
    label stands clear, and removing a question keeps the reader's place."""
    page.goto(f"/{tag}/questions/")
    first = page.locator("[data-question]").first
    tick = first.locator(".tick")
    words = first.locator(".has-tick span")
    name = words.inner_text()
    # Tapping the question's words ticks its box: the whole question is the label.
    words.click(position={"x": 5, "y": 5})
    expect(tick).to_be_checked()
    # Its glossary word opens the definition under the question, outside the label:
    # the box keeps its name (a shared question has no definition in it), and the tap
    # on the word does not untick it.
    first.locator("a[href*='/glossary/#tumor']").click()
    definition = page.locator("#definition-tumor")
    expect(definition).to_be_visible()
    assert definition.evaluate("(d) => d.closest('label') === null")
    expect(tick).to_be_checked()
    expect(tick).to_have_accessible_name(name)
    page.locator("#own-question").fill(OWN_QUESTION[tag])
    page.locator("[data-add-question] button").click()
    remove = page.locator("[data-own-questions] button")
    # "Remove" stays whole on one line, beside or under the question, never squeezed.
    assert remove.evaluate(LINES) == 1
    assert remove.bounding_box()["height"] < 60
    assert remove.evaluate("(b) => b.scrollWidth <= b.clientWidth")
    # The notes' label stands clear of the Add button above it.
    add = page.locator("[data-add-question] button").bounding_box()
    notes = page.locator("label[for=visit-notes]").bounding_box()
    assert notes["y"] - (add["y"] + add["height"]) >= 8
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"questions-{tag}.png", full_page=True)
    # Removing it keeps the reader's place: focus goes back to the field.
    remove.click()
    expect(page.locator("[data-own-questions] li")).to_have_count(0)
    expect(page.locator("#own-question")).to_be_focused()


@pytest.mark.parametrize("tag", ["es", "ar"])
def test_the_instruction_comes_before_the_questions_and_nothing_moves(page: Page, tag: str) -> None:
    """Read first, by eye and by screen reader; shown with the tick boxes, in a place
    kept for it, so that no question moves down under the reader's finger."""
    page.add_init_script(
        """window.__shift = 0;
        new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) window.__shift += entry.value;
        }).observe({ type: "layout-shift", buffered: true });"""
    )
    page.goto(f"/{tag}/questions/")
    instruction = page.locator("[data-tick-instruction]")
    expect(instruction).to_be_visible()
    expect(instruction).to_have_text(text_of(tag, INSTRUCTION))
    before = instruction.evaluate(
        """(p) => Boolean(p.compareDocumentPosition(document.querySelector(".tick"))
                          & Node.DOCUMENT_POSITION_FOLLOWING)"""
    )
    assert before
    expect(page.locator("[data-question] .tick")).to_have_count(30)
    assert page.evaluate("window.__shift") == 0


@pytest.mark.parametrize("tag", ["es", "ar"])
def test_my_questions_show_in_english_beside_my_language_for_the_doctor(
    page: Page, tag: str
) -> None:
    page.goto(f"/{tag}/questions/")
    page.locator('[data-question="q1"] .tick').check()
    page.locator('[data-question="q5"] .tick').check()
    page.locator("#own-question").fill(OWN_QUESTION[tag])
    page.locator("[data-add-question] button").click()
    button = page.locator("[data-show-english]")
    expect(button).to_have_attribute("aria-expanded", "false")
    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    rows = page.locator("[data-english-list] li")
    expect(rows).to_have_count(3)
    # Each question in English (marked as English, for screen readers and for print),
    # then as the reader reads it; the reader's own question as they wrote it.
    expect(rows.nth(0).locator('p[lang="en"]')).to_have_text(
        "What kind of leiomyosarcoma does my child have, and where is the tumor?"
    )
    expect(rows.nth(0).locator("p").nth(1)).to_have_text(re.sub(r"<[^>]+>", "", text_of(tag, Q1)))
    expect(rows.nth(1).locator('p[lang="en"]')).to_have_text(Q5)
    expect(rows.nth(1).locator("p").nth(1)).to_have_text(text_of(tag, Q5))
    expect(rows.nth(2).locator("p")).to_have_text([OWN_QUESTION[tag]])
    # It follows the ticks.
    page.locator('[data-question="q5"] .tick').uncheck()
    expect(rows).to_have_count(2)
    # On paper, it is the whole sheet, English and the reader's language side by side,
    # English first in the page's reading order (on the right in Arabic).
    page.emulate_media(media="print")
    expect(rows.nth(0)).to_be_visible()
    expect(page.locator("h1")).to_be_hidden()
    expect(page.locator('[data-question="q1"]')).to_be_hidden()
    english, own = (box.bounding_box() for box in rows.nth(0).locator("p").all())
    assert english and own and english["y"] == own["y"]
    if tag == "ar":
        assert own["x"] + own["width"] <= english["x"]
    else:
        assert english["x"] + english["width"] <= own["x"]
    page.emulate_media(media="screen")
    button.click()
    expect(page.locator("[data-in-english]")).to_be_hidden()
    expect(button).to_have_attribute("aria-expanded", "false")
    # An English page has nothing to show in English.
    page.goto("/en/questions/")
    expect(page.locator("[data-show-english]")).to_have_count(0)
