"""The number check: a translation keeps every number a family relies on.

Real catalog messages are changed the way a slip of the keyboard would change them
(80 to 8, stage 3 to 2), and correct translations that write numbers their own way
(٨٠, 百分之八十, стадии I–IV, 12 000) must pass.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from pwa.i18n.numbers import number_problem
from pwa.settings import PROJECT_ROOT

LOCALES = PROJECT_ROOT / "locales"
CATALOGS = sorted(LOCALES.glob("*/LC_MESSAGES/messages.po"))
DIFFER = "numbers differ from the English: "


def committed(gettext_id: str, fragment: str) -> tuple[str, str]:
    """The English and the committed translation of the one message containing fragment."""
    with (LOCALES / gettext_id / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle, locale=gettext_id)
    (message,) = (m for m in catalog if isinstance(m.id, str) and fragment in m.id)
    assert message.string, f"{gettext_id} has no translation for {message.id!r}"
    return message.id, str(message.string)


def changed(text: str, old: str, new: str) -> str:
    """text with old replaced once; old must be there, or the test would prove nothing."""
    assert text.count(old) == 1, f"{old!r} is not in {text!r} exactly once"
    return text.replace(old, new)


# --- (a) every committed translation ---------------------------------------------


def test_there_are_catalogs_to_check() -> None:
    assert {"ar", "es", "ru", "zh_Hans"} <= {po.parts[-3] for po in CATALOGS}


@pytest.mark.parametrize("po", CATALOGS, ids=lambda po: po.parts[-3])
def test_every_committed_translation_keeps_its_numbers(po: Path) -> None:
    gettext_id = po.parts[-3]
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=gettext_id)
    problems, with_numbers = [], 0
    for message in catalog:
        if not message.id:
            continue
        if message.pluralizable:  # each form against the plural; %(count)s is free
            source, forms = str(message.id[1]), [str(form) for form in message.string]
        else:
            source, forms = str(message.id), [str(message.string)]
        with_numbers += any(char.isdigit() for char in source)
        for form in filter(None, forms):
            problem = number_problem(source, form)
            if problem:
                problems.append(
                    f"{po.relative_to(PROJECT_ROOT)}:{message.lineno}: {problem}\n"
                    f"    en: {source}\n    {gettext_id}: {form}"
                )
    assert with_numbers >= 5, "the check compared almost nothing: where did the numbers go?"
    assert not problems, "\n".join(problems)


# --- (b) what must be reported ----------------------------------------------------


def test_eighty_percent_becoming_eight_in_the_real_spanish() -> None:
    english, spanish = committed("es", "80 percent or more")
    assert number_problem(english, spanish) is None
    wrong = changed(spanish, "el 80 por ciento", "el 8 por ciento")
    assert number_problem(english, wrong) == DIFFER + "missing [80], unknown [8]"


def test_a_stage_number_changed() -> None:
    english, spanish = committed("es", "In stages 1 to 3")
    wrong = changed(spanish, "estadios 1 a 3", "estadios 1 a 2")
    assert number_problem(english, wrong) == DIFFER + "missing [3], unknown [2]"


def test_a_number_added() -> None:
    english, spanish = committed("es", "20 to 30 children")
    wrong = changed(spanish, "cada año", "cada 2 años")
    assert number_problem(english, wrong) == DIFFER + "unknown [2]"
    assert number_problem("Ask the team.", "Pregunte al equipo 3 veces.") == (
        DIFFER + "unknown [3]"
    )


def test_a_number_dropped() -> None:
    english, spanish = committed("es", "less than 1 percent")
    wrong = changed(spanish, "alrededor del 3 por ciento", "alrededor del por ciento")
    assert number_problem(english, wrong) == DIFFER + "missing [3]"


def test_numbers_are_a_multiset_a_repeated_number_must_stay_repeated() -> None:
    english, spanish = committed("es", "In stages 1 to 3")  # 1 to 4, 1 to 3, stage 4
    wrong = changed(spanish, "El estadio 4", "El estadio")
    assert number_problem(english, wrong) == DIFFER + "missing [4]"


def test_twenty_to_three_hundred_is_not_twenty_to_thirty() -> None:
    # translate-toolkit counts "30" as a substring and misses this one.
    english, spanish = committed("es", "20 to 30 children")
    wrong = changed(spanish, "20 a 30", "20 a 300")
    assert number_problem(english, wrong) == DIFFER + "missing [30], unknown [300]"


def test_changed_numbers_in_other_scripts_are_reported() -> None:
    english, chinese = committed("zh_Hans", "80 percent or more")
    wrong = changed(chinese, "百分之八十", "百分之八")
    assert number_problem(english, wrong) == DIFFER + "missing [80], unknown [8]"
    english, russian = committed("ru", "In stages 1 to 3")
    assert number_problem(english, changed(russian, "I–III", "I–II")) == DIFFER + "missing [3]"
    assert number_problem("80 percent", "٨ بالمئة") == DIFFER + "missing [80], unknown [8]"


@pytest.mark.parametrize("year", ["19.65", "196.5", "19 65", "1956"])
def test_a_year_must_stay_the_year(year: str) -> None:
    assert number_problem("Reported since 1965.", f"Signalés depuis {year}.") is not None


def test_an_italian_article_is_not_stage_one() -> None:
    assert number_problem("Stage 1 is local.", "I tumori sono locali.") == DIFFER + "missing [1]"
    assert number_problem("Stage 1 is local.", "Lo stadio I è locale.") is None


# --- (c) what must pass -----------------------------------------------------------


def test_arabic_indic_digits_in_the_real_arabic() -> None:
    english, arabic = committed("ar", "80 percent or more")
    assert number_problem(english, changed(arabic, "80", "٨٠")) is None
    english, arabic = committed("ar", "90 cases")
    assert number_problem(english, changed(changed(arabic, "90", "٩٠"), "1965", "١٩٦٥")) is None


@pytest.mark.parametrize(
    "translated",
    [
        "۸۰ درصد یا بیشتر",  # Persian (Extended Arabic-Indic)
        "८० प्रतिशत या अधिक",  # Hindi (Devanagari)
        "৮০ শতাংশ বা তার বেশি",  # Bengali
        "٨٠٪ أو أكثر",  # Arabic-Indic with the Arabic percent sign
        "８０％以上",  # Japanese full-width digits
        "百分之八十或更多",  # Chinese, spelled out
        "80%以上",
    ],
)
def test_eighty_percent_in_any_script(translated: str) -> None:
    assert number_problem("80 percent or more", translated) is None


def test_chinese_numerals() -> None:
    english, chinese = committed("zh_Hans", "20 to 30 children")
    assert number_problem(english, changed(chinese, "20到30", "二十到三十")) is None
    english, chinese = committed("zh_Hans", "7 to 11 percent")  # 百分之七到百分之十一
    assert number_problem(english, chinese) is None
    assert number_problem("7 to 11 percent", "百分之七至十一") is None
    assert number_problem("reported since 1965", "自一九六五年以来") is None
    assert number_problem("15 children", "十五名儿童") is None
    assert number_problem("30,000 people", "3万人") is None


def test_japanese_year() -> None:
    english = "This kind is extremely rare. Our source counts only 90 cases reported since 1965."
    japanese = (
        "この種類は非常にまれです。私たちの資料では、1965年以降に報告されたのは90例だけです。"
    )
    assert number_problem(english, japanese) is None


def test_roman_stages_for_one_to_four() -> None:
    english, russian = committed("ru", "In stages 1 to 3")
    assert "I–III" in russian and number_problem(english, russian) is None
    assert number_problem("stages 1 to 4", "стадии I–IV") is None
    assert (
        number_problem("Stage 4 means it has spread.", "IV стадия: опухоль распространилась.")
        is None
    )


@pytest.mark.parametrize(
    ("english", "translated"),
    [
        ("about 12,000 children", "environ 12\u202f000 enfants"),  # narrow no-break space
        ("about 12,000 children", "environ 12 000 enfants"),
        ("about 12,000 children", "etwa 12.000 Kinder"),
        ("about 12,000 children", "etwa 12'000 Kinder"),
        ("about 12,000 children", "حوالي ١٢٬٠٠٠ طفل"),
        ("about 120,000 children", "लगभग 1,20,000 बच्चे"),  # Indian grouping
        ("about 2.5 centimeters", "environ 2,5 centimètres"),
        ("about 1,234.5 grams", "etwa 1.234,5 Gramm"),
        ("about 2.5 centimeters", "حوالي ٢٫٥ سنتيمتر"),
        ("since 1965", "desde 1965"),
    ],
)
def test_grouping_and_decimal_separators(english: str, translated: str) -> None:
    assert number_problem(english, translated) is None


@pytest.mark.parametrize(
    "translated",
    [
        "Pediré una radiografía y una vía intravenosa.",
        "Pediré unos rayos X y una vía IV.",
        "Je demanderai une radio et une perfusion.",
        "我会要求拍一张X光片，再打一个静脉输液。",
    ],
)
def test_x_ray_iv_and_i_are_not_numbers(translated: str) -> None:
    assert number_problem("I will ask for an X-ray and an IV line.", translated) is None


def test_placeholders_tags_and_urls_are_not_the_readers_numbers() -> None:
    english = 'See <a href="%(g)s#stage-4">the 3 steps</a> at https://example.org/v2.'
    translated = 'Vea <a href="%(g)s#estadio">los 3 pasos</a> en https://example.org/es/.'
    assert number_problem(english, translated) is None
    assert number_problem("%(num2)s words, 80 percent", "%(num2)s mots, 80\xa0%%") is None
    assert number_problem("%(count)s words", "%(count)s mots") is None


def test_english_number_words_may_become_digits() -> None:
    assert number_problem("two more kinds of medicine", "2 tipos más de medicamentos") is None
    assert number_problem("two more kinds of medicine", "dos tipos más") is None
    assert number_problem("twenty-five children", "25 niños") is None


def test_spelled_out_chinese_in_ordinary_prose_is_not_an_added_number() -> None:
    assert number_problem("It is one tumor in one place.", "只有一个肿瘤，长在一个地方。") is None
    assert number_problem("This is very important.", "这十分重要。") is None


def test_an_untranslated_message_has_no_problem() -> None:
    assert number_problem("80 percent", "") is None
