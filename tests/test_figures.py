"""The pictures (templates/figures/): where each one is, that every word in it is a
translated message and nothing but shapes is drawn, and its 4 KB budget.

How they look, reflow and mirror in a real browser: tests/browser/test_figures.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser

import brotli
import pytest
from babel.messages.pofile import read_po
from starlette.testclient import TestClient

from pwa.settings import PROJECT_ROOT
from tests.conftest import TEMPLATE
from tests.test_routes import TAGS

KB = 1024
FIGURE_BUDGET = 4 * KB
STYLESHEET = PROJECT_ROOT / "static" / "css" / "guide.css"

# Each page with pictures, and its pictures (their class names) in reading order.
FIGURES: dict[str, tuple[str, ...]] = {
    "": ("path",),
    "what-is-leiomyosarcoma": ("where",),
    "diagnosis": ("grade", "stage"),
    "treatment": ("margin",),
}
FIGURE = re.compile(r'<figure class="diagram (\w+)".*?</figure>', re.S)


def page_path(slug: str, tag: str) -> str:
    return f"/{tag}/{slug}/" if slug else f"/{tag}/"


def figures(html: str) -> dict[str, str]:
    return {match.group(1): match.group(0) for match in FIGURE.finditer(html)}


def pictures_css() -> str:
    """The stylesheet's section for the pictures, from its heading comment to its end."""
    css = STYLESHEET.read_text("utf-8")
    start = css.index("/* Pictures (templates/figures/)")
    end = css.index("/* End of pictures */")
    return css[start:end]


class Figure(HTMLParser):
    """A figure's structure: its caption's id, its labels' text, and its drawings."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attributes: dict[str, str | None] = {}
        self.caption_id: str | None = None
        self.svgs: list[dict[str, str | None]] = []
        self.svg_children: set[str] = set()
        self.texts: list[str] = []
        self._svg_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "figure":
            self.attributes = values
        elif tag == "figcaption":
            self.caption_id = values.get("id")
        elif tag == "svg":
            self.svgs.append(values)
            self._svg_depth += 1
        elif self._svg_depth:
            self.svg_children.add(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self._svg_depth -= 1

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.texts.append(" ".join(data.split()))


def parse(html: str) -> Figure:
    parser = Figure()
    parser.feed(html)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def site(make_module_client: Callable[..., TestClient]) -> TestClient:
    return make_module_client()


@pytest.mark.parametrize("tag", TAGS)
def test_each_picture_is_a_figure_named_by_its_caption_with_only_shapes_drawn(
    site: TestClient, tag: str
) -> None:
    for slug, names in FIGURES.items():
        found = figures(site.get(page_path(slug, tag)).text)
        assert tuple(found) == names, page_path(slug, tag)
        for name, html in found.items():
            figure = parse(html)
            assert figure.caption_id and figure.attributes["aria-labelledby"] == figure.caption_id
            assert figure.svgs, name
            for svg in figure.svgs:
                # Decorative: the words around them say everything they show.
                assert svg.get("aria-hidden") == "true" and svg.get("focusable") == "false"
            # No words drawn into a picture, and nothing fetched: shapes only.
            assert not figure.svg_children & {"text", "title", "desc", "image", "foreignobject"}
            assert "<img" not in html and "style=" not in html


def test_every_word_in_a_picture_is_a_message_to_translate(site: TestClient) -> None:
    with TEMPLATE.open("rb") as handle:
        msgids = [" ".join(str(message.id).split()) for message in read_po(handle) if message.id]
    for slug in FIGURES:
        for name, html in figures(site.get(page_path(slug, "en")).text).items():
            for text in parse(html).texts:
                assert any(text in msgid for msgid in msgids), (name, text)


@pytest.mark.parametrize("tag", TAGS)
def test_each_picture_with_all_of_the_pictures_css_is_at_most_4_kb(
    site: TestClient, tag: str
) -> None:
    """Counted as a reader downloads it, in brotli, and generously: each picture's HTML
    with the whole of the stylesheet's section for pictures, as if it were alone."""
    css = len(brotli.compress(pictures_css().encode(), quality=11))
    for slug in FIGURES:
        for name, html in figures(site.get(page_path(slug, tag)).text).items():
            size = len(brotli.compress(html.encode(), quality=11)) + css
            assert size <= FIGURE_BUDGET, f"{tag} {name}: {size} bytes"
