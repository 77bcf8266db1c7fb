"""The browser scripts, one per feature (static/js/), and which pages load them.

Each feature is a file of its own, wrapped in a function of its own, sharing only
`Guide` from common.js: one the browser cannot run stops only itself (a browser
proves it in tests/browser/test_scripts.py). Each page loads common.js first, then
exactly the features whose DOM hooks it has, no more and no fewer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from pwa.settings import PROJECT_ROOT
from tests.conftest import every_path
from tests.test_routes import TAGS

SCRIPTS = PROJECT_ROOT / "static" / "js"
COMMON = "common.js"
NAMESPACE = "Guide"
SCRIPT_URL = re.compile(r"^/static/js/([a-z-]+)\.[0-9a-f]{12}\.js$")


@dataclass(frozen=True)
class Hook:
    """An element a feature's script looks for: one with `attribute` (whose value
    contains `contains`), of `tag` if given, inside <main> if `in_main`."""

    attribute: str
    tag: str | None = None
    contains: str = ""
    in_main: bool = False


# What on a page needs each feature, as its script finds it.
HOOKS: dict[str, tuple[Hook, ...]] = {
    "language.js": (
        Hook("data-language", tag="a"),  # remembered when the reader picks it
        Hook("data-choose-language"),  # the static export's "/"
        Hook("data-language-list"),  # the languages page (`?page=`)
    ),
    "reading-tools.js": (
        Hook("data-reading-tools"),
        # The reader's text size and colours hold on every page of the guide (every
        # page with its status line), tools or not.
        Hook("data-offline"),
    ),
    "glossary.js": (
        Hook("href", tag="a", contains="/glossary/#", in_main=True),
        Hook("data-whole-guide"),  # the pages put together there keep their links
    ),
    "search.js": (Hook("data-search", tag="form"),),
    "questions.js": (Hook("data-my-questions"),),
    "print.js": (Hook("data-whole-guide"),),
    "install.js": (Hook("data-install"), Hook("data-ios-install")),
    "back-to-language.js": (Hook("data-back-to-language"),),
    "offline.js": (
        Hook("data-offline"),
        Hook("data-update"),
        Hook("data-save-language"),
        Hook("data-saved-language"),
    ),
}


class PageScripts(HTMLParser):
    """The scripts a page loads, in order, and the feature hooks it has."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []
        self.elements: list[tuple[str, dict[str, str | None], bool]] = []
        self.main_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script":
            self.scripts.append(values)
        if tag == "main":
            self.main_depth += 1
        self.elements.append((tag, values, self.main_depth > 0))

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self.main_depth -= 1

    def has(self, hook: Hook) -> bool:
        return any(
            hook.attribute in values
            and hook.contains in (values[hook.attribute] or "")
            and hook.tag in (None, tag)
            and (inside or not hook.in_main)
            for tag, values, inside in self.elements
        )


def parse(html: str) -> PageScripts:
    parser = PageScripts()
    parser.feed(html)
    return parser


def script_name(url: str | None) -> str:
    match = SCRIPT_URL.match(url or "")
    assert match, f"not a hashed script of static/js/: {url}"
    return match.group(1) + ".js"


def sources() -> list[Path]:
    return sorted(SCRIPTS.glob("*.js"))


def test_each_feature_has_its_file_and_its_hooks() -> None:
    assert {path.name for path in sources()} == {COMMON, *HOOKS}


@pytest.mark.parametrize("path", sources(), ids=lambda path: path.name)
def test_each_script_is_one_function_of_its_own_sharing_only_the_namespace(path: Path) -> None:
    """Nothing at the top level but "use strict" (so that a variable never declared is
    an error, not a global) and one function called at once; comments aside."""
    text = path.read_text("utf-8")
    top_level = [
        line
        for line in text.splitlines()
        if line and not line[0].isspace() and not line.startswith("//")
    ]
    if path.name == COMMON:
        assert top_level == ['"use strict";', "(function () {", "})();"]
        # The one global, defined once and only here.
        assert re.findall(r"window\.(\w+)\s*=[^=]", text) == [NAMESPACE]
        return
    assert top_level in (
        ['"use strict";', f"(function ({NAMESPACE}) {{", f"}})(window.{NAMESPACE});"],
        ['"use strict";', "(function () {", "})();"],  # a feature that needs no helper
    ), top_level
    # No global of its own, and the namespace is common.js's to define, not theirs.
    assert not re.search(r"\b(?:window|self|globalThis)\.\w+\s*=[^=]", text), path.name
    assert not re.search(rf"\b{NAMESPACE}\.\w+\s*=[^=]", text), path.name
    if NAMESPACE in text:
        # Without common.js (a 404, say) the feature stays off, as with no script.
        assert f"if (!{NAMESPACE}) return;" in text
    # Features talk to each other only through events common.js documents.
    common = (SCRIPTS / COMMON).read_text("utf-8")
    for event in re.findall(r"""["'](guide:[\w-]+)["']""", text):
        assert f'"{event}"' in common, (path.name, event)


def exported_pages(exported: Path) -> dict[str, str]:
    pages = {
        path.relative_to(exported).as_posix(): path.read_text("utf-8")
        for path in sorted(exported.rglob("*.html"))
    }
    assert "index.html" in pages  # the root page that chooses the language
    assert len(pages) > 9 * 15
    return pages


def test_each_page_loads_common_js_first_then_exactly_the_features_it_has_hooks_for(
    exported: Path,
) -> None:
    loaded_anywhere = set()
    for name, html in exported_pages(exported).items():
        page = parse(html)
        loaded = [script_name(script.get("src")) for script in page.scripts]
        # Deferred, so they run in this order once the page is read.
        assert all("defer" in script for script in page.scripts), name
        assert loaded[0] == COMMON, (name, loaded)
        assert len(loaded) == len(set(loaded)), (name, loaded)
        needed = {feature for feature, hooks in HOOKS.items() if any(map(page.has, hooks))}
        assert set(loaded[1:]) == needed, name
        loaded_anywhere.update(loaded)
        # Each is a file of the export, as the budgets in tests/test_export.py count it.
        for script in page.scripts:
            assert (exported / str(script["src"]).lstrip("/")).is_file(), (name, script)
    assert loaded_anywhere == {path.name for path in sources()}


@pytest.mark.parametrize("tag", TAGS)
def test_every_script_a_served_page_loads_is_served(client: TestClient, tag: str) -> None:
    checked: set[str] = set()
    for path in every_path(tag):
        response = client.get(path)
        assert response.status_code in (200, 404), path
        urls = [str(script.get("src")) for script in parse(response.text).scripts]
        assert urls and script_name(urls[0]) == COMMON, path
        for url in set(urls) - checked:
            assert (SCRIPTS / script_name(url)).is_file(), url
            assert client.get(url).status_code == 200, url
            checked.add(url)
