"""The translators' workflow: `python -m pwa i18n ...`, its checks, and a site that
survives whatever a catalog holds. Every broken catalog here is made in a temporary
copy of locales/, never in the committed one."""

from __future__ import annotations

import logging
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from starlette.testclient import TestClient
from watchfiles import Change

from pwa.cli import main
from pwa.i18n import tools
from pwa.i18n.check import check_catalog
from pwa.i18n.review import with_review_status
from pwa.page_context import for_tree
from pwa.settings import PROJECT_ROOT
from tests.conftest import LOCALES

MAPPING = PROJECT_ROOT / "babel.cfg"


def po_of(locales: Path, gettext_id: str) -> Path:
    return locales / gettext_id / "LC_MESSAGES" / "messages.po"


def entry(po: Path, msgid: str) -> tuple[int, str]:
    """The line number of a msgid and its current msgstr line, as in the file."""
    lines = po.read_text(encoding="utf-8").splitlines()
    start = lines.index(f'msgid "{msgid}"')
    return start + 1, lines[start + 1]


def replace_msgstr(po: Path, msgid: str, msgstr_lines: str) -> int:
    """Give `msgid` (a one-line msgid with a one-line msgstr) a new msgstr; its line."""
    lines = po.read_text(encoding="utf-8").splitlines()
    start = lines.index(f'msgid "{msgid}"')
    end = start + 1
    while end < len(lines) and lines[end].startswith(("msgstr", '"')):
        end += 1
    lines[start + 1 : end] = msgstr_lines.splitlines()
    po.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return start + 1


def problems(po: Path, gettext_id: str = "es") -> list[str]:
    return [str(problem) for problem in check_catalog(po, gettext_id)]


# The committed catalogs and template --------------------------------------------


def test_every_committed_catalog_passes_the_check(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["i18n", "check"]) == 0, capsys.readouterr().out


def test_the_committed_template_is_current_with_the_code_and_templates() -> None:
    assert main(["i18n", "extract", "--check"]) == 0, (
        "run `make messages` (i18n extract and update), then commit locales/"
    )


def test_the_stale_template_check_fails_when_a_template_gains_a_string(tmp_path: Path) -> None:
    for name in ("pwa", "templates"):
        shutil.copytree(PROJECT_ROOT / name, tmp_path / name)
    template = tmp_path / "messages.pot"
    shutil.copy(LOCALES / "messages.pot", template)
    assert not tools.extract(tmp_path, MAPPING, template, for_tree(tmp_path, MAPPING), check=True)
    about = tmp_path / "templates" / "pages" / "about.html"
    about.write_text(
        about.read_text("utf-8").replace(
            "{% endblock %}", "<p>{% trans %}A brand new sentence.{% endtrans %}</p>{% endblock %}"
        ),
        encoding="utf-8",
    )
    assert tools.extract(tmp_path, MAPPING, template, for_tree(tmp_path, MAPPING), check=True)
    assert "A brand new sentence." not in template.read_text("utf-8")  # --check writes nothing


def test_extract_has_no_line_numbers_and_keeps_its_header_when_unchanged(tmp_path: Path) -> None:
    template = tmp_path / "messages.pot"
    context = for_tree(PROJECT_ROOT, MAPPING)
    assert tools.extract(PROJECT_ROOT, MAPPING, template, context)
    first = template.read_bytes()
    assert not tools.extract(PROJECT_ROOT, MAPPING, template, context)
    assert template.read_bytes() == first  # no new POT-Creation-Date: a quiet diff
    text = first.decode("utf-8")
    references = re.findall(r"^#: (.*)$", text, re.M)
    assert references and not [ref for ref in references if re.search(r":\d+", ref)]


# update and init -----------------------------------------------------------------


