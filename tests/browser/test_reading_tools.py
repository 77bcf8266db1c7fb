"""The reading tools a parent uses on the phone: text size, dark colours, read aloud,
print, and glossary words that open their definition in place."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import BrowserContext, Page, expect

from pwa.i18n.locales import LocaleSet
from pwa.pages import PAGES
from tests.browser.conftest import wait_until_saved
from tests.browser.test_accessibility import SCREENSHOTS
from tests.browser.test_offline import text_of
from tests.conftest import LOCALES
from tests.servers import GuideServer


def open_tools(page: Page) -> None:
    """Open the reading tools (one button on every page, closed when a page opens)."""
    toggle = page.locator("[data-tools-toggle]")
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
    expect(page.locator("#reading-tools-panel")).to_be_visible()


def root_font_px(page: Page) -> float:
    return float(page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)"))


def test_text_size_reflows_the_text_and_is_remembered(page: Page) -> None:
    page.goto("/ru/treatment/")
    open_tools(page)
    smaller = page.locator("button[data-text-size='-1']")
    larger = page.locator("button[data-text-size='1']")
    expect(smaller).to_be_disabled()
    # At its end a button is not greyed out as if broken: the dots show where the size
    # is, and the button keeps focus for a keyboard reader.
    expect(smaller).to_have_css("opacity", "1")
    expect(page.locator("[data-size-meter] i.on")).to_have_count(1)
    smaller.focus()
    page.keyboard.press("Enter")
    expect(smaller).to_be_focused()
    base = root_font_px(page)
    lines_before = page.evaluate("document.querySelector('main p').getClientRects().length")
    height_before = page.evaluate("document.querySelector('main p').offsetHeight")
    for _ in range(3):
        larger.click()
    expect(larger).to_be_disabled()
    expect(page.locator("[data-size-meter] i.on")).to_have_count(4)
    assert root_font_px(page) == base * 1.625
    # Reflowed, not zoomed: the paragraph is taller and the page no wider than the phone.
    assert page.evaluate("document.querySelector('main p').offsetHeight") > 1.4 * height_before
    assert lines_before == 1
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    # Kept on this phone, on every page.
    page.goto("/ru/glossary/")
    assert root_font_px(page) == base * 1.625
    open_tools(page)
    page.locator("button[data-text-size='-1']").click()
    page.reload()
    assert root_font_px(page) == base * 1.375


# Greyed out, a button looks broken; at its end only its border turns dotted.
STYLE = """(button) => {
    const style = getComputedStyle(button);
    return [style.opacity, style.color, style.backgroundColor];
}"""
HEADINGS = """() => [...document.querySelectorAll('main h1, main h2')]
    .filter((h) => getComputedStyle(h).hyphens !== 'auto'
                || h.closest('[lang]').lang !== document.documentElement.lang
                || h.scrollWidth > h.clientWidth)
    .map((h) => h.textContent)"""


@pytest.mark.usefixtures("no_worker")
@pytest.mark.parametrize("tag", ["es", "ar"])
def test_the_tools_at_their_limits_and_in_forced_colours(page: Page, tag: str) -> None:
    """A size button at its end looks like the other (not greyed out as if broken) and
    keeps focus, and the dots show where the size is; at the largest size a long word
    in a heading breaks with a hyphen in the page's language, never off the screen; in
    forced colours (which drop backgrounds) a pressed toggle still shows it is on."""
    page.goto(f"/{tag}/what-is-leiomyosarcoma/")
    open_tools(page)
    smaller = page.locator("button[data-text-size='-1']")
    larger = page.locator("button[data-text-size='1']")
    expect(smaller).to_have_attribute("aria-disabled", "true")
    assert smaller.evaluate(STYLE) == larger.evaluate(STYLE)
    expect(page.locator("[data-size-meter] i.on")).to_have_count(1)
    smaller.focus()
    page.keyboard.press("Enter")
    expect(smaller).to_be_focused()
    for _ in range(3):
        larger.focus()
        page.keyboard.press("Enter")
    expect(larger).to_have_attribute("aria-disabled", "true")
    expect(larger).to_be_focused()
    expect(page.locator("[data-size-meter] i.on")).to_have_count(4)
    assert smaller.evaluate(STYLE) == larger.evaluate(STYLE)
    assert page.evaluate(HEADINGS) == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.emulate_media(forced_colors="active")
    toggle = page.locator("[data-theme-toggle]")
    ticked = "(b) => getComputedStyle(b, '::before').content"
    assert toggle.evaluate(ticked) == "none"
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    assert "\u2713" in toggle.evaluate(ticked)


def background(page: Page) -> str:
    return page.evaluate("getComputedStyle(document.body).backgroundColor")


def test_dark_colours_follow_the_phone_and_the_readers_choice(page: Page) -> None:
    page.emulate_media(color_scheme="light")
    page.goto("/ar/")
    open_tools(page)
    toggle = page.locator("[data-theme-toggle]")
    light = background(page)
    expect(toggle).to_have_attribute("aria-pressed", "false")
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    dark = background(page)
    assert dark != light
    page.goto("/ar/about/")
    assert background(page) == dark
    # The reader's choice holds over the phone's setting either way.
    open_tools(page)
    toggle.click()
    page.emulate_media(color_scheme="dark")
    page.reload()
    assert background(page) == light
    expect(toggle).to_have_attribute("aria-pressed", "false")


def test_without_a_choice_the_phones_dark_setting_is_followed(page: Page) -> None:
    page.emulate_media(color_scheme="dark")
    page.goto("/en/")
    expect(page.locator("[data-theme-toggle]")).to_have_attribute("aria-pressed", "true")
    page.emulate_media(color_scheme="light")
    expect(page.locator("[data-theme-toggle]")).to_have_attribute("aria-pressed", "false")


def test_read_aloud_is_hidden_when_the_phone_has_no_voice(page: Page) -> None:
    page.add_init_script("speechSynthesis.getVoices = () => [];")
    page.goto("/vi/")
    open_tools(page)
    expect(page.locator("[data-reading-tools]")).to_be_visible()
    expect(page.locator("[data-read-aloud]")).to_be_hidden()


FAKE_SPEECH = """
    window.__spoken = [];
    window.__utterances = [];
    window.SpeechSynthesisUtterance = function (text) { this.text = text; };
    const voices = [{ lang: 'en-US', name: 'English' }, { lang: 'es_MX', name: 'Español' },
                    { lang: 'ar-EG', name: 'العربية' }];
    Object.defineProperty(window, 'speechSynthesis', { value: {
        getVoices: () => voices,
        speak: (u) => {
            window.__utterances.push(u);
            window.__spoken.push({ text: u.text, lang: u.lang, voice: u.voice.name });
        },
        cancel: () => { window.__cancelled = true; },
        addEventListener: () => {},
    } });
