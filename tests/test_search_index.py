"""The search index is the pages' own text: every page of the language, its title
first, without what is not the page's text (tools, notices, sources, pager)."""

from __future__ import annotations

from collections.abc import Callable

from starlette.testclient import TestClient

from pwa import search_index
from pwa.pages import PAGES
from tests.conftest import translated


def test_the_index_holds_every_page_as_readers_see_it(
    make_module_client: Callable[..., TestClient],
) -> None:
    client = make_module_client()
    index = client.get(search_index.path("ar")).json()
    assert [entry["path"] for entry in index] == [page.path("ar") for page in PAGES]
    treatment = next(entry for entry in index if entry["path"] == "/ar/treatment/")
    assert treatment["title"] == translated("ar", "Treatment")
    text = " ".join(treatment["text"])
    pager = ("link to the previous page", "Previous"), ("link to the next page", "Next")
    for context, absent in ((None, "Sources for this page"), *pager):
        assert translated("ar", absent, context) not in treatment["text"]
    assert "Boston Children" not in text  # the sources' own titles
    assert translated("ar", "Surgery") in treatment["text"]
    # Served like the pages: revalidated, compressed, and saved with the language.
    response = client.get(search_index.path("ar"), headers={"Accept-Encoding": "br"})
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers["content-encoding"] == "br"


def test_pages_are_also_found_by_the_doctors_words(
    make_module_client: Callable[..., TestClient],
) -> None:
    """The English names of the glossary words a page uses, and the illness's name in
    every language the guide serves, as far as the page's own text lacks them."""
    client = make_module_client()

    def also_of(tag: str) -> dict[str, set[str]]:
        index = client.get(search_index.path(tag)).json()
        return {entry["path"]: set(entry.get("also", ())) for entry in index}

    also = also_of("es")
    assert {"biopsy", "CT scan", "MRI", "bone scan"} <= also["/es/diagnosis/"]
    assert "biopsy" not in also["/es/treatment/"]  # a word that page does not use
    names = {"leiomyosarcoma", "лейомиосарком", "平滑肌肉瘤", "الساركوما العضلية الملساء"}
    assert names <= also["/es/what-is-leiomyosarcoma/"]
    assert "leiomiosarcoma" not in also["/es/what-is-leiomyosarcoma/"]  # its own text
    english = also_of("en")
    assert "leiomyosarcoma" not in english["/en/"] and "leiomiosarcoma" in english["/en/"]


def test_the_illness_is_named_as_each_languages_titles_name_it() -> None:
    """What a language's translations of the titles that name the illness share: its
    name, inflected or not, with or without spaces; nothing from titles left in English."""

    def gettext_of(translations: dict[str, str]) -> Callable[[str], str]:
        return lambda message: translations.get(message, f'<span lang="en">{message}</span>')

    russian = {
        "A family guide to leiomyosarcoma": "Справочник для семьи о лейомиосаркоме",
        "What is leiomyosarcoma?": "Что такое лейомиосаркома?",
        "Types of leiomyosarcoma": "Виды лейомиосаркомы",
        "Leiomyosarcoma family guide": "Лейомиосаркома: справочник для семьи",
        "Plain-language help for families of children with leiomyosarcoma, a rare cancer.": (
            "Простая помощь семьям детей с лейомиосаркомой, редким раком."
        ),
    }
    chinese = dict(
        zip(
            russian,
            [
                "写给家庭的平滑肌肉瘤指南",
                "什么是平滑肌肉瘤？",
                "平滑肌肉瘤的类型",
                "平滑肌肉瘤家庭指南",
                "为平滑肌肉瘤（一种罕见癌症）患儿家庭提供的通俗帮助。",
            ],
            strict=True,
        )
    )
    # A translator may add, for search only, a name no title uses (a transliteration).
    arabic = {search_index.OTHER_NAMES: "الساركوما العضلية الملساء, ليوميوساركوما"}
    names = search_index.illness_names(
        [gettext_of(russian), gettext_of(chinese), gettext_of({}), gettext_of(arabic)]
    )
    assert names == [
        "лейомиосарком",
        "平滑肌肉瘤",
        "leiomyosarcoma",
        "الساركوما العضلية الملساء",
        "ليوميوساركوما",
    ]
