"""Numbers the guide fills in are written with the language's own digits and grouping,
as the phone's Intl.NumberFormat writes the numbers the page's scripts fill in."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from babel import Locale
from babel.dates import format_date
from babel.messages.pofile import read_po, write_po
from starlette.testclient import TestClient

from pwa.app import create_app
from pwa.i18n.digits import ZERO, format_number, in_own_digits
from pwa.settings import Settings
from tests.conftest import write_catalog
from tests.test_routes import TAGS


@pytest.mark.parametrize(
    ("language", "number", "written"),
    [
        ("fa", 45, "۴۵"),
        ("bn", 45, "৪৫"),
        ("ne", 1965, "१,९६५"),
        ("hi", 45, "45"),
        ("ar", 12000, "12,000"),
        ("de", 12000, "12.000"),
        ("en", 2.5, "2.5"),
    ],
)
def test_a_number_is_written_as_the_language_writes_it(
    language: str, number: float, written: str
) -> None:
    assert format_number(number, Locale.parse(language)) == written


def test_every_served_language_has_its_digits() -> None:
    """A new language whose default numbering system is not known here fails, rather
    than silently mixing digits."""
    for tag in TAGS:
        locale = Locale.parse(tag.replace("-", "_"))
        assert locale.default_numbering_system in ZERO, tag


def test_a_date_in_persian_has_persian_digits() -> None:
    locale = Locale.parse("fa")
    text = in_own_digits(format_date(date(2026, 11, 29), format="long", locale=locale), locale)
    assert "۲۹" in text and "۲۰۲۶" in text and not any(ch.isascii() and ch.isdigit() for ch in text)


def test_the_glossary_counts_its_words_in_bengali_digits(locales_copy: Path) -> None:
    """The count goes into a translated sentence: in the language's digits there, and
    in English digits when the sentence falls back to English."""
    singular = "This glossary explains %(count)s word that you may hear from the care team."
    po = write_catalog(locales_copy, "bn")
    with po.open("rb") as handle:
        catalog = read_po(handle)
    catalog[singular].string = ("এই শব্দকোষে %(count)sটি শব্দ আছে।",) * catalog.num_plurals
    with po.open("wb") as handle:
        write_po(handle, catalog)
    client = TestClient(create_app(Settings(locales_dir=locales_copy)))
    with client:
        bengali = client.get("/bn/glossary/").text
        english = client.get("/en/glossary/").text
    assert "শব্দকোষে ৪" in bengali  # 4x terms, in Bengali digits
    assert "explains 4" in english
