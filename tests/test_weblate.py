"""weblate/components.json: the settings a clinic network imports into Weblate find
exactly this repository's catalogs, templates and language folders."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po

from pwa.i18n import tools
from pwa.i18n.locales import LocaleSet
from pwa.settings import PROJECT_ROOT

CONFIG = PROJECT_ROOT / "weblate" / "components.json"
LOCALES = PROJECT_ROOT / "locales"


def components() -> dict[str, dict[str, Any]]:
    config = json.loads(CONFIG.read_text(encoding="utf-8"))
    return {component["slug"]: component for component in config["components"]}


def matched(component: dict[str, Any]) -> dict[str, Path]:
    """The files Weblate's file mask finds, by the language code it reads from each."""
    mask = component["filemask"]
    assert mask.count("*") == 1, "Weblate reads the language from the one `*`"
    before, after = mask.split("*")
    return {
        path.relative_to(PROJECT_ROOT).as_posix()[len(before) : -len(after)]: path
        for path in PROJECT_ROOT.glob(mask)
    }


def test_the_pages_component_finds_every_catalog_and_the_template() -> None:
    guide = components()["guide"]
    assert guide["file_format"] == "po" and guide["template"] == ""
    served = {
        locale.gettext_id: locale.catalog_path(LOCALES) for locale in LocaleSet.discover(LOCALES)
    }
    served.pop("en")  # the source language has no catalog
    assert matched(guide) == served
    template = PROJECT_ROOT / guide["new_base"]
    assert template == LOCALES / tools.TEMPLATE_NAME and template.is_file()
    # "posix" style codes are the folder names: pt_BR, zh_Hans.
    assert guide["language_code_style"] == "posix"
    assert {"pt_BR", "zh_Hans"} <= set(matched(guide))


def test_the_glossary_component_finds_every_terms_file_and_its_template() -> None:
    glossary = components()["agreed-terms"]
    assert glossary["is_glossary"] is True and glossary["file_format"] == "po"
    terms = matched(glossary)
    assert terms, "no terms.po matched"
    assert set(terms) <= set(matched(components()["guide"])), "terms for a language with no catalog"
    template = PROJECT_ROOT / glossary["new_base"]
    assert template.is_file()
    with template.open("rb") as handle:
        entries = [message.id for message in read_po(handle) if message.id]
    for path in terms.values():
        with path.open("rb") as handle:
            assert [message.id for message in read_po(handle) if message.id] == entries, path
    # It shares the pages' repository rather than cloning it twice.
    assert glossary["repo"] == "weblate://lms-guide/guide"


@pytest.mark.parametrize("slug", ["guide", "agreed-terms"])
def test_weblate_never_writes_mo_files_nor_drops_messages(slug: str) -> None:
    config = json.loads(CONFIG.read_text(encoding="utf-8"))
    assert "weblate.gettext.mo" in config["addons"]["never"]
    assert "weblate.gettext.mo" not in config["addons"]["install"]
    assert "*.mo" in (PROJECT_ROOT / ".gitignore").read_text().splitlines()
    params = components()[slug]["file_format_params"]
    assert params["po_keep_previous"] is True and params["po_remove_obsolete"] is False
