"""The guide's content: every page in every language, plain, original, sourced, linked."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape
from pathlib import Path

import pytest
import textstat
from babel.dates import format_date
from babel.messages.pofile import read_po
from starlette.testclient import TestClient

from pwa.glossary import GLOSSARY, GLOSSARY_BY_SLUG
from pwa.i18n.digits import in_own_digits
from pwa.i18n.locales import LocaleSet
from pwa.i18n.plural_forms import PluralRule, disagreement, installed_rule
from pwa.i18n.review import parse_review, review_status
from pwa.pages import CONTENT_REVIEWED_ON, PAGES, PAGES_BY_SLUG, Page
from pwa.settings import PROJECT_ROOT
from pwa.templating import unbroken
from tests import sourcecheck
from tests.conftest import LOCALES, TEMPLATE, plain_translation, shown_text, translated
from tests.pagetext import page_text

# The languages the guide was first written in; more are added as catalogs (LOCALE_SET).
NINE = {"en", "es", "zh-Hans", "vi", "ar", "pt-BR", "fr", "ht", "ru"}
LOCALE_SET = LocaleSet.discover(LOCALES)
TRANSLATED = [locale for locale in LOCALE_SET if not locale.is_source]
# As each catalog's review line says, and as its pages show it.
REVIEWS = {
    locale.tag: parse_review(review_status(locale.catalog_path(LOCALES))) for locale in TRANSLATED
}
DRAFTS = [locale for locale in TRANSLATED if not REVIEWS[locale.tag].is_reviewed]
DRAFT_EXPLANATION = (
    "A medical translator has not checked this translation yet. If something is unclear, "
    "ask your child's care team, and ask for an interpreter in your language."
)
GLOSSARY_SLUG = "glossary"

# English words that count as a use of a glossary term, besides the term itself and
# its plural: the test looks for the first of these on each page.
OTHER_FORMS: dict[str, tuple[str, ...]] = {
    "angiogenesis-inhibitor": ("angiogenesis",),
    "biological-therapy": ("biological therapies",),
    "biopsy": ("biopsies",),
    "chemotherapy": ("chemo",),
    "ct-scan": ("CT", "CAT scan"),
    "complete-blood-count": ("CBC",),
    "differentiation": ("differentiated",),
    "digestive-tract": ("gastrointestinal",),
    "grade": ("graded", "grading"),
    "late-effects": ("late effect",),
    "patient-registry": ("patient registries",),
    "metastasis": ("metastases", "metastasize", "metastasized"),
    "radiation-therapy": ("radiation",),
    "remove": ("removed", "removing", "removal"),
    "spread": ("spreading",),
    "stage": ("staged", "staging"),
    "survivorship-clinic": ("survivorship",),
    "targeted-therapy": ("targeted",),
    "hormonal-therapy": ("hormonal",),
    "genetic-profiling": ("profiling",),
}


def term_pattern(slug: str) -> re.Pattern[str]:
    forms = (GLOSSARY_BY_SLUG[slug].term, *OTHER_FORMS.get(slug, ()))
    alternatives = "|".join(re.escape(form) + "(?:s|es)?" for form in forms)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?![\w])", re.IGNORECASE)


@pytest.fixture(scope="module")
def site(make_module_client: Callable[..., TestClient]) -> TestClient:
    return make_module_client()


@pytest.fixture(scope="module")
def english(site: TestClient) -> dict[str, str]:
    return {page.slug: site.get(page.path("en")).text for page in PAGES}


# The page set ---------------------------------------------------------------


def test_the_guide_has_its_nine_languages_and_every_language_with_a_catalog() -> None:
    assert set(LOCALE_SET.tags) >= NINE
    folders = {po.parent.parent.name for po in LOCALES.glob("*/LC_MESSAGES/messages.po")}
    assert {locale.gettext_id for locale in TRANSLATED} == folders


def test_twelve_pages_in_reading_order() -> None:
    slugs = [page.slug for page in PAGES]
    assert slugs == [
        "",
        "what-is-leiomyosarcoma",
        "types",
        "signs-and-causes",
        "diagnosis",
        "treatment",
        "outlook",
        "after-treatment",
        "questions",
        "support",
        "glossary",
        "about",
    ]


@pytest.mark.parametrize("tag", LOCALE_SET.tags)
def test_every_page_exists_in_every_language_with_previous_and_next(
    site: TestClient, tag: str
) -> None:
    for index, page in enumerate(PAGES):
        response = site.get(page.path(tag))
        assert response.status_code == 200, page.path(tag)
        html = response.text
        assert f'<html lang="{tag}"' in html
        if index > 0:
            assert f'rel="prev" href="{PAGES[index - 1].path(tag)}"' in html
        if index + 1 < len(PAGES):
            assert f'rel="next" href="{PAGES[index + 1].path(tag)}"' in html
        # Every page ends with the sources it draws on.
        assert page.sources and 'class="sources"' in html


def test_the_home_page_lists_every_other_page_in_order(english: dict[str, str]) -> None:
    contents = re.search(r'<nav class="contents".*?</nav>', english[""], re.S)
    assert contents
    hrefs = re.findall(r'href="([^"]+)"', contents.group(0))
    assert hrefs == [page.path("en") for page in PAGES[1:]]


@pytest.mark.parametrize("tag", LOCALE_SET.tags)
def test_the_home_pages_link_to_the_first_page_says_its_name(site: TestClient, tag: str) -> None:
    """A screen reader's list of links reads the page's own title, not "the first page"."""
    first = PAGES[1]
    main = site.get(PAGES[0].path(tag)).text.split('<nav class="contents"')[0]
    names = re.findall(rf'<a href="{re.escape(first.path(tag))}">(.*?)</a>', main, re.S)
    title = re.search(r"<h1>(.*?)</h1>", site.get(first.path(tag)).text, re.S)
    assert title and names == [title.group(1)]


# Glossary -------------------------------------------------------------------


def test_the_glossary_defines_at_least_30_terms(english: dict[str, str]) -> None:
    entries = re.findall(r'<dt id="([^"]+)">', english[GLOSSARY_SLUG])
    assert len(entries) >= 30
    assert sorted(entries) == sorted(term.slug for term in GLOSSARY)
    names = re.findall(r"<dt [^>]*>(.*?)</dt>", english[GLOSSARY_SLUG])
    names = [name.casefold() for name in names]
    assert names == sorted(names), "English entries are in alphabetical order"
    definitions = re.findall(r"<dd>(.*?)</dd>", english[GLOSSARY_SLUG], re.S)
    assert len(definitions) == len(entries)
    for definition in definitions:
        sentences = re.findall(r"[.?!](?:\s|$)", definition.strip())
        assert 1 <= len(sentences) <= 2, definition


def test_every_glossary_term_is_used_in_the_guide(english: dict[str, str]) -> None:
    texts = [page_text(html).text for slug, html in english.items() if slug != GLOSSARY_SLUG]
    for term in GLOSSARY:
        assert any(term_pattern(term.slug).search(text) for text in texts), term.term


def _page_id(page: Page) -> str:
    return page.slug or "home"


@pytest.mark.parametrize("page", [p for p in PAGES if p.slug != GLOSSARY_SLUG], ids=_page_id)
def test_the_first_use_of_each_term_links_to_its_entry(english: dict[str, str], page: Page) -> None:
    runs = [run for run in page_text(english[page.slug]).runs if not run.heading]
    text = "".join(run.text for run in runs)
    owners: list[str | None] = []
    for run in runs:
        owners.extend([run.href] * len(run.text))
    for term in GLOSSARY:
        found = term_pattern(term.slug).search(text)
        if found:
            assert owners[found.start()] == f"/en/glossary/#{term.slug}", (
                f"first use of {term.term!r} ({found.group(0)!r}) is not linked: "
                f"...{text[max(0, found.start() - 60) : found.end() + 20]}..."
            )


@pytest.mark.parametrize("tag", ["es", "ar", "zh-Hans", "en"])
def test_each_glossary_word_shows_the_english_word_doctors_use(site: TestClient, tag: str) -> None:
    html = site.get(f"/{tag}/glossary/").text
    entries = dict(re.findall(r'<dt id="([^"]+)">(.*?)</dt>', html))
    assert sorted(entries) == sorted(term.slug for term in GLOSSARY)
    for term in GLOSSARY:
        name, _, beside = entries[term.slug].partition(" —&nbsp;")
        plain = re.sub(r"<[^>]+>", "", name)
        if tag == "en" or plain.casefold() == term.term.casefold():
            # Said once: on English pages, and where the translation is the English word.
            assert not beside, entries[term.slug]
        else:
            english = term.term.replace("'", "&#39;")
            assert beside == f'<span class="in-english" lang="en" dir="ltr">{english}</span>', (
                tag,
                entries[term.slug],
            )
    assert 'id="biopsy">biopsia —&nbsp;<span class="in-english"' in site.get("/es/glossary/").text


@pytest.mark.parametrize(("slug", "pages"), [("remove", 2), ("spread", 6)])
def test_the_verbs_a_family_meets_on_the_pages_are_explained(
    english: dict[str, str], slug: str, pages: int
) -> None:
    """Doctors say "remove" and "spread" about every tumor: each word has a
    glossary entry, linked from the pages that use it."""
    linking = [name for name, html in english.items() if f'href="/en/glossary/#{slug}"' in html]
    assert len(linking) >= pages, linking


def test_the_outlook_page_is_named_in_a_parents_words(english: dict[str, str]) -> None:
    html = english["outlook"]
    assert "<h1>Chances of getting better</h1>" in html
    # The contents list on the home page names it the same way.
    assert '<a href="/en/outlook/">Chances of getting better</a>' in english[""]
    # And the page bridges to the doctors' word.
    text = page_text(html).text
    assert "Doctors call a child's chances of getting better the outlook." in text


@pytest.mark.parametrize("tag", [locale.tag for locale in TRANSLATED])
def test_translations_keep_every_glossary_link(
    site: TestClient, english: dict[str, str], tag: str
) -> None:
    """A translator moves the link with the word, but never drops or retargets it."""
    for page in PAGES:
        if page.slug == GLOSSARY_SLUG:
            continue
        wanted = sorted(
            link.split("#", 1)[1]
            for link in page_text(english[page.slug]).links
            if link.startswith("/en/glossary/#")
        )
        html = site.get(page.path(tag)).text
        links = page_text(html).links
        got = sorted(link.split("#", 1)[1] for link in links if "/glossary/#" in link)
        assert got == wanted, page.path(tag)
        assert all(link.startswith(f"/{tag}/glossary/#") for link in links if "/glossary/#" in link)
        assert set(got) <= set(GLOSSARY_BY_SLUG)


# Writing standard -----------------------------------------------------------


@pytest.mark.parametrize("page", PAGES, ids=_page_id)
def test_each_english_page_reads_at_grade_8_or_below(english: dict[str, str], page: Page) -> None:
    text = page_text(english[page.slug]).text
    grade = textstat.flesch_kincaid_grade(text)
    assert grade <= 8, f"{page.path('en')} reads at grade {grade}"


def test_no_page_copies_ten_words_in_a_row_from_a_source(english: dict[str, str]) -> None:
    copied = sourcecheck.stored()
    assert len(copied) > 1000, "tests/data/source-runs.txt holds the sources' fingerprints"
    for slug, html in english.items():
        # All of the page that the guide wrote: main text, headings, navigation.
        body = re.sub(r"<[^>]+>", " ", html.split("<body>", 1)[1])
        words = sourcecheck.words(body)
        for start in range(len(words) - sourcecheck.RUN + 1):
            run = " ".join(words[start : start + sourcecheck.RUN])
            assert not sourcecheck.fingerprints(run) & copied, f"/en/{slug}: from a source: {run}"


def test_the_fingerprints_are_those_of_the_source_documents() -> None:
    folder = sourcecheck.sources_dir()
    documents = sorted(folder.glob("*.txt"))
    if not documents:
        pytest.skip(f"no source documents in {folder} (set GUIDE_SOURCES_DIR)")
    assert len(documents) == 5
    assert sourcecheck.from_documents(folder) == sourcecheck.stored(), (
        "the sources changed: run `make source-runs`"
    )


# Catalogs -------------------------------------------------------------------


@pytest.mark.parametrize("locale", TRANSLATED, ids=lambda locale: locale.tag)
def test_every_catalog_has_every_message_with_its_languages_plural_rules(locale) -> None:
    """Every message of the template is in every catalog, translated or not yet (a
    language is served while it is being translated); what is translated is whole."""
    with TEMPLATE.open("rb") as handle:
        template = read_po(handle)
    with locale.catalog_path(LOCALES).open("rb") as handle:
        catalog = read_po(handle, locale=locale.gettext_id)
    # The same rule as `i18n check`: the installed Babel's CLDR plural forms.
    plural = installed_rule(locale.gettext_id)
    found = PluralRule(catalog.num_plurals, catalog.plural_expr)
    assert disagreement(found, locale.gettext_id) is None
    for source in template:
        if not source.id:
            continue
        message = catalog.get(source.id, source.context)
        assert message is not None, f"{locale.tag}: missing: {source.id!r}"
        assert not message.fuzzy, f"{locale.tag}: fuzzy: {source.id!r}"
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not any(strings):
            continue  # not translated yet: the page shows the English
        assert all(strings), f"{locale.tag}: some plural forms untranslated: {source.id!r}"
        if source.pluralizable:
            assert len(strings) == plural.count, f"{locale.tag}: forms of {source.id!r}"
        if "%" not in str(source.id):
            # Not a format string: a percent sign is written once, as in running text.
            assert not any("%%" in text for text in strings), f"{locale.tag}: %% in {source.id!r}"


def plain(html: str) -> str:
    """HTML as the words a reader sees, spaced evenly."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def english_shown(html: str) -> list[str]:
    """The words of each stretch of English a page shows in place of a translation
    (`<span lang="en">`, translator.py)."""
    found = []
    for opening in re.finditer(r'<span lang="en"(?: dir="ltr")?>', html):
        depth, position = 1, opening.end()
        for tag in re.finditer(r"<(/?)span\b", html[position:]):
            depth += -1 if tag.group(1) else 1
            if not depth:
                found.append(plain(html[position : position + tag.start()]))
                break
    return found


