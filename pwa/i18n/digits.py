"""Numbers in a language's own digits: Persian ۴۵, Bengali ৪৫, Nepali ४५.

Each language writes numbers with its default numbering system (Unicode CLDR, which
Babel ships): the same digits a phone's own `Intl.NumberFormat` uses for the numbers
the page's scripts write (the size of the saved guide, the number of search results),
so a page never mixes two kinds of digits in what the guide itself fills in.

Babel knows each locale's default numbering system but formats every number with
ASCII digits, so the digits are swapped here. Unicode puts each system's ten decimal
digits in a row from its zero; ZERO lists the zeros of the systems CLDR gives the
guide's languages and their neighbours (a test fails for a served language whose
system is missing).
"""

from __future__ import annotations

from functools import lru_cache

from babel import Locale
from babel.numbers import format_decimal

ZERO = {
    "latn": "0",
    "arab": "\u0660",  # Arabic-Indic: ٠
    "arabext": "\u06f0",  # Persian, Urdu in India: ۰
    "beng": "\u09e6",  # Bengali: ০
    "deva": "\u0966",  # Devanagari (Nepali, Marathi): ०
    "mymr": "\u1040",  # Burmese: ၀
    "tibt": "\u0f20",  # Tibetan, Dzongkha: ༠
}


@lru_cache(maxsize=64)
def _digits_of(locale: Locale) -> dict[int, str] | None:
    zero = ZERO.get(locale.default_numbering_system or "latn", "0")
    if zero == "0":
        return None
    return {ord("0") + value: chr(ord(zero) + value) for value in range(10)}


def in_own_digits(text: str, locale: Locale) -> str:
    """`text` with its ASCII digits written in the language's own digits."""
    digits = _digits_of(locale)
    return text.translate(digits) if digits else text


def format_number(number: int | float, locale: Locale) -> str:
    """A number as the language writes it: its grouping, its decimal sign, its digits."""
    return in_own_digits(format_decimal(number, locale=locale), locale)
