"""Which language `/` sends a reader to."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.core import get_global
from starlette.testclient import TestClient

from pwa.i18n.locales import LocaleSet
from pwa.i18n.negotiation import browser_exceptions, choose_locale, parse_accept_language
from tests.conftest import write_catalog


@pytest.fixture
def nine_locales(tmp_path: Path) -> LocaleSet:
    for gettext_id in ("es", "ar", "pt_BR", "zh_Hans", "vi", "fr", "ht", "ru"):
        write_catalog(tmp_path, gettext_id)
    return LocaleSet.discover(tmp_path)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("es", "es"),
        ("es-MX,es;q=0.9,en;q=0.8", "es"),
        ("pt", "pt-BR"),
        ("pt-PT", "pt-BR"),
        ("pt-br", "pt-BR"),
        ("zh-CN", "zh-Hans"),
        ("zh-SG", "zh-Hans"),
        ("zh", "zh-Hans"),
        ("zh-TW", "zh-Hans"),
        ("zh-Hant-HK", "zh-Hans"),
        ("ar-EG", "ar"),
        ("de-DE, fr;q=0.7", "fr"),
        ("fr;q=0.2, ru;q=0.9", "ru"),
        ("ru;q=0, vi", "vi"),
        ("de", "en"),
        ("", "en"),
        ("*", "en"),
        ("en-GB, es", "en"),
        ("x;q=oops, ht", "ht"),
    ],
)
def test_accept_language_with_q_values_and_fallbacks(
    nine_locales: LocaleSet, header: str, expected: str
) -> None:
    assert choose_locale(None, header, nine_locales).tag == expected


def test_remembered_choice_beats_the_browser(nine_locales: LocaleSet) -> None:
    assert choose_locale("ar", "es,en", nine_locales).tag == "ar"
    assert choose_locale("pt_br", "es", nine_locales).tag == "pt-BR"


def test_a_cookie_naming_no_served_language_is_ignored(nine_locales: LocaleSet) -> None:
    assert choose_locale("xx", "es", nine_locales).tag == "es"
    assert choose_locale("../../etc", None, nine_locales).tag == "en"


def test_parse_orders_by_quality_and_keeps_header_order_on_ties() -> None:
    assert parse_accept_language("a;q=0.5, b, c;q=0.5, d;q=1.0") == ["b", "d", "a", "c"]


def test_parse_drops_refused_and_malformed_entries() -> None:
    assert parse_accept_language("es;q=0, <script>, fr;q=1.5, de;q=0.8") == ["de"]


def test_parse_is_bounded_for_hostile_headers() -> None:
    header = ", ".join(f"x{i % 100:02d};q=0.5" for i in range(5000)) + ", es"
    assert len(parse_accept_language(header)) <= 32
    assert "es" not in parse_accept_language(header)


def test_the_export_root_page_needs_no_exceptions_for_the_nine_languages(
    nine_locales: LocaleSet,
) -> None:
    # Its simple rule (exact tag, else the same language) agrees with the server for
    # every CLDR locale of the languages served.
    assert browser_exceptions(nine_locales) == {}


def test_a_language_in_two_scripts_gives_the_root_page_its_exceptions(tmp_path: Path) -> None:
    for gettext_id in ("zh_Hans", "zh_Hant", "es"):
        write_catalog(tmp_path, gettext_id)
    locales = LocaleSet.discover(tmp_path)
    exceptions = browser_exceptions(locales)
    # The simple rule would send Taiwan and Hong Kong to the first Chinese listed.
    assert exceptions["zh-tw"] == "zh-Hant"
    assert exceptions["zh-hk"] == "zh-Hant"
    assert "zh-cn" not in exceptions and "es-mx" not in exceptions
    for tag, chosen in exceptions.items():
        assert choose_locale(None, tag, locales).tag == chosen


def cldr_tags() -> list[str]:
    """Every tag in CLDR's likely-subtags and language-alias tables, keys and values,
    as browsers would send them (BCP 47, with hyphens)."""
    tags: set[str] = set()
    for table in ("likely_subtags", "language_aliases"):
        for key, value in get_global(table).items():
            tags |= {key.replace("_", "-"), value.replace("_", "-")}
    return sorted(tags)


def test_negotiation_never_fails_for_any_tag_cldr_knows(nine_locales: LocaleSet) -> None:
    """`no` (Chrome's default for Norwegian readers) once raised; so could others."""
    tags = cldr_tags()
    assert len(tags) > 5000
    for tag in tags:
        assert choose_locale(None, tag, nine_locales) in list(nine_locales), tag
        assert choose_locale(None, f"{tag};q=0.5, zz", nine_locales) in list(nine_locales), tag


@pytest.mark.parametrize("header", ["no", "nb-NO, no;q=0.9", "no-NO", "sh", "mo"])
@pytest.mark.parametrize("path", ["/", "/no-such-language/", "/favicon.ico"])
def test_norwegian_readers_get_an_answer_not_an_error(
    client: TestClient, header: str, path: str
) -> None:
    response = client.get(path, headers={"Accept-Language": header}, follow_redirects=False)
    assert response.status_code == (302 if path == "/" else 404)
