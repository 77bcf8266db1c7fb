"""Which pages a browser check visits when every page of every language would take
too long: every page in the three layouts that differ most (left to right, right to
left, Chinese without spaces between words), and a few pages of each other language,
turned by the language's place in the list so that, together, the other languages
show every page.

Whatever can be read from the HTML is checked on every page of every language without
a browser (tests/test_page_structure.py, test_headings.py, test_routes.py,
test_isolation.py and others): what a translation can change there (`lang`, names of
links and buttons, ids and references) is covered in full. A browser adds what only
layout and colour show, and those come from the same templates and stylesheet in
every language but the three layouts above.
"""

from __future__ import annotations

from tests.conftest import every_path
from tests.test_routes import TAGS

EVERY_PAGE = ("en", "ar", "zh-Hans")


def sampled_paths(
    tag: str, count: int = 2, offset: int = 0, every_page: tuple[str, ...] = EVERY_PAGE
) -> list[str]:
    """The pages of `tag` a sampled browser check visits: all of them in `every_page`,
    otherwise `count` pages spread over the list, starting at a page turned by the
    language's place (and `offset`, for a second check to visit other pages)."""
    paths = every_path(tag)
    if tag in every_page:
        return paths
    others = [other for other in TAGS if other not in every_page]
    start = (others.index(tag) * count + offset) if tag in others else offset
    step = max(1, len(paths) // count)
    return list(dict.fromkeys(paths[(start + step * n) % len(paths)] for n in range(count)))