"""


@pytest.mark.usefixtures("no_worker")
@pytest.mark.parametrize(("tag", "voice"), [("es", "Español"), ("ar", "العربية")])
def test_read_aloud_reads_the_page_in_its_language_and_stops(
    page: Page, tag: str, voice: str
) -> None:
    page.add_init_script(FAKE_SPEECH)
    page.goto(f"/{tag}/outlook/")
    open_tools(page)
    read = page.locator("[data-read-aloud]")
    read.click()
    stop = page.locator("[data-stop-reading]")
    expect(stop).to_be_focused()
    spoken = page.evaluate("window.__spoken")
    # In the page's order: the title, the notice (in a draft), then the text.
    assert spoken[0] == {"text": page.locator("h1").inner_text(), "lang": tag, "voice": voice}
    notice = page.locator(".draft-notice summary")
    if notice.count():  # not once the language is reviewed (and the page unchanged since)
        assert spoken[1]["text"] == notice.inner_text()
    assert len(spoken) > 5
    sources = text_of(tag, "Sources for this page")
    button = text_of(tag, "Print", "button")
    assert not [s for s in spoken if sources in s["text"] or s["text"] == button]
    stop.click()
    assert page.evaluate("window.__cancelled")
    expect(read).to_be_focused()
    # A reading that ends by itself leaves focus on the tools, not on the page's body.
    read.click()
    expect(stop).to_be_focused()
    page.evaluate("window.__utterances.at(-1).onend()")
    expect(read).to_be_focused()
    # No voice for Vietnamese on this phone: no button on Vietnamese pages.
    page.goto("/vi/outlook/")
    expect(page.locator("[data-read-aloud]")).to_be_hidden()


def test_print_opens_the_print_dialog_and_prints_only_the_text(page: Page) -> None:
    page.add_init_script("window.print = () => { window.__printed = true; };")
    page.goto("/fr/treatment/")
    open_tools(page)
    page.locator("[data-print]").click()
    assert page.evaluate("window.__printed")
    page.emulate_media(media="print")
    for hidden in (".site-header", "[data-reading-tools]", ".pager", ".app-status"):
        expect(page.locator(hidden)).to_be_hidden()
    expect(page.locator("h1")).to_be_visible()


def test_a_glossary_word_opens_its_definition_in_place(page: Page, context: BrowserContext) -> None:
    page.goto("/en/treatment/")
    word = page.locator("main a[href$='/glossary/#tumor']").first
    # A screen reader hears that the word opens something before it is pressed.
    expect(word).to_have_attribute("aria-expanded", "false")
    sentence = page.evaluate(
        "document.querySelector(\"main a[href$='/glossary/#tumor']\").closest('p').textContent"
    )
    word.click()
    definition = page.locator("#definition-tumor")
    expect(definition).to_be_visible()
    expect(definition).to_contain_text(re.compile(r"\w{4,}"))
    expect(word).to_have_attribute("aria-expanded", "true")
    expect(word).to_have_attribute("aria-controls", "definition-tumor")
    expect(page).to_have_url(re.compile(r"/en/treatment/$"))
    # Right after the sentence's paragraph, which stays whole; focus stays on the word;
    # the definition is read out once.
    assert (
        page.evaluate(
            """() => {
            const word = document.querySelector("main a[href$='/glossary/#tumor']");
            return word.closest('p').nextElementSibling.id;
        }"""
        )
        == "definition-tumor"
    )
    assert (
        page.evaluate(
            "document.querySelector(\"main a[href$='/glossary/#tumor']\").closest('p').textContent"
        )
        == sentence
    )
    expect(word).to_be_focused()
    expect(page.locator("p.visually-hidden[role=status]")).to_have_text(definition.inner_text())
    # Closed again from the keyboard.
    word.focus()
    page.keyboard.press("Enter")
    expect(definition).to_have_count(0)
    expect(word).to_have_attribute("aria-expanded", "false")
    # Offline, from the phone's copy of the glossary.
    wait_until_saved(page, "en")
    context.set_offline(True)
    page.reload()
    page.locator("main a[href$='/glossary/#chemotherapy']").first.click()
    expect(page.locator("#definition-chemotherapy")).to_be_visible()


def test_the_whole_guide_prints_from_one_page_even_offline(
    page: Page, context: BrowserContext
) -> None:
    page.goto("/es/print/")
    sections = page.locator(".whole-guide-page")
    expect(sections).to_have_count(len(PAGES))
    expect(sections.nth(4).locator("h2").first).to_have_text(text_of("es", PAGES[4].title))
    outline = page.evaluate(
        """() => ({ h1: document.querySelectorAll('h1').length,
                    ids: [...document.querySelectorAll('[id]')].map(e => e.id),
                    tools: document.querySelectorAll('[data-reading-tools]').length })"""
    )
    assert outline["h1"] == 1 and outline["tools"] == 1
    assert len(outline["ids"]) == len(set(outline["ids"]))
    # Offline, from the saved pages.
    wait_until_saved(page, "es")
    context.set_offline(True)
    page.reload()
    expect(sections).to_have_count(len(PAGES))


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.fixture
def every_language_server() -> Iterator[GuideServer]:
    """A server of the test's own with every language (own_server has a few)."""
    server = GuideServer()
    try:
        yield server
    finally:
        server.stop()


