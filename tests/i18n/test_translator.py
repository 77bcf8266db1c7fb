"""Catalogs: compiled when needed, looked up with exactly the extracted msgids, and
never trusted as HTML."""

from __future__ import annotations

import io
import logging
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from starlette.testclient import TestClient

from pwa.i18n import catalogs
from pwa.i18n.catalogs import ensure_compiled, load_catalog
from pwa.i18n.locales import GuideLocale, LocaleSet
from pwa.i18n.tools import template_size
from pwa.i18n.translator import Translator
from pwa.pages import PAGES
from pwa.settings import PROJECT_ROOT
from tests.conftest import TEMPLATE, write_catalog


def translator_for(gettext_id: str, entries: dict) -> Translator:
    """A Translator over an in-memory catalog holding just `entries`."""
    locale = GuideLocale(gettext_id, Locale.parse(gettext_id))
    if not entries:
        return Translator(locale, NullTranslations())
    catalog = Catalog(locale=gettext_id)
    for msgid, msgstr in entries.items():
        catalog.add(msgid, msgstr)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translator(locale, Translations(buffer))


def template_msgids() -> set[str | tuple[str, str]]:
    with TEMPLATE.open("rb") as handle:
        return {message.id for message in read_po(handle) if message.id}


# Translator rules --------------------------------------------------------------


def test_untranslated_text_is_english_marked_for_screen_readers() -> None:
    spanish = translator_for("es", {"Other": "Otro"})
    assert spanish.gettext("Hello") == '<span lang="en">Hello</span>'
    arabic = translator_for("ar", {"Other": "آخر"})
    assert arabic.gettext("Hello") == '<span lang="en" dir="ltr">Hello</span>'
    english = translator_for("en", {})
    assert english.gettext("Hello") == "Hello"


def test_translated_text_is_escaped_not_trusted_as_html() -> None:
    spanish = translator_for("es", {"Hello": "Hola & adiós, a < b"})
    assert spanish.gettext("Hello") == "Hola &amp; adiós, a &lt; b"


def test_a_translation_with_markup_its_source_lacks_is_shown_in_english() -> None:
    spanish = translator_for("es", {"Hello": "Hola <script>alert(1)</script> & adiós"})
    assert spanish.gettext("Hello") == '<span lang="en">Hello</span>'


def test_hostile_markup_falls_back_to_the_whole_english_sentence() -> None:
    """Never a half-cleaned sentence: the sanitizer's output is shown only unchanged."""
    source = 'Call <a href="tel:%(number)s">%(number)s</a> now.'
    hostile = (
        'Llame al <a href="tel:%(number)s" onclick="steal()">%(number)s</a>'
        '<img src=x onerror="alert(1)"> <a href="javascript:alert(1)">ya</a>.'
    )
    html = translator_for("es", {source: hostile}).gettext(source, number="911")
    assert html == '<span lang="en">Call <a href="tel:911">911</a> now.</span>'


@pytest.mark.parametrize(
    ("translated", "why"),
    [
        ('Vea la <a href="https://evil.example/">biopsia</a>.', "link target"),
        ('Vea la <a href="%(g)s#surgery">biopsia</a>.', "link target"),
        ('Vea la <a href="%(g)s#biopsy">biopsia.', "never closed"),
        ('Vea <strong>la <a href="%(g)s#biopsy">biopsia</strong></a>.', "not closed before"),
        ('Vea la <a href="%(g)s#biopsy>biopsia</a>.', "HTML tags differ"),
        ('Vea la <a href="%(g).0s#biopsy">biopsia</a>.', "must be written as in the English"),
        ('Vea la <a href="%(g)9999999999s#biopsy">biopsia</a>.', "must be written"),
        ('Vea el 80% de la <a href="%(g)s#biopsy">biopsia</a>.', "lone % sign"),
    ],
)
def test_a_translation_breaking_a_rule_is_shown_whole_in_english(
    translated: str, why: str, caplog: pytest.LogCaptureFixture
) -> None:
    source = 'See the <a href="%(g)s#biopsy">biopsy</a>.'
    with caplog.at_level(logging.WARNING):
        html = translator_for("es", {source: translated}).gettext(source, g="/es/glossary/")
    assert html == '<span lang="en">See the <a href="/es/glossary/#biopsy">biopsy</a>.</span>'
    assert why in caplog.text


