"""What a translator is told about each message: the page and section it is on (an
address to paste into the preview), a context where the same English means two
things, and the messages in the order a page is read."""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.catalog import Message
from babel.messages.pofile import read_po, write_po
from markupsafe import escape
from starlette.testclient import TestClient

from pwa.cli import main
from pwa.i18n import tools
from pwa.i18n.locales import LocaleSet
from pwa.pages import PAGES, UTILITY_PAGES
from tests.conftest import LOCALES, TEMPLATE

NOT_FOUND = "/en/no-such-page/"
PATHS = [page.path("en") for page in (*PAGES, *UTILITY_PAGES)] + [NOT_FOUND]
# Each note starts a line of the comment; Babel wraps long ones, so they are split here
# where a note begins.
_NOTE_START = re.compile(r"(?=Pages? /|On every page|Installed app:|Search only:|\.\.\.and \d)")
# A note that holds for the plain guide: no clinic details, English or a draft.
_CONDITION = re.compile(
    r", (when |on translated pages |on the English page only|on a checked translation's pages)"
)


def messages(po: Path = TEMPLATE) -> list[Message]:
    with po.open("rb") as handle:
        return [message for message in read_po(handle) if message.id]


def notes_of(message: Message) -> list[str]:
    text = " ".join(message.auto_comments)
    return [part.strip() for part in _NOTE_START.split(text) if _NOTE_START.match(part)]


def addresses(note: str) -> list[str]:
    """The addresses a "Page(s) ..." note names (not the "and N more")."""
    found = re.match(r"Pages? (.*?)(?: and \d+ more)?, (?=section|top|the |a |header|footer)", note)
    listed = found.group(1) if found else note.split(" ", 1)[1]
    return [address.strip() for address in listed.split(",")]


def shown(text: str, html: str, start: int = 0) -> bool:
    """The message is on the page: as text, or in an attribute (escaped, its spaces
    made plain by `striptags`)."""
    forms = (text, str(escape(text)), str(escape(" ".join(text.split()))))
    return any(html.find(form, start) >= 0 for form in forms)


@pytest.fixture(scope="module")
def site(make_module_client: Callable[..., TestClient]) -> Callable[[str], str]:
    client = make_module_client()
    pages: dict[str, str] = {}

    def get(path: str) -> str:
        if path not in pages:
            response = client.get(path)
            assert response.status_code == (404 if "no-such-page" in path else 200), path
            pages[path] = response.text
        return pages[path]

    return get


# Where each message is ---------------------------------------------------------------


def test_every_message_says_on_which_page_it_appears() -> None:
    found = messages()
    assert len(found) > 400
    assert not [message.id for message in found if not notes_of(message)]


def test_the_named_pages_show_the_message_in_the_named_section(site: Callable[[str], str]) -> None:
    checked = 0
    for message in messages():
        text = message.id if isinstance(message.id, str) else message.id[0]
        if "%" in text:  # filled in on the page
            continue
        for note in notes_of(message):
            if _CONDITION.search(note) or note.startswith(("Installed", "Search", "...")):
                continue
            if note.startswith("On every page"):
                for page in PAGES:
                    assert shown(text, site(page.path("en"))), (note, page.path("en"))
                continue
            for address in addresses(note):
                path, _, anchor = address.partition("#")
                html = site(path)
                start = html.index(f'id="{anchor}"') if anchor else 0
                assert shown(text, html, start), (text, note)
                checked += 1
    assert checked > 350