def test_the_poster_opens_the_guide_in_its_language(
    every_language_server: GuideServer, page: Page
) -> None:
    own_server = every_language_server
    own_server.deploy(
        site_url="https://guide.example.org",
        clinic_name="Clínica Pediátrica del Sol de San Juan",
        clinic_phone="+1 555 010 0199",
    )
    # One sheet, A4 or US Letter, in every language, with a clinic's long name and phone.
    for tag in sorted(locale.tag for locale in LocaleSet.discover(LOCALES)):
        page.goto(f"{own_server.url}/{tag}/poster/")
        for paper in ("A4", "Letter"):
            assert pdf_pages(page.pdf(format=paper)) == 1, f"/{tag}/poster/ on {paper}"
    # As printed: the code and the steps, none of the site's furniture over them.
    page.emulate_media(media="print")
    for tag in ("en", "ar", "zh-Hans"):
        page.goto(f"{own_server.url}/{tag}/poster/")
        expect(page.locator(".poster-clinic")).to_contain_text("Clínica Pediátrica del Sol")
        expect(page.locator(".poster-steps li")).to_have_count(3)
        code = page.locator(".poster-code svg")
        image = Image.open(io.BytesIO(code.screenshot()))
        found = zxingcpp.read_barcodes(image)
        assert [result.text for result in found] == [f"https://guide.example.org/{tag}/"]
        expect(page.locator(".site-header")).to_be_hidden()
        expect(page.locator(".app-status")).to_be_hidden()


