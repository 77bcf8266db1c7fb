"""Agreed terms: locales/terms.pot from the glossary, each language's terms.po, and the
warnings `i18n check` prints when a sentence drifts from them. Every change here is
made in a temporary copy of locales/."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from babel.messages.catalog import Message
from babel.messages.pofile import read_po

from pwa.cli import main
from pwa.glossary import GLOSSARY
from pwa.i18n import tools
from pwa.i18n.term_check import message_warnings
from pwa.i18n.terms import AgreedTerm, read_terms
from tests.conftest import LOCALES

BIOPSY = 'msgid "biopsy"'


def po_of(locales: Path, gettext_id: str) -> Path:
    return locales / gettext_id / "LC_MESSAGES" / "messages.po"


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text("utf-8").splitlines(), 1) if text in line)


def check(locales: Path, capsys: pytest.CaptureFixture[str], *files: Path) -> tuple[int, str, str]:
    status = main(["i18n", "--locales", str(locales), "check", *map(str, files)])
    out, err = capsys.readouterr()
    return status, out, err


# terms.pot -------------------------------------------------------------------------


def test_the_terms_template_lists_the_illness_then_the_glossary_with_definitions() -> None:
    with (LOCALES / "terms.pot").open("rb") as handle:
        entries = [message for message in read_po(handle) if message.id]
    assert [entry.id for entry in entries] == ["leiomyosarcoma", *(t.term for t in GLOSSARY)]
    biopsy = entries[[entry.id for entry in entries].index("biopsy")]
    comments = " ".join(" ".join(biopsy.auto_comments).split())
    assert "Glossary: /en/glossary/#biopsy" in comments
    assert "Definition: Taking a small piece of a tumor" in comments
    assert "Page: /en/what-is-leiomyosarcoma/" in " ".join(entries[0].auto_comments)


def test_a_new_glossary_term_makes_the_terms_template_stale_and_update_adds_it(
    locales_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    @dataclass(frozen=True)
    class NewTerm:
        slug: str = "port"
        term: str = "port"
        definition: str = "A small device under the skin for medicines and blood tests."

    glossary = [*GLOSSARY, NewTerm()]
    assert tools.extract_terms(glossary, locales_copy, check=True)
    assert not tools.extract_terms(GLOSSARY, locales_copy, check=True)
    tools.extract_terms(glossary, locales_copy)
    terms = locales_copy / "es" / "terms.po"
    before = terms.read_text("utf-8")
    assert "# forms: disemin*" in before
    assert main(["i18n", "--locales", str(locales_copy), "update"]) == 0
    assert f"{terms}: updated" in capsys.readouterr().out
    after = terms.read_text("utf-8")
    assert 'msgid "port"\nmsgstr ""' in after
    # The agreed words, their forms and notes stay.
    assert 'msgid "spread"\nmsgstr "diseminarse"' in after
    assert "# forms: disemin*" in after and "# note: Se usa el verbo" in after


# the warnings ----------------------------------------------------------------------


def test_a_sentence_without_the_agreed_word_is_a_warning_that_does_not_fail_the_check(
    locales_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    po = po_of(locales_copy, "es")
    assert check(locales_copy, capsys, po)[1] == ""  # the Spanish catalog agrees today
    replace_in(po, '"Después de una biopsia, un médico', '"Después de una punción, un médico')
    line = line_of(po, '"After a biopsy, a doctor') - 1  # the entry's msgid line
    status, out, err = check(locales_copy, capsys, po)
    assert status == 0
    terms = locales_copy / "es" / "terms.po"
    where = f"{terms}:{line_of(terms, BIOPSY)}"
    assert out.splitlines() == [
        f'{po}:{line}: warning: "biopsy" in the English, but not its agreed word "biopsia" '
        f'nor a form of it ({where}): use it, or list this form under "# forms:"'
    ]
    assert "0 problems, 1 warnings" in err
    # A form listed with the term is accepted.
    replace_in(
        terms,
        'msgid "biopsy"',
        '# forms: punción\n#. Glossary: /en/glossary/#biopsy\nmsgid "biopsy"',
    )
    assert check(locales_copy, capsys, po)[1] == ""


def test_a_forms_line_wrapped_by_babel_or_written_with_another_comma_still_counts(
    locales_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Babel wraps comments longer than 76 characters when it writes a catalog, and the
    wrapped part has no "forms:" label; Urdu and Persian translators type «،»."""
    po = po_of(locales_copy, "es")
    old, new = '"Después de una biopsia, un médico', '"Después de una punción guiada, un médico'
    replace_in(po, old, new)
    terms = locales_copy / "es" / "terms.po"
    forms = "biopsias, punción con aguja gruesa, biopsia de tejido, toma de muestra, punción guiada"
    replace_in(terms, 'msgid "biopsy"', f'# forms: {forms}\nmsgid "biopsy"')
    with terms.open("rb") as handle:
        catalog = read_po(handle, locale="es")
    tools._write(catalog, terms)  # as `make messages` or Weblate writes it back
    lines = terms.read_text("utf-8").splitlines()
    at = next(n for n, line in enumerate(lines) if line.startswith("# forms: biopsias"))
    assert lines[at + 1].startswith("# ") and "forms:" not in lines[at + 1], "wrapped"
    assert check(locales_copy, capsys, po)[1] == ""  # "punción guiada" still counts
    (term,) = [t for t in read_terms(terms, "es") if t.english == "biopsy"]
    assert {"punción con aguja gruesa", "toma de muestra", "punción guiada"} <= set(term.forms)
    replace_in(terms, "# forms: biopsias, punción", "# forms: biopsias\u060c punción")
    (term,) = [t for t in read_terms(terms, "es") if t.english == "biopsy"]
    assert term.forms[:2] == ("biopsias", "punción con aguja gruesa")


