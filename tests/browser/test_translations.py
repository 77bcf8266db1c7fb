"""What a reader of a partly translated language sees, in a real browser."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, expect

from tests.conftest import LOCALES
from tests.servers import GuideServer

# A paragraph of the home page, left untranslated in the copy of the catalogs.
UNTRANSLATED = "Who this guide is for"


def without_translation(locales: Path, gettext_id: str, msgid: str) -> None:
    po = locales / gettext_id / "LC_MESSAGES" / "messages.po"
    text = po.read_text("utf-8")
    translated = text.index(f'msgid "{msgid}"\nmsgstr "')
    end = text.index("\n\n", translated)
    po.write_text(text[:translated] + f'msgid "{msgid}"\nmsgstr ""' + text[end:], "utf-8")


@pytest.mark.parametrize(
    ("tag", "gettext_id", "direction"), [("es", "es", None), ("ar", "ar", "ltr")]
)
def test_an_untranslated_heading_is_english_marked_for_screen_readers(
    own_server: GuideServer,
    context: BrowserContext,
    tmp_path: Path,
    tag: str,
    gettext_id: str,
    direction: str | None,
) -> None:
    locales = tmp_path / "locales"
    shutil.copytree(LOCALES, locales, ignore=shutil.ignore_patterns("*.mo"))
    without_translation(locales, gettext_id, UNTRANSLATED)
    own_server.deploy(locales_dir=str(locales))
    page = context.new_page()
    page.goto(f"{own_server.url}/{tag}/")
    english = page.get_by_text(UNTRANSLATED, exact=True)
    expect(english).to_be_visible()
    # The browser itself resolves its language as English (what screen readers use)...
    assert english.evaluate("node => node.closest('[lang]').lang") == "en"
    assert english.evaluate("node => node.matches(':lang(en)')")
    # ...and, on a right-to-left page, lays it out left to right.
    if direction:
        assert english.evaluate("node => getComputedStyle(node).direction") == direction
    # The rest of the page is still in the page's language.
    expect(page.locator("h1")).not_to_have_attribute("lang", "en")
    assert page.locator("h1").evaluate("node => node.matches(':lang(en)')") is False