def test_update_keeps_previous_msgids_obsolete_entries_and_the_review_status(
    locales_copy: Path,
) -> None:
    po = po_of(locales_copy, "fr")
    text = with_review_status(po.read_text("utf-8"), "reviewed by Ana Diaz on 2026-01-02")
    po.write_text(text, encoding="utf-8")
    template = locales_copy / "messages.pot"
    pot = template.read_text("utf-8")
    # The English of one message changes, and another message is gone.
    assert 'msgid "Update"' in pot and 'msgid "Saved on this phone"' in pot
    pot = pot.replace('msgid "Saved on this phone"', 'msgid "Saved on your phone"')
    pot = re.sub(r'(#\..*\n)+#: templates/base.html\nmsgid "Update"\nmsgstr ""\n', "", pot)
    template.write_text(pot, encoding="utf-8")

    assert main(["i18n", "--locales", str(locales_copy), "update"]) == 0
    updated = po.read_text("utf-8")
    assert '"X-Review-Status: reviewed by Ana Diaz on 2026-01-02\\n"' in updated
    # The changed message: marked fuzzy, with the old English shown to the translator.
    assert re.search(
        r'#, fuzzy\n#\| msgid "Saved on this phone"\nmsgid "Saved on your phone"\nmsgstr "\S',
        updated,
    )
    # The removed one: kept as obsolete, translation and all.
    assert '#~ msgid "Update"\n#~ msgstr "Mettre à jour"' in updated
    # ...and the check points the translator at the fuzzy entry.
    line, _ = entry(po, "Saved on your phone")
    assert f"{po}:{line}: fuzzy" in "\n".join(problems(po, "fr"))


def test_init_starts_a_language_that_is_served_at_once_in_english(
    locales_copy: Path, make_client: Callable[..., TestClient]
) -> None:
    shutil.rmtree(locales_copy / "de", ignore_errors=True)  # started afresh, if merged since
    assert main(["i18n", "--locales", str(locales_copy), "init", "de"]) == 0
    po = po_of(locales_copy, "de")
    text = po.read_text("utf-8")
    assert '"Language: de\\n"' in text
    assert '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"' in text
    assert '"X-Review-Status: draft\\n"' in text
    assert problems(po, "de") == []
    client = make_client(locales_dir=locales_copy)
    page = client.get("/de/treatment/")
    assert page.status_code == 200
    assert '<html lang="de" dir="ltr"' in page.text
    assert '<span lang="en">Treatment</span>' in page.text  # English until translated
    assert 'data-language="de"' in client.get("/es/languages/").text  # listed for all
    # Languages Babel does not know, and existing ones, are refused.
    assert main(["i18n", "--locales", str(locales_copy), "init", "xx_YY"]) == 2
    assert main(["i18n", "--locales", str(locales_copy), "init", "de"]) == 2


def test_init_uses_the_languages_own_plural_forms(locales_copy: Path) -> None:
    shutil.rmtree(locales_copy / "pl", ignore_errors=True)
    tools.init(locales_copy, "pl")
    assert "nplurals=3;" in po_of(locales_copy, "pl").read_text("utf-8")


def test_compile_writes_every_catalog(locales_copy: Path) -> None:
    for mo in locales_copy.rglob("*.mo"):
        mo.unlink()
    assert main(["i18n", "--locales", str(locales_copy), "compile"]) == 0
    assert len(list(locales_copy.rglob("*.mo"))) == len(tools.catalogs(locales_copy))


