"""Languages come from the catalogs on disk; URLs use their BCP 47 tags."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from starlette.testclient import TestClient

from pwa.i18n.locales import LocaleSet
from tests.conftest import LOCALES, write_catalog


def test_discovered_from_catalog_folders_with_english_first(tmp_path: Path) -> None:
    for gettext_id in ("zh_Hans", "pt_BR", "es"):
        write_catalog(tmp_path, gettext_id)
    (tmp_path / "not_a_language" / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "de").mkdir()  # no catalog inside: not a language yet
    locales = LocaleSet.discover(tmp_path)
    assert locales.tags == ["en", "es", "pt-BR", "zh-Hans"]
    assert [loc.gettext_id for loc in locales] == ["en", "es", "pt_BR", "zh_Hans"]


def test_committed_languages_include_spanish_and_arabic_rtl() -> None:
    locales = LocaleSet.discover(LOCALES)
    assert {"en", "es", "ar"} <= set(locales.tags)
    assert locales.get("ar").direction == "rtl"
    assert locales.get("es").direction == "ltr"


def test_adding_a_folder_adds_the_language_with_no_code_change(
    locales_copy: Path, make_client: Callable[..., TestClient]
) -> None:
    write_catalog(
        locales_copy, "fr", {"What is leiomyosarcoma?": "Qu’est-ce que le léiomyosarcome ?"}
    )
    client = make_client(locales_dir=locales_copy)

    page = client.get("/fr/what-is-leiomyosarcoma/")
    assert page.status_code == 200
    assert '<html lang="fr" dir="ltr"' in page.text
    assert "Qu’est-ce que le léiomyosarcome ?" in page.text
    # Listed on the languages page of every other language, named in French.
    english = client.get("/en/languages/").text
    assert re.search(r'<a href="/fr/" hreflang="fr" lang="fr"[^>]*>Français</a>', english)


def test_bcp47_urls_for_region_and_script_locales(
    locales_copy: Path, make_client: Callable[..., TestClient]
) -> None:
    write_catalog(locales_copy, "pt_BR")
    write_catalog(locales_copy, "zh_Hans")
    client = make_client(locales_dir=locales_copy)
    assert '<html lang="pt-BR"' in client.get("/pt-BR/").text
    assert '<html lang="zh-Hans"' in client.get("/zh-Hans/about/").text
    assert client.get("/pt_BR/", follow_redirects=False).headers["location"] == "/pt-BR/"
    assert client.get("/zh_hans/about/", follow_redirects=False).headers["location"] == (
        "/zh-Hans/about/"
    )
