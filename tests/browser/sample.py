"""Which pages a browser check visits when every page of every language would take
too long: every page in the three layouts that differ most (left to right, right to
left, Chinese without spaces between words), and a quarter of the pages in each other
language, turned by the language's place in the list so that, together, the other
languages show every page several times.

Whatever can be read from the HTML is checked on every page of every language without
a browser (tests/test_headings.py, test_routes.py, test_isolation.py and others)."""

from __future__ import annotations

from tests.conftest import every_path
from tests.test_routes import TAGS

EVERY_PAGE = ("en", "ar", "zh-Hans")
SHARE = 4


def sampled_paths(tag: str) -> list[str]:
    """The pages of `tag` a sampled browser check visits."""
    paths = every_path(tag)
    if tag in EVERY_PAGE:
        return paths
    turn = TAGS.index(tag)
    return [path for number, path in enumerate(paths) if (number + turn) % SHARE == 0]