def test_section_headings_have_ids_to_open_the_page_at(site: Callable[[str], str]) -> None:
    class Headings(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.ids: list[str | None] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag in ("h2", "h3"):
                self.ids.append(dict(attrs).get("id"))

    for page in PAGES:
        parser = Headings()
        parser.feed(site(page.path("en")))
        assert parser.ids and None not in parser.ids, page.path("en")
        assert len(set(parser.ids)) == len(parser.ids), page.path("en")


def test_notes_name_places_a_translator_looks_for() -> None:
    notes = {message.id: notes_of(message) for message in messages()}
    assert 'Page /en/treatment/#surgery, section "Surgery"' in notes["Surgery"]
    assert any(
        note.startswith("On every page: footer")
        for note in notes[
            "This guide explains. It does not replace your child's care team. "
            "Always ask them about your child."
        ]
    )
    assert notes["LMS guide"] == [
        "Installed app: the name under the app's icon on a phone's home screen"
    ]
    assert notes["leiomyosarcoma"] == ["Search only: never shown on a page."]
    assert notes["Nothing found. Try another word."] == [
        "Page /en/search/, top of the page, used by the page's script"
    ]
    # Sentences only some readers see say when.
    assert notes["Not yet checked by a medical translator"][0].endswith(
        "on translated pages while the translation is a draft"
    )
    clinic = (
        "For questions that are not an emergency, call %(clinic)s at "
        '<a href="%(tel)s">%(phone)s</a>.'
    )
    assert notes[clinic] == [
        'Page /en/#emergency-heading, section "In an emergency", '
        "when a clinic has set its name, phone number and website"
    ]
    # Hand-written translator comments stay, before the notes.
    short = next(message for message in messages() if message.id == "LMS guide")
    assert short.auto_comments[0].startswith("Translators: the name under the app's icon")


@pytest.mark.parametrize("locale", list(LocaleSet.discover(LOCALES))[1:], ids=str)
def test_each_catalog_names_its_own_pages(locale, site: Callable[[str], str]) -> None:
    po = locale.catalog_path(LOCALES)
    text = po.read_text("utf-8")
    assert not re.search(r"^#\..*(?<![^\s,])/en/", text, re.M)
    checked = 0
    for message in messages(po):
        if not message.string or message.fuzzy or not isinstance(message.id, str):
            continue
        if "%" in message.id or "<" in message.id:
            continue
        note = next((n for n in notes_of(message) if n.startswith("Page ")), None)
        if note is None or _CONDITION.search(note):
            continue
        path, _, anchor = addresses(note)[0].partition("#")
        assert path.startswith(f"/{locale.tag}/"), note
        html = site(path)
        start = html.index(f'id="{anchor}"') if anchor else 0
        assert shown(message.string, html, start), (message.id, note)
        checked += 1
    assert checked > 50


def test_a_new_language_starts_with_its_own_addresses(locales_copy: Path) -> None:
    path = tools.init(locales_copy, "nl")
    assert 'Page /nl/treatment/#surgery, section "Surgery"' in path.read_text("utf-8")


# Context ----------------------------------------------------------------------------


AMBIGUOUS = {
    ("Print", "button"),
    ("Add", "button"),
    ("Remove", "button"),
    ("Next", "link to the next page"),
    ("Previous", "link to the previous page"),
    ("Stage", "stage of a cancer"),
    ("Search", "header link"),
}


def test_short_words_that_mean_two_things_carry_a_context() -> None:
    keys = {(message.id, message.context) for message in messages()}
    assert keys >= AMBIGUOUS
    for word in ("Print", "Add", "Remove", "Next", "Previous", "Stage"):
        assert (word, None) not in keys, word
    # The search page's title stays a message of its own, apart from the header's link.
    assert ("Search", None) in keys


def test_a_message_that_gains_a_context_keeps_its_translation(locales_copy: Path) -> None:
    po = locales_copy / "fr" / "LC_MESSAGES" / "messages.po"
    before = po.read_text("utf-8")
    assert 'msgctxt "button"\nmsgid "Print"\nmsgstr "Imprimer"' in before
    po.write_text(before.replace('msgctxt "button"\nmsgid "Print"', 'msgid "Print"'), "utf-8")
    assert main(["i18n", "--locales", str(locales_copy), "update"]) == 0
    after = po.read_text("utf-8")
    entry = re.search(r'((?:#.*\n)*)msgctxt "button"\nmsgid "Print"\nmsgstr "Imprimer"', after)
    assert entry and "fuzzy" not in entry.group(1)
    assert '#~ msgid "Print"' not in after
    assert main(["i18n", "--locales", str(locales_copy), "check"]) == 0


# Reading order ------------------------------------------------------------------------


def test_the_template_lists_messages_page_by_page_in_reading_order() -> None:
    ranks = []
    for message in messages():
        found = re.match(r"Pages? (/[^#, ]*)", notes_of(message)[0])
        if found:
            ranks.append(PATHS.index(found.group(1)))
    assert ranks[0] == 0 and ranks == sorted(ranks)
    assert set(ranks) == set(range(len(PATHS)))  # every screen has messages of its own
    # Each page top to bottom.
    ids = [message.id for message in messages()]
    treatment = ["Surgery", "Radiation therapy", "Chemotherapy", "Research", "Clinical trials"]
    positions = [ids.index(heading) for heading in treatment]
    assert positions == sorted(positions)


def test_update_puts_a_catalog_in_the_templates_order(locales_copy: Path) -> None:
    po = locales_copy / "es" / "LC_MESSAGES" / "messages.po"
    with po.open("rb") as handle:
        catalog = read_po(handle)
    with po.open("wb") as handle:  # as an older catalog was: alphabetical
        write_po(handle, catalog, sort_output=True)
    assert main(["i18n", "--locales", str(locales_copy), "update"]) == 0
    ids = [(message.id, message.context) for message in messages(po)]
    assert ids == [(message.id, message.context) for message in messages()]
    assert ids[0] == ("A family guide to leiomyosarcoma", None)


# A sentence that names a person ------------------------------------------------------


PERSON_PLACEHOLDERS = ("name", "reviewer", "translator", "person")


def test_a_persons_name_stands_alone_so_no_word_must_agree_with_it() -> None:
    """ "Ana Díaz, traductor médico calificado" cannot be written right in a language
    with grammatical gender without knowing Ana's; "Name: Ana Díaz." always can."""
    naming = [
        message
        for message in messages()
        if any(f"%({name})s" in str(message.id) for name in PERSON_PLACEHOLDERS)
    ]
    assert naming
    for message in naming:
        for name in PERSON_PLACEHOLDERS:
            if f"%({name})s" in message.id:
                assert re.search(rf"\w: %\({name}\)s\.", message.id), message.id
        assert "gender" in " ".join(message.auto_comments), message.id
