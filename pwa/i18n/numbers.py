"""The numbers a translation must keep: "80 percent" must not become "8 percent".

Families act on the guide's numbers (a survival rate, how many children, which
stages), so a translation that changes, drops or adds one is reported to its
translator. Correct translations write numbers in many ways, and those must pass:
digits of any script (٨٠, ۸۰, ८०, ৮০), thousands grouped in any locale style
(12,000 / 12 000 / 12.000 / 1,20,000), decimal commas, Chinese and Japanese
numerals (百分之八十, 二十到三十, 一九六五, 七至十一, 3万) and Roman stages
(Russian "стадии I–IV" for "stages 1 to 4").

Why we wrote our own check and did not use translate-toolkit: its `numbers` check
(`translate.filters.checks`) counts each digit run of the source as a substring of the
translation. So it reports ٨٠, 百分之八十, I–IV and "12 000", but it passes "20 to 300"
for "20 to 30" ("30" is in "300") and never sees an added number. Adapting it would add
a GPL dependency for one check that would still need every rule below.

How a message is read. In the English source, only digits count ("1,965" is 1965 and
"2.5" is 2.5). Its "X" (X-ray), "I" and "IV" (an intravenous line) are not numbers.
English number words ("two", "twice") may become digits in a translation, but a
translation need not keep them. A translation's numbers come in two strengths:

* strong: runs of Unicode decimal digits (`unicodedata.decimal`), and Chinese
  numerals after 百分之 ("per hundred"). A source number the translation lacks is
  *missing*, and a strong number the source lacks is *unknown*.
* weak: other Chinese/Japanese numerals, and Roman numerals. A weak number can stand
  in for a missing source number but is never reported: 一 ("a", "one") and 十分
  ("very") fill ordinary Chinese prose, and "IV" may be the intravenous line. The
  price is that a dropped "1" goes unseen when the Chinese text has another 一.

Digits in python-format placeholders, HTML tags, character references and URLs do
not count: they are addresses, not the reader's numbers. The check runs at startup on
every message of every language, so a message without digits returns after one scan,
and each English source is read once for all languages.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

# One way to read a number token: the values it stands for. "1 965" can be read as
# (1965,) or as (1, 965). Values are canonical decimal strings: "1965", "2.5".
Reading = tuple[str, ...]

# Placeholders (as in rules.py), HTML comments and tags, character references, URLs.
_NOT_PROSE = re.compile(
    r"%\(\w+\)[#0\- +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]|%%"
    r"|<!--.*?-->|</?[A-Za-z][^<>]*>"
    r"|&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);"
    r"|(?:https?://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+",
    re.DOTALL,
)
# Stands for what was cut out, so that "1<br>2" stays two numbers and not "12".
_CUT = "\x00"
_DIGIT = re.compile(r"\d")
_PERCENT = "百分之"  # "per hundred": 百分之八十 is 80 percent

# English: a comma groups thousands and a period marks decimals.
_SOURCE_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_ONES_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
)
_TENS_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety"
_ONES = {word: value for value, word in enumerate(_ONES_WORDS.split())}
_TENS = {word: 10 * value for value, word in enumerate(_TENS_WORDS.split(), 2)}
_WORD_VALUES = {**_ONES, **_TENS, "once": 1, "twice": 2}
_SOURCE_WORD = re.compile(
    rf"\b(?:({'|'.join(_TENS)})-({'|'.join(list(_ONES)[1:10])})|({'|'.join(_WORD_VALUES)}))\b"
)

# What may join digit groups: group separators of every locale style (comma, period,
# apostrophes, spaces, Arabic ٬) and decimal marks (period, comma, Arabic ٫).
_SEPARATORS = ",.'\u2019\u066b\u066c \u00a0\u2009\u202f"
_DECIMAL_MARKS = frozenset(".,\u066b")
_ARABIC_DECIMAL = "\u066b"
_SPLIT_SEPARATORS = re.compile(f"([{_SEPARATORS}])")

# Chinese/Japanese numerals. 两/兩 is "two" before a counter; 〇 is zero in 一九六五.
_CJK_DIGITS = dict(
    zip("〇零一二两兩三四五六七八九", (0, 0, 1, 2, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True)
)
_CJK_UNITS = {"十": 10, "百": 100, "千": 1000}
_CJK_MYRIADS = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
_CJK = "".join((*_CJK_DIGITS, *_CJK_UNITS, *_CJK_MYRIADS))
# Digits followed by these are multiplied: 3万 is 30,000; 10만 is 100,000 (Korean).
_TIMES_POWER = dict(zip("十百千万萬亿億백천만억", (1, 2, 3, 4, 4, 8, 8, 2, 3, 4, 8), strict=True))
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_LATIN = "A-Za-z\u00c0-\u024f"
# Roman numeral signs (Ⅳ期), without U+2183 and U+2184, which are letters.
_ROMAN_SIGNS = "\u2160-\u2182\u2185-\u2188"

# Three scans, each opening with a character class so that `re` can skip ahead fast.
_DIGIT_TOKEN = re.compile(rf"(\d+(?:[{_SEPARATORS}]\d+)*)([{''.join(_TIMES_POWER)}]{{1,3}})?")
_CJK_TOKEN = re.compile(rf"[{_CJK}]{{1,20}}(成)?")
# Capital Roman letters standing alone among Latin letters (IV, not VIVID); the
# lookbehind, after the first letter, checks the character before it.
_ROMAN_TOKEN = re.compile(rf"[IVXLCDM{_ROMAN_SIGNS}](?<![{_LATIN}].)[IVXLCDM]*(?![{_LATIN}])")
_ROMAN_FORM = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
# "I" opening a sentence before a lowercase word is Italian "I bambini" or Polish
# "I to", not stage 1 ("I стадия" and "estadio I" still are).
_BEFORE_SENTENCE = f" \t\n{_CUT}\"'«“„(¿¡"
_LOWERCASE_WORD = re.compile(r"\s+[a-zß-ÿ]")


def _ascii(digits: str) -> str:
    """ASCII digits for decimal digits of any script: "٨٠" is "80"; the rest is kept."""
    if digits.isascii():
        return digits
    return "".join(str(unicodedata.decimal(char, char)) for char in digits)


def _canonical(whole: str, fraction: str = "") -> str:
    """One spelling per value: "080" is "80" and "2,50" is "2.5".

    Strings, not int(): Python refuses to convert more than 4,300 digits, and a
    broken catalog must not stop the server.
    """
    whole = whole.lstrip("0") or "0"
    fraction = fraction.rstrip("0")
    return f"{whole}.{fraction}" if fraction else whole


def _times_ten_to(value: str, power: int) -> str:
    """value × 10**power, on the decimal string: 1.5 and 万 (10**4) give 15000."""
    whole, _, fraction = value.partition(".")
    fraction = fraction.ljust(power, "0")
    return _canonical(whole + fraction[:power], fraction[power:])


def _grouped(groups: Sequence[str]) -> bool:
    """Whether digit groups are thousands, western (12,000) or Indian (1,20,000)."""
    head, *rest = groups
    if not rest:
        return False
    western = 1 <= len(head) <= 3 and all(len(group) == 3 for group in rest)
    indian = (
        len(rest) >= 2
        and 1 <= len(head) <= 2
        and all(len(group) == 2 for group in rest[:-1])
        and len(rest[-1]) == 3
    )
    return western or indian


def _prose(text: str) -> str:
    """The text a reader sees: no placeholders, tags, references or URLs."""
    return _NOT_PROSE.sub(_CUT, text)


@lru_cache(maxsize=4096)
def _english(source: str) -> tuple[Reading, str]:
    """The numbers of an English source, and its prose for the number words.

    Cached: each source is checked once for every language.
    """
    prose = _prose(source)
    numbers: list[str] = []
    for match in _SOURCE_NUMBER.finditer(prose):
        token = _ascii(match.group())
        whole, _, fraction = token.partition(".")
        groups = whole.split(",")
        if (len(groups) > 1 and not _grouped(groups)) or "." in fraction:
            # "1,2" or "1.2.3": a list or a version, not one number
            numbers += (_canonical(group) for group in re.split(r"[.,]", token))
        else:
            numbers.append(_canonical("".join(groups), fraction))
    return tuple(numbers), prose


def _english_words(prose: str) -> Counter[str]:
    """The values of English number words: "two" and "twenty-five" may become digits.

    Read only when a translation has numbers the source's digits do not explain.
    """
    words: Counter[str] = Counter()
    for tens, ones, word in _SOURCE_WORD.findall(prose.lower()):
        words[str(_WORD_VALUES[word] if word else _TENS[tens] + _ONES[ones])] += 1
    return words


def _digit_readings(token: str) -> tuple[Reading, ...]:
    """Every sensible reading of a digit token, the likeliest first.

    "12 000" and "12.000" may be 12000; "2,5" may be 2.5; "1.234,5" is 1234.5; and
    any token may be separate numbers ("1965,90" missing its space). The check takes
    the first reading that fits the source, so a grouped "1.965" passes for the year
    1965 while "19.65" does not.
    """
    parts = _SPLIT_SEPARATORS.split(token)
    groups = [_ascii(part) for part in parts[0::2]]
    separators = parts[1::2]
    if not separators:
        return ((_canonical(groups[0]),),)
    readings: list[Reading] = []
    first, last = separators[0], separators[-1]
    same = separators.count(first) == len(separators)
    if first != _ARABIC_DECIMAL and same and _grouped(groups):
        readings.append((_canonical("".join(groups)),))
    if last in _DECIMAL_MARKS:
        head = separators[:-1]
        if not head or (
            head[0] not in (last, _ARABIC_DECIMAL)
            and head.count(head[0]) == len(head)
            and _grouped(groups[:-1])
        ):
            readings.append((_canonical("".join(groups[:-1]), groups[-1]),))
    readings.append(tuple(_canonical(group) for group in groups))
    return tuple(dict.fromkeys(readings))


def _cjk_value(numeral: str) -> str:
    """The value of a Chinese/Japanese numeral: 八十 80, 十一 11, 一九六五 1965."""
    if all(char in _CJK_DIGITS for char in numeral):
        return _canonical("".join(str(_CJK_DIGITS[char]) for char in numeral))
    total = section = digit = 0
    for char in numeral:
        if char in _CJK_DIGITS:
            digit = _CJK_DIGITS[char]
        elif char in _CJK_UNITS:
            section += (digit or 1) * _CJK_UNITS[char]
            digit = 0
        elif _CJK_MYRIADS[char] == 10**4:
            total += (section + digit or 1) * 10**4
            section = digit = 0
        else:  # 亿 multiplies everything before it: 三万亿 is 3 × 10**12
            total = (total + section + digit or 1) * 10**8
            section = digit = 0
    return str(total + section + digit)


def _roman_value(numeral: str) -> str | None:
    """The value of a well-formed Roman numeral (IV 4, XII 12) or sign (Ⅳ 4)."""
    if not numeral.isascii():
        return str(int(unicodedata.numeric(numeral[0])))
    if not _ROMAN_FORM.fullmatch(numeral):
        return None
    values = [_ROMAN_VALUES[char] for char in numeral]
    following = [*values[1:], 0]
    return str(sum(-v if v < after else v for v, after in zip(values, following, strict=True)))


def _is_article(text: str, match: re.Match[str]) -> bool:
    """A sentence-opening "I" before a lowercase word: a word, not the number 1."""
    if match.group() != "I" or not _LOWERCASE_WORD.match(text, match.end()):
        return False
    before = text[: match.start()].rstrip(_BEFORE_SENTENCE)
    return not before or before[-1] in ".!?:;"


def _translation_numbers(text: str) -> tuple[list[tuple[Reading, ...]], list[Reading]]:
    """A translation's strong numbers, each with its readings, and its weak ones.

    A weak number comes with alternatives: 八成 ("eight tenths") may be 80 percent,
    or 8 of something.
    """
    strong: list[tuple[int, tuple[Reading, ...]]] = []
    weak: list[Reading] = []
    for match in _DIGIT_TOKEN.finditer(text):
        readings = _digit_readings(match[1])
        if match[2]:
            power = sum(_TIMES_POWER[char] for char in match[2])
            scaled = [(_times_ten_to(r[0], power),) for r in readings if len(r) == 1]
            readings = tuple(dict.fromkeys([*scaled, *readings]))
        strong.append((match.start(), readings))
    if not text.isascii():
        for match in _CJK_TOKEN.finditer(text):
            start, numeral = match.start(), match.group().removesuffix("成")
            if text.startswith(_PERCENT, start):
                continue  # the 百 of 百分之
            value = _cjk_value(numeral)
            if text.endswith(_PERCENT, 0, start):
                strong.append((start, ((value,),)))
            else:
                weak.append((_times_ten_to(value, 1), value) if match[1] else (value,))
    for match in _ROMAN_TOKEN.finditer(text):
        roman = _roman_value(match.group())
        if roman is not None and not _is_article(text, match):
            weak.append((roman,))
    return [readings for _, readings in sorted(strong)], weak


def _fits(reading: Reading, *pools: Counter[str]) -> bool:
    """Whether every value of a reading is still available, counting repeats."""
    return all(
        sum(pool[value] for pool in pools) >= count for value, count in Counter(reading).items()
    )


def _take(values: Reading, *pools: Counter[str]) -> list[str]:
    """Match values against the source's numbers; return those the source lacks."""
    unknown = []
    for value in values:
        pool = next((pool for pool in pools if pool[value] > 0), None)
        if pool is None:
            unknown.append(value)
        else:
            pool[value] -= 1
    return unknown