def test_stats_counts_translated_fuzzy_and_untranslated_with_the_review_status(
    locales_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    po = po_of(locales_copy, "es")
    po.write_text(with_review_status(po.read_text("utf-8"), "draft"), encoding="utf-8")
    before = {row.gettext_id: row for row in tools.stats(locales_copy)}["es"]
    replace_msgstr(po, "Update", 'msgstr ""')
    text = po.read_text("utf-8").replace(
        'msgid "Saved on this phone"', '#, fuzzy\nmsgid "Saved on this phone"'
    )
    po.write_text(text, encoding="utf-8")
    rows = {row.gettext_id: row for row in tools.stats(locales_copy)}
    total = rows["fr"].total
    translated = before.translated - 2  # both were translated, as in every catalog so far
    untranslated = before.untranslated + 1
    assert (rows["es"].translated, rows["es"].fuzzy, rows["es"].untranslated) == (
        translated,
        before.fuzzy + 1,
        untranslated,
    )
    assert rows["es"].total == total == rows["en"].total
    percent = translated * 100 // total
    assert rows["es"].percent == percent < before.percent
    assert rows["es"].review == "draft" and rows["es"].unreviewed == translated
    assert main(["i18n", "--locales", str(locales_copy), "stats"]) == 0
    table = capsys.readouterr().out
    assert re.search(
        rf"^es\s+{translated}\s+{before.fuzzy + 1}\s+{untranslated}\s+{percent}%\s+{translated}"
        r"\s+draft$",
        table,
        re.M,
    )


# The check: one problem per line, with the line -------------------------------------


def test_a_syntax_error_is_reported_with_its_line(locales_copy: Path) -> None:
    po = po_of(locales_copy, "es")
    lines = po.read_text("utf-8").splitlines()
    lines.insert(40, "this line is not gettext syntax")
    po.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = problems(po)
    assert len(found) == 1 and found[0].startswith(f"{po}:41: syntax error")


def test_a_renamed_placeholder_is_reported(locales_copy: Path) -> None:
    po = po_of(locales_copy, "es")
    line = replace_msgstr(
        po,
        "This guide is shared with you by %(clinic)s.",
        'msgstr "Esta guía se la comparte %(clinica)s."',
    )
    found = problems(po)
    assert (
        f"{po}:{line}: placeholders differ from the English: missing ['clinic'], "
        "unknown ['clinica']" in found
    )


def test_script_tags_event_handlers_and_javascript_urls_are_reported(locales_copy: Path) -> None:
    po = po_of(locales_copy, "es")
    script = replace_msgstr(po, "Update", 'msgstr "<script>alert(1)</script>Actualizar"')
    handler = replace_msgstr(
        po, "Saved on this phone", 'msgstr "<strong onerror=\\"alert(1)\\">Guardado</strong>"'
    )
    link = replace_msgstr(
        po, "Save for offline", 'msgstr "<a href=\\"javascript:alert(1)\\">Guardar</a>"'
    )
    found = "\n".join(problems(po))
    assert f"{po}:{script}: <script> is not allowed" in found
    assert f"{po}:{handler}: attribute 'onerror' is not allowed on <strong>" in found
    assert f"{po}:{link}: URL scheme 'javascript' is not allowed" in found
    assert f"{po}:{script}: HTML tags differ" in found


def test_a_missing_plural_form_is_reported(locales_copy: Path) -> None:
    po = po_of(locales_copy, "ru")  # Russian has three plural forms
    text = po.read_text("utf-8")
    third = re.search(r'^msgstr\[2\] ""\n(?:".*"\n)+', text, re.M)
    assert third, "the Russian catalog has a plural message"
    po.write_text(text.replace(third.group(0), "", 1), encoding="utf-8")
    assert [p for p in problems(po, "ru") if p.endswith(": 2 of 3 plural forms are translated")]


def _babel_says(monkeypatch: pytest.MonkeyPatch, gettext_id: str, count: int, expr: str) -> None:
    """Change the installed Babel's plural rule for one language, as an upgrade would."""
    from babel.messages.plurals import get_plural

    from pwa.i18n import plural_forms

    def changed(locale: str):
        if str(locale) == gettext_id:
            return type(get_plural("en"))((count, expr))
        return get_plural(locale)

    monkeypatch.setattr(plural_forms, "get_plural", changed)


def test_a_plural_rule_changed_under_a_catalog_is_reported_with_its_line(
    locales_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    po = po_of(locales_copy, "es")
    assert problems(po) == []
    _babel_says(monkeypatch, "es", 2, "(n != 1)")  # the rule before Babel 2.19
    header = next(
        number
        for number, text in enumerate(po.read_text("utf-8").splitlines(), 1)
        if text.startswith('"Plural-Forms:')
    )
    assert main(["i18n", "check", str(po)]) == 1
    out = capsys.readouterr().out
    assert f"{po}:{header}: Plural-Forms has 3 forms and other rules" in out
    assert '"Plural-Forms: nplurals=2; plural=(n != 1);"' in out
    assert "i18n update" in out


def test_the_plural_rule_is_compared_by_what_it_chooses_not_how_it_is_written(
    locales_copy: Path,
) -> None:
    po = po_of(locales_copy, "ru")
    text = po.read_text("utf-8")
    header = re.search(r'^"Plural-Forms: (?:.*\n)*?.*;\\n"\n', text, re.M)
    assert header
    # gettext's classic Russian rule: other brackets and tests, same forms for every n.
    classic = (
        '"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && '
        'n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"\n'
    )
    po.write_text(text.replace(header.group(0), classic, 1), encoding="utf-8")
    assert problems(po, "ru") == []
    # A rule that picks another form for 111 is reported.
    po.write_text(text.replace(header.group(0), classic.replace("!=11", "!=12"), 1), "utf-8")
    assert [p for p in problems(po, "ru") if "Plural-Forms has 3 forms and other rules" in p]


def test_update_moves_a_catalog_to_the_installed_plural_rule(locales_copy: Path) -> None:
    """Spanish before Babel 2.19 had two forms; update gives it CLDR's three."""
    po = po_of(locales_copy, "es")
    text = po.read_text("utf-8")
    before = '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'
    header = r'^"Plural-Forms: (?:.*\n)*?.*;\\n"\n'
    text = re.sub(header, lambda _: before, text, count=1, flags=re.M)
    many = re.search(r'^msgstr\[1\] ""\n(?:".*"\n)+', text, re.M)
    assert many
    po.write_text(text.replace(many.group(0), "", 1).replace("msgstr[2]", "msgstr[1]"), "utf-8")
    assert tools.update(locales_copy)
    catalog = read_po(po.open("rb"), locale="es")
    assert catalog.num_plurals == 3
    message = next(message for message in catalog if message.pluralizable)
    one, many_form, other = message.string
    # 1000000 used the old "other" form: the new "many" form starts from it, to check.
    assert "palabra " in one and many_form == other and "palabras" in other
    assert message.fuzzy
    assert [p for p in problems(po) if "fuzzy: check the translation" in p]
    assert not [p for p in problems(po) if "Plural-Forms" in p]


def test_a_fuzzy_or_incomplete_header_is_reported(locales_copy: Path) -> None:
    po = po_of(locales_copy, "es")
    text = po.read_text("utf-8")
    text = text.replace('msgid ""\nmsgstr ""\n', '#, fuzzy\nmsgid ""\nmsgstr ""\n', 1)
    text = re.sub(r'^"Language: es\\n"\n', "", text, count=1, flags=re.M)
    # The header line may wrap over two lines of the file.
    text = re.sub(r'^"Plural-Forms: (?:.*\n)*?.*;\\n"\n', "", text, count=1, flags=re.M)
    po.write_text(text, encoding="utf-8")
    found = "\n".join(problems(po))
    assert "the header is marked fuzzy" in found
    assert "the header has no Language" in found
    assert "the header has no Plural-Forms" in found


def test_check_prints_file_line_problem_and_fails(
    locales_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    po = po_of(locales_copy, "fr")
    line = replace_msgstr(po, "Update", 'msgstr "<iframe>Mettre à jour"')
    assert main(["i18n", "check", str(po)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert f"{po}:{line}: <iframe> is not allowed in a translation" in out
    assert all(re.match(rf"{re.escape(str(po))}:\d+: ", row) for row in out)


def glossary_message(po: Path) -> tuple[int, str]:
    """The line and msgstr of a translated message that links to the glossary."""
    catalog = read_po(po.open("rb"), locale="es")
    message = next(
        m for m in catalog if m.id and isinstance(m.id, str) and 'href="%(g)s#biopsy"' in m.id
    )
    assert message.lineno and isinstance(message.string, str)
    return message.lineno, message.string


def set_msgstr(po: Path, old: str, new: str) -> None:
    """Replace one translation's text (wherever the file wraps it) with `new`."""
    catalog = read_po(po.open("rb"), locale="es")
    for message in catalog:
        if message.string == old:
            message.string = new
    with po.open("wb") as handle:
        write_po(handle, catalog, width=0)


@pytest.mark.parametrize(
    ("change", "reported"),
    [
        (lambda s: s.replace('href="%(g)s#biopsy"', 'href="https://evil.example/"'), "link target"),
        (lambda s: s.replace('href="%(g)s#biopsy"', 'href="%(g)s#surgery"'), "link target"),
        (lambda s: s.replace("%(g)s", "%(g).0s"), "must be written as in the English: %(g)s"),
        (lambda s: s.replace("%(g)s", "%(g)9999999999s"), "must be written as in the English"),
        (lambda s: s.replace("</a>", "", 1), "<a> is not closed before </strong>"),
        (lambda s: s.replace("</strong>", "", 1), "<strong> is opened but never closed"),
        (lambda s: s.replace('#biopsy"', "#biopsy", 1), "HTML tags differ"),
        (lambda s: s + " 80%", "lone % sign"),
    ],
)
def test_the_check_reports_what_would_mislead_a_family(
    locales_copy: Path, change: Callable[[str], str], reported: str
) -> None:
    po = po_of(locales_copy, "es")
    _, msgstr = glossary_message(po)
    set_msgstr(po, msgstr, change(msgstr))
    line, _ = glossary_message(po)
    found = problems(po)
    assert any(p.startswith(f"{po}:{line}: ") and reported in p for p in found), found


def test_a_changed_number_is_reported_and_shown_in_english(
    locales_copy: Path, make_client: Callable[..., TestClient]
) -> None:
    po = po_of(locales_copy, "es")
    catalog = read_po(po.open("rb"), locale="es")
    message = next(m for m in catalog if isinstance(m.id, str) and "80 percent" in m.id)
    assert isinstance(message.string, str) and "80" in message.string
    set_msgstr(po, message.string, message.string.replace("80", "8", 1))
    line = next(m for m in read_po(po.open("rb"), locale="es") if m.id == message.id).lineno
    assert f"{po}:{line}: numbers differ from the English: missing [80], unknown [8]" in problems(
        po
    )
    page = make_client(locales_dir=locales_copy).get("/es/outlook/").text
    assert "80 percent" in page  # the English sentence, marked as English


def test_a_line_separator_in_a_translation_hides_no_other_problem(locales_copy: Path) -> None:
    """U+2028 once made the whole file a syntax error (str.splitlines splits there)."""
    po = po_of(locales_copy, "es")
    line = replace_msgstr(po, "Update", 'msgstr "<iframe>Actualizar"')
    # As a PO editor writes it: the character itself, inside one quoted line (Babel's
    # own writer would break the line there).
    text = po.read_text("utf-8").replace(" Un médico saca", "\u2028Un médico saca", 1)
    assert "\u2028" in text
    po.write_text(text, encoding="utf-8")
    found = problems(po)
    assert not [p for p in found if "syntax error" in p], found
    assert f"{po}:{line}: <iframe> is not allowed in a translation" in found


# At run time: a hostile or broken catalog never breaks the site --------------------


def test_a_hostile_catalog_injects_no_markup(
    locales_copy: Path, make_client: Callable[..., TestClient]
) -> None:
    po = po_of(locales_copy, "es")
    replace_msgstr(po, "Update", 'msgstr "<script>alert(1)</script>Actualizar"')
    replace_msgstr(po, "Saved on this phone", 'msgstr "<img src=x onerror=\\"alert(1)\\">Guardado"')
    page = make_client(locales_dir=locales_copy).get("/es/")
    assert page.status_code == 200
    assert "<script>alert" not in page.text and "<img" not in page.text
    assert 'onerror="' not in page.text
    # Not even as text: the whole English sentence, marked as English.
    assert "&lt;script&gt;" not in page.text
    assert '<span lang="en">Update</span>' in page.text


def test_an_unreadable_catalog_serves_english_and_logs_one_line_with_file_and_line(
    locales_copy: Path,
    make_client: Callable[..., TestClient],
    caplog: pytest.LogCaptureFixture,
) -> None:
    po = po_of(locales_copy, "vi")
    lines = po.read_text("utf-8").splitlines()
    lines.insert(50, 'msgstr "a second msgstr where none belongs"')
    lines.insert(50, "garbage")
    po.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with caplog.at_level(logging.ERROR):
        client = make_client(locales_dir=locales_copy)
    errors = [record for record in caplog.records if record.levelno >= logging.ERROR]
    assert len(errors) == 1 and f"{po}:51:" in errors[0].getMessage()
    assert client.get("/vi/").status_code == 200
    assert '<span lang="en">Treatment</span>' in client.get("/vi/").text
    assert '<span lang="en"' not in client.get("/fr/").text


def test_the_translation_status_page_lists_every_language(
    locales_copy: Path, make_client: Callable[..., TestClient]
) -> None:
    replace_msgstr(po_of(locales_copy, "es"), "Update", 'msgstr ""')
    html = make_client(locales_dir=locales_copy).get("/translations/").text
    rows = re.findall(r"<tr>\s*<th scope=\"row\">(.*?)</tr>", html, re.S)
    assert len(rows) == len(tools.catalogs(locales_copy)) + 1
    for stats in tools.stats(locales_copy):
        row = next(row for row in rows if f'href="/{stats.tag}/"' in row)
        assert f"<td>{stats.percent}% ({stats.translated} of {stats.total})</td>" in row
        draft = stats.review == "draft"
        shown = "Not yet checked by a medical translator" if draft else stats.review
        assert f"<td>{shown}</td>" in row
    spanish = next(row for row in rows if 'href="/es/"' in row)
    # In plain words: "draft" is the catalog's header value, not a word for readers.
    assert "99%" in spanish and "draft" not in spanish
    assert 'href="/ar/"' in html and "100%" in next(row for row in rows if 'href="/ar/"' in row)
    assert "(0 of" not in spanish and "100%" not in spanish  # one sentence less


def test_a_preview_has_no_service_worker_to_keep_old_copies(
    make_client: Callable[..., TestClient],
) -> None:
    preview = make_client(offline=False)
    assert preview.get("/sw.js").status_code == 404
    assert "data-preview" in preview.get("/es/").text.split(">", 2)[1]
    served = make_client()
    assert served.get("/sw.js").status_code == 200
    assert "data-preview" not in served.get("/es/").text


def test_serve_reload_is_a_preview(monkeypatch: pytest.MonkeyPatch) -> None:
    from pwa import cli
    from tests.servers import record_granian

    calls = record_granian(monkeypatch)
    monkeypatch.delenv("GUIDE_OFFLINE", raising=False)
    cli.main(["serve", "--reload"])
    assert calls and calls[0]["reload"] is True
    assert os.environ["GUIDE_OFFLINE"] == "0"
    assert any(path.name == "locales" for path in calls[0]["reload_paths"])
    # Catalogs restart a preview; the .mo files the server writes itself do not.
    keep = calls[0]["reload_filter"]()
    assert keep(Change.modified, "/x/locales/fr/LC_MESSAGES/messages.po")
    assert not keep(Change.modified, "/x/locales/fr/LC_MESSAGES/messages.mo")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (('msgstr "Mettre à jour"', 'msgstr "Mettre à jour'), "a string must be one line"),
        (('msgstr "Mettre à jour"', 'msgstr "Mettre \\q à jour"'), "a string must be one line"),
        (('msgid "Update"\n', ""), "msgstr without a msgid before it"),
        (('msgstr "Mettre à jour"', 'msgstr "Mettre à jour"\nmsgstr "Deux"'), "appears twice"),
    ],
    ids=["unterminated string", "unknown escape", "msgstr alone", "two msgstrs"],
)
def test_syntax_errors_babel_would_forgive_are_reported(
    locales_copy: Path, change: tuple[str, str], expected: str
) -> None:
    po = po_of(locales_copy, "fr")
    line, _ = entry(po, "Update")
    po.write_text(po.read_text("utf-8").replace(*change, 1), encoding="utf-8")
    found = problems(po, "fr")
    assert [p for p in found if expected in p and "syntax error" in p], found
    assert all(
        re.match(rf"{re.escape(str(po))}:({line}|{line + 1}|{line + 2}): ", p) for p in found
    )


def test_a_duplicate_message_is_reported_with_both_lines(locales_copy: Path) -> None:
    po = po_of(locales_copy, "fr")
    line, _ = entry(po, "Update")
    text = po.read_text("utf-8")
    po.write_text(text + '\nmsgid "Update"\nmsgstr "Actualiser"\n', encoding="utf-8")
    last = len(po.read_text("utf-8").splitlines()) - 1
    assert f"{po}:{last}: syntax error: duplicate message (first defined on line {line})" in (
        problems(po, "fr")
    )


def test_the_same_english_in_two_contexts_is_not_a_duplicate(locales_copy: Path) -> None:
    po = po_of(locales_copy, "fr")
    text = po.read_text("utf-8")
    twice = (
        '\nmsgctxt "button"\nmsgid "Update"\nmsgstr "Mettre à jour"\n'
        '\nmsgctxt "heading"\nmsgid "Update"\nmsgstr "Mise à jour"\n'
    )
    po.write_text(text + twice, encoding="utf-8")
    assert not [p for p in problems(po, "fr") if "duplicate" in p]
    po.write_text(text + twice.replace('"heading"', '"button"'), encoding="utf-8")
    assert [p for p in problems(po, "fr") if "duplicate message" in p]