def test_a_percent_sign_is_fine_where_the_english_has_no_placeholder() -> None:
    spanish = translator_for("es", {"About 80 percent.": "Alrededor del 80 %."})
    assert spanish.gettext("About 80 percent.") == "Alrededor del 80 %."


def test_variables_are_escaped() -> None:
    english = translator_for("en", {})
    assert english.gettext("By %(clinic)s.", clinic="<b>A&B</b>") == (
        "By &lt;b&gt;A&amp;B&lt;/b&gt;."
    )


def test_a_translation_with_other_placeholders_falls_back_to_english(
    caplog: pytest.LogCaptureFixture,
) -> None:
    source = "Call %(clinic)s at %(phone)s."
    spanish = translator_for("es", {source: "Llame a %(clinica)s al %(phone)s."})
    with caplog.at_level(logging.WARNING):
        html = spanish.gettext(source, clinic="Sol", phone="555")
    assert html == '<span lang="en">Call Sol at 555.</span>'
    assert "placeholders differ from the English" in caplog.text
    dropped = translator_for("es", {source: "Llame a %(clinic)s."})
    assert dropped.gettext(source, clinic="Sol", phone="555") == (
        '<span lang="en">Call Sol at 555.</span>'
    )


def test_plural_forms_follow_the_language() -> None:
    forms = ("صفر", "صفحة واحدة", "صفحتان", "%(num)d صفحات", "%(num)d صفحة", "%(num)d صفحة")
    arabic = translator_for("ar", {("%(num)d page", "%(num)d pages"): forms})
    assert arabic.ngettext("%(num)d page", "%(num)d pages", 2) == "صفحتان"
    assert arabic.ngettext("%(num)d page", "%(num)d pages", 5) == "5 صفحات"


# Catalog compilation -------------------------------------------------------------


def test_mo_is_compiled_when_missing_and_again_when_the_po_changes(
    locales_copy: Path, make_client: Callable[..., TestClient]
) -> None:
    po = write_catalog(locales_copy, "fr", {"About this guide": "À propos"})
    mo = po.with_suffix(".mo")
    assert not mo.exists()
    first = make_client(locales_dir=locales_copy)
    assert mo.exists()
    assert "À propos" in first.get("/fr/about/").text

    write_catalog(locales_copy, "fr", {"About this guide": "À propos de ce guide"})
    later = mo.stat().st_mtime + 10
    os.utime(po, (later, later))
    second = make_client(locales_dir=locales_copy)
    assert "À propos de ce guide" in second.get("/fr/about/").text
    assert catalogs.compiled_from(po.read_bytes(), mo.read_bytes()) is not None


def test_an_up_to_date_mo_is_used_as_it_is(locales_copy: Path) -> None:
    po = write_catalog(locales_copy, "fr", {"About this guide": "À propos"})
    compiled = ensure_compiled(po, "fr")
    mo = po.with_suffix(".mo")
    mtime = mo.stat().st_mtime_ns
    assert ensure_compiled(po, "fr") == compiled
    assert mo.stat().st_mtime_ns == mtime