def untranslated_english(locale) -> re.Pattern[str]:
    """What English a page of `locale` may show: the messages its catalog does not
    translate (yet), with anything in their placeholders."""
    with locale.catalog_path(LOCALES).open("rb") as handle:
        catalog = read_po(handle, locale=locale.gettext_id)
    sources = set()
    for message in catalog:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.id and (message.fuzzy or not all(strings)):
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            sources.update(str(source) for source in ids)
    # Each placeholder may hold anything (a link, a name); %% is a percent sign.
    patterns = sorted(
        re.sub(r"%\\\(\w+\\\)s", ".*?", re.escape(plain(source).replace("%%", "%")))
        for source in sources
    )
    return re.compile("|".join(patterns) or "(?!)")


@pytest.mark.parametrize("locale", TRANSLATED, ids=lambda locale: locale.tag)
def test_no_english_shows_through_on_a_translated_page(site: TestClient, locale) -> None:
    """English shows only where the catalog has no translation yet: never in place
    of one, so a complete language shows none."""
    allowed = untranslated_english(locale)
    for page in PAGES:
        html = site.get(page.path(locale.tag)).text
        shown = [text for text in english_shown(html) if not allowed.fullmatch(text)]
        assert not shown, (page.path(locale.tag), shown)


# Review status --------------------------------------------------------------


