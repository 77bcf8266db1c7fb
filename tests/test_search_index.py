"""The search index is the pages' own text: every page of the language, its title
first, without what is not the page's text (tools, notices, sources, pager)."""

from __future__ import annotations

from collections.abc import Callable
from html.parser import HTMLParser

from starlette.testclient import TestClient

from pwa import search_index
from pwa.i18n.locales import LocaleSet
from pwa.pages import PAGES
from tests.conftest import LOCALES, every_path, translated


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


class _ReferenceText(HTMLParser):
    """html.parser's reading of a page's blocks, which search_index.page_text must
    agree with (it reads the guide's own pages with a regular expression, for speed)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._stack: list[tuple[str, bool]] = []
        self._in_main = False
        self._current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self._in_main = self._in_main or tag == "main"
        classes = set((values.get("class") or "").split())
        skipped = bool(classes & search_index.SKIPPED_CLASSES) or "hidden" in values
        if tag not in {"br", "img", "input", "meta", "link", "hr", "source", "wbr"}:
            self._stack.append((tag, skipped))
        free = not any(skipped for _, skipped in self._stack)
        if self._in_main and tag in search_index.BLOCKS and free and self._current is None:
            self._current = []
            self._stack[-1] = (tag + "*", skipped)

    def handle_endtag(self, tag: str) -> None:
        self._in_main = self._in_main and tag != "main"
        while self._stack:
            open_tag, _ = self._stack.pop()
            if open_tag.rstrip("*") == tag:
                if open_tag.endswith("*") and self._current is not None:
                    text = " ".join("".join(self._current).split())
                    if text:
                        self.blocks.append(text)
                    self._current = None
                break

    def handle_data(self, data: str) -> None:
        if self._current is not None and not any(skipped for _, skipped in self._stack):
            self._current.append(data)


def test_every_page_of_every_language_is_read_as_an_html_parser_reads_it(
    make_module_client: Callable[..., TestClient],
) -> None:
    """The index's reading of a page (a regular expression, fast enough for every
    start) gives exactly html.parser's blocks, on every page the guide serves, and on
    markup a template might add: comments, self-closed SVG, `hidden`, skipped parts."""
    client = make_module_client()
    for tag in LocaleSet.discover(LOCALES).tags:
        for path in every_path(tag):
            html = client.get(path).text
            reference = _ReferenceText()
            reference.feed(html)
            assert search_index.page_text(html) == reference.blocks, path
    sample = (
        '<p>before</p><main><!-- <p>not text</p> --><h1 class="x">Title &amp; more</h1>'
        '<svg><path d="M0 0"/><text>in a picture</text></svg><p hidden>hidden</p>'
        '<p aria-hidden="true">shown</p><div class="pager"><p>Next</p></div>'
        "<ul><li>one<li>two</ul><p>a<br>b</p></main><p>after</p>"
    )
    reference = _ReferenceText()
    reference.feed(sample)
    assert search_index.page_text(sample) == reference.blocks
    assert "Title & more" in reference.blocks and "shown" in reference.blocks