def test_without_the_sites_address_the_poster_says_what_to_set(page: Page) -> None:
    page.goto("/fr/poster/")
    expect(page.locator(".poster-code")).to_have_count(0)
    expect(page.locator(".poster .notice")).to_contain_text("GUIDE_SITE_URL")


@pytest.mark.parametrize("tag", ["es", "ar", "zh-Hans"])
def test_an_opened_definition_keeps_the_sentence_whole_and_shows_the_english_word(
    page: Page, tag: str
) -> None:
    """On a small phone: a glossary word says that it opens something before it is
    pressed; its definition opens under the sentence, which stays whole (no last words
    stranded on a line of their own); focus stays on the word and the definition is
    read out once. Beside the reader's word, the English one doctors use ("خزعة —
    biopsy"), in its own direction and never split; the verbs doctors use about every
    tumor ("spread") are explained too."""
    page.goto(f"/{tag}/diagnosis/")
    spread = page.locator("main p a[href$='/glossary/#spread']").first
    expect(spread).to_have_attribute("aria-expanded", "false")
    sentence = spread.evaluate("(a) => a.closest('p').textContent")
    spread.click()
    definition = page.locator("#definition-spread")
    expect(definition).to_be_visible()
    expect(spread).to_have_attribute("aria-expanded", "true")
    expect(spread).to_be_focused()
    placed = spread.evaluate(
        "(a) => ({ text: a.closest('p').textContent, next: a.closest('p').nextElementSibling.id })"
    )
    assert placed == {"text": sentence, "next": "definition-spread"}
    expect(definition.locator('strong [lang="en"]')).to_have_text("spread")
    expect(page.locator("p.visually-hidden[role=status]")).to_have_text(definition.inner_text())
    spread.evaluate("(a) => a.closest('p').scrollIntoView()")
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"definition-{tag}.png")

    page.locator("main a[href$='/glossary/#biopsy']").first.click()
    word = page.locator("#definition-biopsy strong")
    english = word.locator('[lang="en"]')
    expect(english).to_have_text("biopsy")
    expect(english).to_have_attribute("dir", "ltr")
    expect(word).to_contain_text(text_of(tag.replace("-", "_"), "biopsy"))
    # The reader's word comes first in reading order: to the right of the English
    # word in Arabic, to its left in Spanish and Chinese; the English word is not split.
    boxes = word.evaluate(
        """(strong) => {
            const range = document.createRange();
            range.selectNodeContents(strong.firstChild);
            const own = range.getBoundingClientRect();
            const english = strong.querySelector('[lang="en"]');
            return {own: [own.left, own.right], english: [english.getBoundingClientRect().left,
                    english.getBoundingClientRect().right], lines: english.getClientRects().length};
        }"""
    )
    assert boxes["lines"] == 1
    if tag == "ar":
        assert boxes["own"][0] >= boxes["english"][1], boxes
    else:
        assert boxes["own"][1] <= boxes["english"][0], boxes
    expect(page.locator("p.visually-hidden[role=status]")).to_have_text(
        page.locator("#definition-biopsy").inner_text()
    )