@pytest.mark.parametrize("locale", DRAFTS, ids=lambda locale: locale.tag)
def test_every_page_of_a_draft_language_says_so_in_that_language(site: TestClient, locale) -> None:
    for page in PAGES:
        html = site.get(page.path(locale.tag)).text
        notice = re.search(r'<(p|div) class="draft-notice" role="note">(.*?)</\1>', html, re.S)
        assert notice, page.path(locale.tag)
        assert f'href="{page.path("en")}?from={locale.tag}"' in notice.group(2)
        assert "a qualified medical translator" not in notice.group(2)
        assert plain(shown_text(LOCALES, locale.gettext_id, DRAFT_EXPLANATION)) in plain(
            notice.group(2)
        )


def test_a_reviewed_language_names_its_reviewer_and_is_no_draft(site: TestClient) -> None:
    """Its pages say nothing of a draft (a page may say that some of its sentences
    changed since the review: tests/i18n/test_review.py)."""
    for locale in TRANSLATED:
        review = REVIEWS[locale.tag]
        if not review.is_reviewed:
            continue
        about = site.get(PAGES_BY_SLUG["about"].path(locale.tag)).text
        assert review.reviewer and review.reviewer in plain(about)
        draft = plain(shown_text(LOCALES, locale.gettext_id, DRAFT_EXPLANATION))
        for page in PAGES:
            assert draft not in plain(site.get(page.path(locale.tag)).text), page


