"""Search as you type, in the page's language: case and accents ignored, Chinese
(no spaces) and Arabic (vowel marks and hamza forms) found, and offline too."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.conftest import wait_until_saved
from tests.browser.test_offline import text_of
from tests.conftest import plain_translation
from tests.test_routes import TAGS


def search(page: Page, words: str) -> list[str]:
    page.locator("#search-field").fill(words)
    # The status is emptied as the reader types and said once typing pauses.
    expect(page.locator("[data-search-status]")).not_to_have_text("")
    return page.locator("[data-search-results] a").all_inner_texts()


def test_english_ignores_case_and_lists_matching_pages_with_a_snippet(page: Page) -> None:
    page.goto("/en/search/")
    found = search(page, "SURGERY margins")
    assert "Treatment" in found
    assert "surgery" in page.locator("[data-search-results] p").first.inner_text().lower()
    expect(page.locator("[data-search-status]")).to_have_text(
        re.compile(r"^Pages that match your search: \d+$")
    )
    assert search(page, "xyzzy") == []
    expect(page.locator("[data-search-status]")).to_have_text("Nothing found. Try another word.")


def test_the_number_found_is_announced_once_when_typing_pauses(page: Page) -> None:
    page.goto("/en/search/")
    page.evaluate(
        """() => {
            window.__said = [];
            new MutationObserver(() => {
                const text = document.querySelector('[data-search-status]').textContent;
                if (text) window.__said.push(text);
            }).observe(document.querySelector('[data-search-status]'),
                       { childList: true, characterData: true, subtree: true });
        }"""
    )
    page.locator("#search-field").press_sequentially("biopsy", delay=60)
    expect(page.locator("[data-search-status]")).not_to_have_text("")
    said = page.evaluate("window.__said")
    count = page.locator("[data-search-results] li").count()
    assert said == [f"Pages that match your search: {count}"], said


def test_spanish_ignores_accents(page: Page) -> None:
    page.goto("/es/search/")
    with_accent = search(page, "cirugía")
    assert with_accent and search(page, "CIRUGIA") == with_accent


def test_chinese_is_found_without_spaces(page: Page) -> None:
    page.goto("/zh-Hans/search/")
    found = search(page, "手术")
    assert text_of("zh_Hans", "Treatment") in found


def test_arabic_ignores_vowel_marks_and_hamza_forms(page: Page) -> None:
    page.goto("/ar/search/")
    plain = search(page, "الجراحة")
    assert text_of("ar", "Treatment") in plain
    # With a vowel mark typed, and with the hamza left off an alef, the same pages.
    assert search(page, "الجِراحة") == plain
    assert search(page, "اورام") == search(page, "أورام") != []


def test_search_works_offline(page: Page, context: BrowserContext) -> None:
    page.goto("/vi/search/")
    wait_until_saved(page, "vi")
    context.set_offline(True)
    page.reload()
    assert search(page, "hoa tri") != []


def test_without_javascript_the_search_page_lists_every_page(
    new_context: Callable[..., BrowserContext],
) -> None:
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/fr/search/")
    expect(page.locator(".search")).to_be_hidden()
    expect(page.locator("[data-search-fallback] a")).to_have_count(12)


def test_the_doctors_english_word_and_the_illness_in_any_language_find_pages(
    page: Page,
) -> None:
    """Doctors and their letters use English: a Spanish or Arabic page is found by the
    English name of a glossary word it uses, and every page that names the illness by
    its name in any of the guide's languages (as the catalogs translate it)."""
    page.goto("/es/search/")
    diagnosis = text_of("es", "Tests and diagnosis")
    assert diagnosis in search(page, "CT scan")
    what_is = text_of("es", "What is leiomyosarcoma?")
    assert what_is in search(page, "leiomyosarcoma")
    page.goto("/ar/search/")
    what_is = text_of("ar", "What is leiomyosarcoma?")
    # The transliteration an Arabic-speaking parent may type, which no page uses: the
    # catalog gives it for search (pwa/search_index.py, OTHER_NAMES).
    for name in ("leiomiosarcoma", "лейомиосаркома", "ليوميوساركوما"):
        assert what_is in search(page, name), name
    assert text_of("ar", "Tests and diagnosis") in search(page, "biopsy")
    page.goto("/zh-Hans/search/")
    assert text_of("zh_Hans", "What is leiomyosarcoma?") in search(page, "الساركوما العضلية")


def test_a_small_misspelling_is_forgiven_when_nothing_matches_exactly(page: Page) -> None:
    page.goto("/es/search/")
    spelled = search(page, "biopsia")
    assert spelled and search(page, "biopcia") == spelled
    # Long words forgive two mistakes, never three.
    spelled = search(page, "leiomiosarcoma")
    assert spelled and search(page, "lejomiosarkoma") == spelled
    assert search(page, "lejomiozarkoma") == []


# Questions parents look for that the sources do not answer (issue 21, point 8): hair
# ("pelo", "شعر"), nausea ("náuseas") and school ("escuela"), as the catalogs word them.
HAIR = "Will this treatment make my child's hair fall out? If so, when, and will it grow back?"
NAUSEA = (
    "Will treatment make my child feel sick to their stomach (nausea) or throw up? What can help?"
)
SCHOOL = (
    "Can my child keep going to school during treatment? Who can help with schoolwork at the "
    "hospital or at home?"
)


@pytest.mark.parametrize(("tag", "questions"), [("es", [HAIR, NAUSEA, SCHOOL]), ("ar", [HAIR])])
def test_the_questions_parents_look_for_are_found_in_their_language(
    page: Page, tag: str, questions: list[str]
) -> None:
    page.goto(f"/{tag}/search/")
    questions_page = text_of(tag, "Questions for the care team")
    for question in questions:
        assert questions_page in search(page, text_of(tag, question)), question


# Letters a Persian or Urdu reader may type with an Arabic keyboard (or the other way
# round): each pair is one letter to search.
ARABIC_KEYBOARD = str.maketrans({"ی": "ي", "ک": "ك", "ہ": "ه", "ے": "ي"})


def test_every_language_finds_its_glossary_by_its_own_word_for_biopsy(page: Page) -> None:
    """Each language's own word (read from its catalog), typed as a reader would: in
    Japanese and Chinese without spaces, Korean syllables, Hindi and Bengali with their
    combining vowel signs, Persian and Urdu with Arabic-keyboard letters, Ethiopic."""
    missing = {}
    for tag in TAGS:
        gettext_id = tag.replace("-", "_")
        word = "biopsy" if tag == "en" else plain_translation(gettext_id, "biopsy")
        if word is None:
            continue  # not translated yet: that language's page shows the English word
        page.goto(f"/{tag}/search/")
        typed = {word, unicodedata.normalize("NFD", word), word.translate(ARABIC_KEYBOARD)}
        glossary = plain_translation(gettext_id, "Glossary") if tag != "en" else None
        glossary = glossary or "Glossary"
        for text in typed:
            found = search(page, text)
            if glossary not in found:
                missing[f"{tag} {text}"] = found
    assert missing == {}