def number_problem(source: str, translated: str) -> str | None:
    """Why a translation's numbers differ from its English source; None when they agree.

    Numbers are compared as a multiset: "stages 1 to 3 ... 1 percent" needs 1 twice.
    An empty translation has no problem: the page shows the English.
    """
    if not translated:
        return None
    numbers, prose = _english(source)
    if not numbers and not _DIGIT.search(translated) and _PERCENT not in translated:
        return None
    required = Counter(numbers)
    strong, weak = _translation_numbers(_prose(translated))

    # Strong numbers first, the unambiguous ones before those with several readings.
    unknown: list[str] = []
    for readings in sorted(strong, key=len):
        chosen = next((r for r in readings if _fits(r, required)), readings[0])
        unknown += _take(chosen, required)
    if unknown:
        # Digits for English words: "2 tipos" for "two kinds". (A token whose reading
        # was chosen before the words were read keeps that reading.)
        unknown = _take(tuple(unknown), _english_words(prose))
    for alternatives in weak:
        value = next((v for v in alternatives if required[v] > 0), None)
        if value is not None:
            required[value] -= 1

    missing = list(required.elements())
    if not missing and not unknown:
        return None
    parts = [f"missing [{', '.join(missing)}]"] if missing else []
    if unknown:
        parts.append(f"unknown [{', '.join(unknown)}]")
    return "numbers differ from the English: " + ", ".join(parts)