def test_the_about_page_dates_the_review_and_states_the_translation_status(
    site: TestClient,
) -> None:
    for locale in LOCALE_SET:
        html = site.get(PAGES_BY_SLUG["about"].path(locale.tag)).text
        reviewed = format_date(CONTENT_REVIEWED_ON, format="long", locale=locale.babel)
        assert unbroken(in_own_digits(reviewed, locale.babel)) in html
    assert (
        "a qualified medical translator has not checked it yet" not in site.get("/en/about/").text
    )


NOT_CHECKED_YET = (
    "This translation was written with care, but a qualified medical translator has not "
    "checked it yet. If something is unclear, ask your child's care team. You can also ask "
    "for a free interpreter in your language."
)


def test_no_message_a_family_reads_calls_a_translation_a_draft(site: TestClient) -> None:
    """Translators flagged "draft": "borrador" can read as "eraser". The notice and the
    About page say what it means instead: written with care, not yet checked by a
    medical translator; ask the care team, and for an interpreter. (The catalogs'
    `X-Review-Status: draft` header is a file format, not words a reader sees.)"""
    with TEMPLATE.open("rb") as handle:
        messages = [str(message.id) for message in read_po(handle) if message.id]
    assert [m for m in messages if re.search(r"\bdrafts?\b", m, re.IGNORECASE)] == []
    # Every draft language's About page says it in those words (tests follow the
    # catalogs: a language once reviewed says who checked it instead).
    drafts = [locale for locale in TRANSLATED if not parse_review(
        review_status(locale.catalog_path(LOCALES))).is_reviewed]
    for locale in drafts:
        about = site.get(PAGES_BY_SLUG["about"].path(locale.tag)).text
        if plain_translation(locale.gettext_id, NOT_CHECKED_YET) is None:
            continue  # not translated yet: shown in English, marked as English
        assert translated(locale.gettext_id, NOT_CHECKED_YET) in about, locale.tag
        assert "borrador" not in about.lower()