def test_a_start_reads_only_the_mo_compiled_from_the_po_beside_it(
    locales_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Parsing `.po` files was most of the time of reading 24 catalogs at a first start."""
    write_catalog(locales_copy, "fr", {"About this guide": "À propos", "Glossary": ""})
    locale = LocaleSet.discover(locales_copy).get("fr")
    assert locale is not None
    total = template_size(locales_copy)
    parsed = load_catalog(locale, locales_copy, total)  # compiles the .mo
    monkeypatch.setattr(catalogs, "read_po", _must_not_parse)
    again = load_catalog(locale, locales_copy, total)
    assert again.translations.gettext("About this guide") == "À propos"
    assert again.stats == parsed.stats
    assert again.stats.translated == 1 and again.stats.untranslated == total - 1


def test_a_mo_made_from_another_po_is_compiled_again_whatever_the_file_times(
    locales_copy: Path, make_client: Callable[..., TestClient]
) -> None:
    """A `.po` put back with an older time (a revert, a copy that keeps times) is not
    hidden by the `.mo` of the newer one."""
    po = write_catalog(locales_copy, "fr", {"About this guide": "À propos"})
    ensure_compiled(po, "fr")
    mo = po.with_suffix(".mo")
    stamp = mo.stat().st_mtime - 100
    write_catalog(locales_copy, "fr", {"About this guide": "À propos de ce guide"})
    os.utime(po, (stamp, stamp))
    client = make_client(locales_dir=locales_copy)
    assert "À propos de ce guide" in client.get("/fr/about/").text
    assert catalogs.compiled_from(po.read_bytes(), mo.read_bytes()) is not None


def test_a_mo_that_is_not_one_is_compiled_again(locales_copy: Path) -> None:
    po = write_catalog(locales_copy, "fr", {"About this guide": "À propos"})
    po.with_suffix(".mo").write_bytes(b"not a catalog")
    compiled = ensure_compiled(po, "fr")
    assert catalogs.compiled_from(po.read_bytes(), compiled) is not None
    assert po.with_suffix(".mo").read_bytes() == compiled


def _must_not_parse(*args: object, **kwargs: object) -> None:
    raise AssertionError("the .po was parsed although its .mo was compiled from it")


def test_a_broken_catalog_is_logged_and_served_in_english(
    locales_copy: Path,
    make_client: Callable[..., TestClient],
    caplog: pytest.LogCaptureFixture,
) -> None:
    po = locales_copy / "es" / "LC_MESSAGES" / "messages.po"
    lines = po.read_text(encoding="utf-8").splitlines()
    lines.insert(30, "this line is not gettext syntax")
    po.write_text("\n".join(lines), encoding="utf-8")
    with caplog.at_level(logging.ERROR):
        client = make_client(locales_dir=locales_copy)
    assert f"{po}:31: cannot read catalog" in caplog.text
    assert len(caplog.records) == 1
    spanish = client.get("/es/about/")
    assert spanish.status_code == 200
    assert '<span lang="en">About this guide</span>' in spanish.text
    assert client.get("/ar/about/").status_code == 200
    assert '<span lang="en" dir="ltr">About this guide' not in client.get("/ar/about/").text


# Extraction matches run time -----------------------------------------------------


def test_every_extracted_msgid_is_the_one_looked_up(
    locales_copy: Path, make_client: Callable[..., TestClient]
) -> None:
    """A pseudo-translation of every msgid in messages.pot leaves no English behind.

    This fails if the runtime Jinja options (trimmed, newstyle, whitespace) differ from
    the extraction's, or if a template gained a string messages.pot does not have.
    """
    pseudo = {
        msgid: f"⟦{msgid if isinstance(msgid, str) else msgid[1]}⟧" for msgid in template_msgids()
    }
    write_catalog(locales_copy, "fr", pseudo)
    client = make_client(locales_dir=locales_copy)
    for page in PAGES:
        html = client.get(page.path("fr")).text
        assert '<span lang="en"' not in html, page.slug
        assert "⟦" in html
    missing = client.get("/fr/nowhere/").text
    assert '<span lang="en"' not in missing


def test_compiled_catalogs_are_not_committed() -> None:
    tracked = subprocess.run(
        ["git", "ls-files", "*.mo"], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert tracked == ""
    assert "*.mo" in (PROJECT_ROOT / ".gitignore").read_text().splitlines()


def test_a_percent_sign_in_a_message_without_placeholders_is_literal(
    locales_copy: Path, make_client: Callable[..., TestClient]
) -> None:
    msgid = (
        "Leiomyosarcoma makes up 7 to 11 percent of soft tissue sarcomas, "
        "counting adults and children together."
    )
    french = "Le léiomyosarcome représente 7 à 11 % des sarcomes des tissus mous."
    write_catalog(locales_copy, "fr", {msgid: french})
    page = make_client(locales_dir=locales_copy).get("/fr/what-is-leiomyosarcoma/").text
    assert french in page
