"""Which language `/` sends a reader to."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.core import get_global
from starlette.testclient import TestClient

from pwa.i18n.locales import LocaleSet
from pwa.i18n.negotiation import browser_exceptions, choose_locale, parse_accept_language
from tests.conftest import write_catalog


@pytest.fixture(scope="module")
def nine_locales(tmp_path_factory: pytest.TempPathFactory) -> LocaleSet:
    folder = tmp_path_factory.mktemp("nine")
    for gettext_id in ("es", "ar", "pt_BR", "zh_Hans", "vi", "fr", "ht", "ru"):
        write_catalog(folder, gettext_id)
    return LocaleSet.discover(folder)


# The 24 languages of issue 23: the 15 US health providers must reach (HHS, Section
# 1557), Traditional Chinese, and the languages children's hospitals often see.
TWENTY_FOUR = (
    *("es", "ar", "pt_BR", "zh_Hans", "vi", "fr", "ht", "ru"),
    *("zh_Hant", "ko", "fil", "pl", "it", "de", "ja", "fa"),
    *("hi", "bn", "ur", "so", "uk", "am", "ne"),
)


@pytest.fixture(scope="module")
def twenty_four_locales(tmp_path_factory: pytest.TempPathFactory) -> LocaleSet:
    folder = tmp_path_factory.mktemp("twenty-four")
    for gettext_id in TWENTY_FOUR:
        write_catalog(folder, gettext_id)
    return LocaleSet.discover(folder)


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


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        # Traditional Chinese for Taiwan, Hong Kong, Macau, and Cantonese readers.
        *[(tag, "zh-Hant") for tag in ("zh-TW", "zh-HK", "zh-MO", "zh-Hant", "zh-Hant-HK")],
        *[(tag, "zh-Hant") for tag in ("yue", "yue-Hant-HK", "yue-HK", "yue-MO")],
        # Simplified for mainland China, Singapore, plain `zh`, and Cantonese in China.
        *[(tag, "zh-Hans") for tag in ("zh-CN", "zh-SG", "zh-Hans", "zh", "yue-CN")],
        # Filipino and Tagalog are one choice.
        *[(tag, "fil") for tag in ("fil", "tl", "tl-PH", "fil-PH")],
        # Regions of every new language, to that language.
        ("de-AT", "de"), ("de-CH", "de"), ("fa-IR", "fa"), ("fa-AF", "fa"),
        ("bn-IN", "bn"), ("bn-BD", "bn"), ("ur-PK", "ur"), ("ur-IN", "ur"), ("hi-IN", "hi"),
        ("ne-NP", "ne"), ("ne-IN", "ne"), ("so-KE", "so"), ("so-ET", "so"), ("am-ET", "am"),
        ("uk-UA", "uk"), ("pl-PL", "pl"), ("it-CH", "it"), ("ja-JP", "ja"), ("ko-KR", "ko"),
        ("pa-IN, hi;q=0.5", "hi"), ("ru-UA, uk;q=0.9", "ru"), ("be", "en"),
    ],
)
def test_the_tags_browsers_send_for_the_twenty_four_languages(
    twenty_four_locales: LocaleSet, header: str, expected: str
) -> None:
    assert choose_locale(None, header, twenty_four_locales).tag == expected


def test_the_exports_root_page_agrees_with_the_server_for_the_twenty_four(
    twenty_four_locales: LocaleSet,
) -> None:
    """The export's page tries the exact tag, its table of exceptions (for the tag, else
    for its language: `tl-Latn-PH` as `tl`), then the same language
    (static/js/language.js): for every tag CLDR knows, that gives the server's answer."""
    exceptions = browser_exceptions(twenty_four_locales)
    tags = {tag.lower() for tag in twenty_four_locales.tags}

    def in_the_browser(tag: str) -> str | None:
        key = tag.lower()
        if key in tags:
            return next(t for t in twenty_four_locales.tags if t.lower() == key)
        language = key.split("-", 1)[0]
        if key in exceptions or language in exceptions:
            return exceptions.get(key, exceptions.get(language))
        same = (t for t in twenty_four_locales.tags if t.split("-")[0].lower() == language)
        return next(same, None)

    # Browsers never send `und` ("undetermined") tags such as CLDR's `und-419`.
    sent = [tag for tag in cldr_tags() if not tag.startswith("und")]
    for tag in [*sent, "yue-HK", "yue-MO", "tl-PH", "zh-MO"]:
        server = choose_locale(None, tag, twenty_four_locales).tag
        browser = in_the_browser(tag) or "en"
        assert browser == server, tag
    assert exceptions["yue"] == "zh-Hant" and exceptions["tl"] == "fil"


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
    # every CLDR locale of the languages served; only CLDR's three-letter names of
    # those languages ("spa", "ara") and Cantonese (read as Chinese) need the table.
    exceptions = browser_exceptions(nine_locales)
    assert {tag for tag in exceptions if len(tag) != 3 and not tag.startswith("yue")} == set()
    assert exceptions["spa"] == "es" and exceptions["yue"] == "zh-Hans"


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