def test_a_reviewed_translation_names_its_reviewer_and_date(
    locales_copy: Path, make_client: Callable[..., TestClient]
) -> None:
    po = locales_copy / "fr" / "LC_MESSAGES" / "messages.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace(
            '"X-Review-Status: draft\\n"',
            '"X-Review-Status: reviewed by Dr Anne Martin on 2026-10-02\\n"',
        ),
        encoding="utf-8",
    )
    client = make_client(locales_dir=locales_copy)
    about = client.get("/fr/about/").text
    assert unbroken("Dr Anne Martin") in about
    assert unbroken("2 octobre 2026") in about
    assert "draft-notice" not in about
    assert ("draft-notice" in client.get("/es/about/").text) is not REVIEWS["es"].is_reviewed


# Clinic settings ------------------------------------------------------------


def test_clinic_details_are_settings_not_text() -> None:
    """No phone number, not even the default 911, is written into a template or catalog."""
    files = [*(PROJECT_ROOT / "templates").rglob("*.html"), *LOCALES.rglob("*.po"), TEMPLATE]
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert "911" not in text, path
        assert not re.search(r"\+?\d[\d ()-]{6,}\d", text.split("\n\n", 1)[-1]), path


@pytest.mark.parametrize("tag", ["en", "ar", "zh-Hans"])
def test_clinic_settings_reach_every_page(make_client: Callable[..., TestClient], tag: str) -> None:
    client = make_client(
        clinic_name="Sunrise Children's Clinic",
        clinic_phone="+1 (555) 010-0199",
        emergency_number="112",
        clinic_url="https://sunrise.example/",
    )
    for page in PAGES:
        html = client.get(page.path(tag)).text
        assert "Sunrise Children&#39;s Clinic" in html, page.path(tag)  # footer
        assert 'href="tel:+15550100199"' in html, page.path(tag)
    home = client.get(PAGES[0].path(tag)).text
    assert 'href="tel:112">112</a>' in home
    # Nowhere in the text or a link (a hashed asset name may contain the digits).
    assert "tel:911" not in home and "911" not in re.sub(r"<[^>]*>", " ", home)
    for slug in ("support", "about"):
        assert 'href="https://sunrise.example/"' in client.get(f"/{tag}/{slug}/").text


