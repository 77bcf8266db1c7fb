"""Every page of every language has one h1 and never skips a heading level, so a
screen reader's list of headings is the page's outline."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from html.parser import HTMLParser

import pytest
from starlette.testclient import TestClient

from tests.conftest import every_path
from tests.test_routes import TAGS


class Headings(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.levels: list[int] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self.levels.append(int(tag[1]))


def outline(html: str) -> list[int]:
    parser = Headings()
    parser.feed(html)
    return parser.levels


@pytest.mark.parametrize("tag", TAGS)
def test_one_h1_and_no_skipped_levels_on_every_page(
    make_module_client: Callable[..., TestClient], tag: str
) -> None:
    client = make_module_client()
    for path in every_path(tag):
        levels = outline(client.get(path).text)
        assert levels.count(1) == 1 and levels[0] == 1, (path, levels)
        for before, after in itertools.pairwise(levels):
            assert after <= before + 1, (path, levels)


def test_the_outline_check_notices_a_skipped_level() -> None:
    assert outline("<h1>a</h1><h3>b</h3>") == [1, 3]