def test_a_glossary_entry_that_differs_from_the_agreed_word_is_a_warning(
    locales_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    po = po_of(locales_copy, "fr")
    replace_in(po, 'msgid "biopsy"\nmsgstr "biopsie"', 'msgid "biopsy"\nmsgstr "prélèvement"')
    status, out, _ = check(locales_copy, capsys, po)
    assert status == 0
    terms = locales_copy / "fr" / "terms.po"
    line, agreed_line = line_of(po, BIOPSY), line_of(terms, BIOPSY)
    assert out.strip() == (
        f'{po}:{line}: warning: the glossary entry "biopsy" is "prélèvement" here but '
        f'"biopsie" in {terms}:{agreed_line}: make them the same'
    )


def test_a_language_without_agreed_terms_gets_no_warnings(
    locales_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (locales_copy / "es" / "terms.po").unlink()
    po = po_of(locales_copy, "es")
    replace_in(po, '"Después de una biopsia, un médico', '"Después de una punción, un médico')
    assert check(locales_copy, capsys, po)[:2] == (0, "")


def agreed(english: str, word: str, *forms: str) -> list[AgreedTerm]:
    return [AgreedTerm(english, word, forms, 1)]


def warnings(english: str, translation: str, terms: list[AgreedTerm], substring: bool) -> list[str]:
    return list(message_warnings(Message(english, translation), terms, Path("t"), substring))


def test_terms_are_whole_words_any_case_and_stems_take_any_ending() -> None:
    tumor = agreed("tumor", "опухоль", "опухол*")
    assert not warnings("The tumor grows.", "Опухолью занимается хирург.", tumor, False)
    assert warnings("The tumor grows.", "Новообразование растёт.", tumor, False)
    # Only the term's own English, as a whole word: "tumors" is not "tumor".
    assert not warnings("Tumors grow.", "Новообразования растут.", tumor, False)
    # A word inside another is not the word: "grado" is not in "agradable".
    grade = agreed("grade", "grado")
    assert warnings("Its grade.", "Es agradable.", grade, False)
    assert not warnings("Its grade.", "Su Grado.", grade, False)


def test_languages_without_spaces_find_the_agreed_word_inside_a_sentence() -> None:
    biopsy = agreed("biopsy", "活检")
    assert not warnings("After a biopsy, wait.", "活检之后请等待。", biopsy, True)
    assert warnings("After a biopsy, wait.", "取样之后请等待。", biopsy, True)
    # Korean and Arabic join particles and articles to the word.
    assert not warnings("The biopsy", "الخزعة", agreed("biopsy", "خزعة"), True)


def test_links_and_markup_are_not_words_and_a_label_of_its_own_is_left_alone() -> None:
    # The glossary address in a link is English; it does not count as the word.
    biopsy = agreed("biopsy", "biopsie")
    linked = '<a href="%(g)s#biopsy">biopsy</a> helps.'
    assert warnings(linked, '<a href="%(g)s#biopsy">prélèvement</a> aide.', biopsy, False)
    assert not warnings(linked, '<a href="%(g)s#biopsy">biopsie</a> aide.', biopsy, False)
    # "Remove", the button, is not the surgeon's "remove" of the glossary.
    assert not warnings("Remove", "Supprimer", agreed("remove", "retirer"), False)


def test_every_committed_terms_file_reads_and_follows_the_template() -> None:
    with (LOCALES / "terms.pot").open("rb") as handle:
        template = [message.id for message in read_po(handle) if message.id]
    for gettext_id, path in tools.catalogs(LOCALES):
        terms = path.parent.parent / "terms.po"
        if terms.exists():
            agreed_terms = read_terms(terms, gettext_id)
            assert {term.english for term in agreed_terms} <= set(template), terms