def test_without_a_clinic_the_guide_reads_well(site: TestClient) -> None:
    for page in PAGES:
        text = page_text(site.get(page.path("en")).text).text
        assert "None" not in text
        assert " at ." not in text and "  " not in text
    assert 'href="tel:911">911</a>' in site.get("/en/").text
    assert "Call your child's care team." in site.get("/en/questions/").text


@pytest.mark.parametrize(
    ("status", "reviewed"),
    [
        ("draft", False),
        ("reviewed by Dr Anne Martin on 2026-10-02", True),
        ("Reviewed by A. Reviewer on 2026-10-02.", True),
        ("reviewed", False),  # a claim with no name or date is not a review
        ("reviewed by Someone on 2026-13-40", False),
    ],
)
def test_only_a_named_and_dated_review_ends_the_draft_notice(status: str, reviewed: bool) -> None:
    assert parse_review(status).is_reviewed is reviewed


# What parents look for that the sources do not answer (issue 21, point 8): asked of
# the care team, never answered by the guide. Keys are never reused.
NEW_QUESTIONS = {
    "q24": "hair",
    "q25": "nausea",
    "q26": "pain",
    "q27": "school",
    "q28": "teenager",
    "q29": "brothers and sisters",
    "q30": "interpreter",
    "q23": "social worker",
}


def test_the_questions_parents_look_for_are_there_as_questions(english: dict[str, str]) -> None:
    questions = dict(
        re.findall(r'<li data-question="(q\d+)">(.*?)</li>', english["questions"], re.S)
    )
    assert len(questions) == 30
    for key, topic in NEW_QUESTIONS.items():
        assert topic in questions[key], key
        # Questions only: every sentence asks.
        sentences = re.split(r"(?<=[.?!])\s+", questions[key].strip())
        assert all(sentence.endswith("?") for sentence in sentences), questions[key]


@pytest.mark.parametrize("tag", ["es", "ar", "zh-Hans"])
def test_each_question_carries_its_english_for_the_doctor(
    site: TestClient, english: dict[str, str], tag: str
) -> None:
    """What "Show my questions in English" shows: the English page's own words."""
    wanted = {
        key: " ".join(re.sub(r"<[^>]+>", "", text).split())
        for key, text in re.findall(
            r'<li data-question="(q\d+)">(.*?)</li>', english["questions"], re.S
        )
    }
    html = site.get(f"/{tag}/questions/").text
    carried = dict(re.findall(r'<li data-question="(q\d+)" data-en="([^"]*)">', html))
    assert {key: unescape(text) for key, text in carried.items()} == wanted
    assert "data-show-english" in html and "data-show-english" not in english["questions"]


def test_at_least_twelve_questions_in_six_groups(english: dict[str, str]) -> None:
    groups = re.findall(r'<ul class="questions">(.*?)</ul>', english["questions"], re.S)
    groups = [group for group in groups if "<li" in group]  # not the reader's own list
    assert len(groups) >= 6
    questions = [q for group in groups for q in re.findall(r"<li[^>]*>(.*?)</li>", group, re.S)]
    assert len(questions) >= 12
    assert all(question.rstrip().endswith("?") for question in questions)
