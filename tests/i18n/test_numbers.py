"""The number check: a translation keeps every number a family relies on.

Every translation in the catalogs must keep its numbers. Real catalog messages (as
translated when these tests were written, kept here so that a translator's later
rewording never fails them) are changed the way a slip of the keyboard would change
them (80 to 8, stage 3 to 2), and correct translations that write numbers their own
way (٨٠, 百分之八十, стадии I–IV, 12 000) must pass.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from pwa.i18n.numbers import number_problem
from tests.conftest import LOCALES

CATALOGS = sorted(LOCALES.glob("*/LC_MESSAGES/messages.po"))
DIFFER = "numbers differ from the English: "

# Messages as the catalogs translated them on 2026-11-29: the rule is tested on these
# real sentences, which stay put when a translator later rewords the catalog.
EXAMPLES: dict[tuple[str, str], tuple[str, str]] = {
    ("es", "80 percent or more"): (
        (
            'Doctors have studied <a href="%(g)s#soft-tissue">soft '
            'tissue</a> <a href="%(g)s#sarcoma">sarcomas</a>, the larger '
            "group that leiomyosarcoma belongs to. When such a <a "
            'href="%(g)s#tumor">tumor</a> is <a '
            'href="%(g)s#remove">removed</a> completely, 80 percent or more '
            "of patients survive. The source does not say over how many "
            "years."
        ),
        (
            "Los médicos han estudiado los <a "
            'href="%(g)s#sarcoma">sarcomas</a> de <a '
            'href="%(g)s#soft-tissue">tejidos blandos</a>, el grupo más '
            "amplio al que pertenece el leiomiosarcoma. Cuando un <a "
            'href="%(g)s#tumor">tumor</a> de este tipo se <a '
            'href="%(g)s#remove">extirpa</a> por completo, sobrevive el 80 '
            "por ciento o más de los pacientes. La fuente no dice a lo largo "
            "de cuántos años."
        ),
    ),
    ("es", "In stages 1 to 3"): (
        (
            "A website about leiomyosarcoma in adults, which does not say "
            "who wrote it, describes stages from 1 to 4. In stages 1 to 3, "
            "the cancer is local: it is one tumor in one place. Stage 4 "
            "means it has spread to other parts of the body. Ask the team "
            "how they stage your child's tumor."
        ),
        (
            "Un sitio web sobre el leiomiosarcoma en adultos, que no dice "
            "quién lo escribió, describe estadios del 1 al 4. En los "
            "estadios 1 a 3, el cáncer es local: es un solo tumor en un solo "
            "lugar. El estadio 4 significa que se ha diseminado a otras "
            "partes del cuerpo. Pregunte al equipo cómo determinan el "
            "estadio del tumor de su hijo."
        ),
    ),
    ("es", "20 to 30 children"): (
        ("In the United States, only about 20 to 30 children are diagnosed with it each year."),
        ("En los Estados Unidos, solo unos 20 a 30 niños reciben este diagnóstico cada año."),
    ),
    ("es", "less than 1 percent"): (
        (
            "Soft tissue sarcomas as a group make up less than 1 percent of "
            "all new cancers. In children, they make up about 3 percent of "
            'all <a href="%(g)s#tumor">tumors</a>. These numbers leave out '
            "rhabdomyosarcoma, another soft tissue sarcoma that is a little "
            "more common."
        ),
        (
            "Los sarcomas de tejidos blandos, en conjunto, son menos del 1 "
            "por ciento de todos los cánceres nuevos. En los niños, son "
            "alrededor del 3 por ciento de todos los <a "
            'href="%(g)s#tumor">tumores</a>. Estas cifras no incluyen el '
            "rabdomiosarcoma, otro sarcoma de tejidos blandos que es un poco "
            "más común."
        ),
    ),
    ("zh_Hans", "80 percent or more"): (
        (
            'Doctors have studied <a href="%(g)s#soft-tissue">soft '
            'tissue</a> <a href="%(g)s#sarcoma">sarcomas</a>, the larger '
            "group that leiomyosarcoma belongs to. When such a <a "
            'href="%(g)s#tumor">tumor</a> is <a '
            'href="%(g)s#remove">removed</a> completely, 80 percent or more '
            "of patients survive. The source does not say over how many "
            "years."
        ),
        (
            '医生们研究过<a href="%(g)s#soft-tissue">软组织</a><a href="%(g)s'
            '#sarcoma">肉瘤</a>，也就是平滑肌肉瘤所属的那一大类癌症。这类<a '
            'href="%(g)s#tumor">肿瘤</a>如果被完全<a href="%(g)s#remove">切除'
            "</a>，百分之八十或更多的患者能够存活。这份资料没有说明这指的是多"
            "少年内的存活情况。"
        ),
    ),
    ("zh_Hans", "20 to 30 children"): (
        ("In the United States, only about 20 to 30 children are diagnosed with it each year."),
        "在美国，每年只有大约20到30名儿童被诊断出患有这种病。",
    ),
    ("zh_Hans", "7 to 11 percent"): (
        (
            "Leiomyosarcoma makes up 7 to 11 percent of soft tissue "
            "sarcomas, counting adults and children together."
        ),
        ("把成人和儿童合在一起计算，平滑肌肉瘤占软组织肉瘤的百分之七到百分之十一。"),
    ),
    ("ru", "In stages 1 to 3"): (
        (
            "A website about leiomyosarcoma in adults, which does not say "
            "who wrote it, describes stages from 1 to 4. In stages 1 to 3, "
            "the cancer is local: it is one tumor in one place. Stage 4 "
            "means it has spread to other parts of the body. Ask the team "
            "how they stage your child's tumor."
        ),
        (
            "Один сайт о лейомиосаркоме у взрослых, авторы которого не "
            "указаны, описывает стадии от I до IV. На стадиях I–III болезнь "
            "местная: это одна опухоль в одном месте. Стадия IV означает, "
            "что опухоль распространилась в другие части тела. Спросите "
            "врачей, как они определяют стадию опухоли у вашего ребёнка."
        ),
    ),
    ("ar", "80 percent or more"): (
        (
            'Doctors have studied <a href="%(g)s#soft-tissue">soft '
            'tissue</a> <a href="%(g)s#sarcoma">sarcomas</a>, the larger '
            "group that leiomyosarcoma belongs to. When such a <a "
            'href="%(g)s#tumor">tumor</a> is <a '
            'href="%(g)s#remove">removed</a> completely, 80 percent or more '
            "of patients survive. The source does not say over how many "
            "years."
        ),
        (
            'درس الأطباء أورام <a href="%(g)s#sarcoma">ساركوما</a> <a '
            'href="%(g)s#soft-tissue">الأنسجة الرخوة</a>، وهي المجموعة '
            "الأكبر التي تنتمي إليها الساركوما العضلية الملساء. وعندما <a "
            'href="%(g)s#remove">يُستأصل</a> <a href="%(g)s#tumor">ورم</a> '
            "من هذا النوع بالكامل، يبقى على قيد الحياة 80 في المئة من المرضى "
            "أو أكثر. ولا يذكر المصدر عدد السنوات التي تُحسب عليها هذه "
            "النسبة."
        ),
    ),
    ("ar", "90 cases"): (
        ("This kind is extremely rare. Our source counts only 90 cases reported since 1965."),
        ("هذا النوع نادر للغاية. ولا يذكر مصدرنا سوى 90 حالة سُجّلت منذ عام 1965."),
    ),
}


def example(gettext_id: str, fragment: str) -> tuple[str, str]:
    """The English and the translation of the example message containing fragment."""
    english, translation = EXAMPLES[gettext_id, fragment]
    assert fragment in english
    return english, translation


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
                    f"{po.relative_to(LOCALES.parent)}:{message.lineno}: {problem}\n"
                    f"    en: {source}\n    {gettext_id}: {form}"
                )
    assert with_numbers >= 5, "the check compared almost nothing: where did the numbers go?"
    assert not problems, "\n".join(problems)


# --- (b) what must be reported ----------------------------------------------------


def test_eighty_percent_becoming_eight_in_the_real_spanish() -> None:
    english, spanish = example("es", "80 percent or more")
    assert number_problem(english, spanish) is None
    wrong = changed(spanish, "el 80 por ciento", "el 8 por ciento")
    assert number_problem(english, wrong) == DIFFER + "missing [80], unknown [8]"


def test_a_stage_number_changed() -> None:
    english, spanish = example("es", "In stages 1 to 3")
    wrong = changed(spanish, "estadios 1 a 3", "estadios 1 a 2")
    assert number_problem(english, wrong) == DIFFER + "missing [3], unknown [2]"


def test_a_number_added() -> None:
    english, spanish = example("es", "20 to 30 children")
    wrong = changed(spanish, "cada año", "cada 2 años")
    assert number_problem(english, wrong) == DIFFER + "unknown [2]"
    assert number_problem("Ask the team.", "Pregunte al equipo 3 veces.") == (
        DIFFER + "unknown [3]"
    )


def test_a_number_dropped() -> None:
    english, spanish = example("es", "less than 1 percent")
    wrong = changed(spanish, "alrededor del 3 por ciento", "alrededor del por ciento")
    assert number_problem(english, wrong) == DIFFER + "missing [3]"


def test_numbers_are_a_multiset_a_repeated_number_must_stay_repeated() -> None:
    english, spanish = example("es", "In stages 1 to 3")  # 1 to 4, 1 to 3, stage 4
    wrong = changed(spanish, "El estadio 4", "El estadio")
    assert number_problem(english, wrong) == DIFFER + "missing [4]"


def test_twenty_to_three_hundred_is_not_twenty_to_thirty() -> None:
    # translate-toolkit counts "30" as a substring and misses this one.
    english, spanish = example("es", "20 to 30 children")
    wrong = changed(spanish, "20 a 30", "20 a 300")
    assert number_problem(english, wrong) == DIFFER + "missing [30], unknown [300]"


def test_changed_numbers_in_other_scripts_are_reported() -> None:
    english, chinese = example("zh_Hans", "80 percent or more")
    wrong = changed(chinese, "百分之八十", "百分之八")
    assert number_problem(english, wrong) == DIFFER + "missing [80], unknown [8]"
    english, russian = example("ru", "In stages 1 to 3")
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
    english, arabic = example("ar", "80 percent or more")
    assert number_problem(english, changed(arabic, "80", "٨٠")) is None
    english, arabic = example("ar", "90 cases")
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
    english, chinese = example("zh_Hans", "20 to 30 children")
    assert number_problem(english, changed(chinese, "20到30", "二十到三十")) is None
    english, chinese = example("zh_Hans", "7 to 11 percent")  # 百分之七到百分之十一
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
    english, russian = example("ru", "In stages 1 to 3")
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
