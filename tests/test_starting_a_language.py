"""Starting a language as TRANSLATING.md tells a translator to: `make setup`, then
`.venv/bin/python -m pwa i18n init ID`. Each new language is made in a temporary
copy of locales/."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from pwa.cli import main
from pwa.i18n.check import check_catalog
from pwa.i18n.terms import read_terms
from pwa.settings import PROJECT_ROOT


@pytest.mark.parametrize("gettext_id", ["th", "my", "yue", "cy", "nl"])
def test_init_prints_only_that_the_language_was_created(
    locales_copy: Path, capfd: pytest.CaptureFixture[str], gettext_id: str
) -> None:
    shutil.rmtree(locales_copy / gettext_id, ignore_errors=True)  # Arabic, started afresh
    assert main(["i18n", "--locales", str(locales_copy), "init", gettext_id]) == 0
    out, err = capfd.readouterr()  # Babel's PO reader prints its warnings itself
    po = locales_copy / gettext_id / "LC_MESSAGES" / "messages.po"
    assert out.splitlines() == [
        f"{po}: created; the guide now serves this language (in English until translated)"
    ]
    assert err == ""
    assert check_catalog(po, gettext_id) == []


def test_a_new_language_has_one_msgstr_per_plural_form_of_its_own(locales_copy: Path) -> None:
    for gettext_id, forms in (("th", 1), ("cy", 6)):
        tools_init(locales_copy, gettext_id)
        po = locales_copy / gettext_id / "LC_MESSAGES" / "messages.po"
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=gettext_id)
        plurals = [message for message in catalog if message.id and message.pluralizable]
        assert plurals and all(len(message.string) == forms for message in plurals)
        assert f"msgstr[{forms}]" not in po.read_text("utf-8")


def tools_init(locales: Path, gettext_id: str) -> None:
    assert main(["i18n", "--locales", str(locales), "init", gettext_id]) == 0


def test_init_starts_the_agreed_terms_and_the_style_notes(locales_copy: Path) -> None:
    tools_init(locales_copy, "th")
    folder = locales_copy / "th"
    terms = folder / "terms.po"
    with (locales_copy / "terms.pot").open("rb") as handle:
        expected = [message.id for message in read_po(handle) if message.id]
    with terms.open("rb") as handle:
        assert [message.id for message in read_po(handle) if message.id] == expected
    assert read_terms(terms, "th") == []  # nothing agreed yet
    notes = (folder / "STYLE.md").read_text("utf-8")
    assert notes.startswith("# Style notes: Thai (ไทย, `th`)")
    for section in ("## Register", "## Addressing the reader", "## Grammar pitfalls"):
        assert section in notes
    # Nothing half-made is left next to the languages.
    assert not [path for path in locales_copy.iterdir() if path.name.startswith(".")]


def test_init_keeps_terms_and_notes_sent_ahead_of_the_catalog(locales_copy: Path) -> None:
    folder = locales_copy / "th"
    folder.mkdir()
    (folder / "STYLE.md").write_text("# Our notes\n", encoding="utf-8")
    tools_init(locales_copy, "th")
    assert (folder / "STYLE.md").read_text("utf-8") == "# Our notes\n"
    assert (folder / "LC_MESSAGES" / "messages.po").is_file()
    assert (folder / "terms.po").is_file()


def test_the_tools_before_set_up_say_what_to_do_instead_of_a_traceback(tmp_path: Path) -> None:
    # -S: this Python without its site-packages, as python3 is before `make setup`.
    result = subprocess.run(
        [sys.executable, "-S", "-m", "pwa", "i18n", "--locales", str(tmp_path), "init", "th"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "Run `make setup` once in the project folder" in result.stderr
    assert f".venv/bin/python -m pwa i18n --locales {tmp_path} init th" in result.stderr
    assert not (tmp_path / "th").exists()


def test_make_setup_is_the_one_set_up_command_on_a_fresh_clone(tmp_path: Path) -> None:
    # What a fresh clone has before anything is installed: no .tools/, no .venv/.
    for name in ("Makefile", "pyproject.toml", "uv.lock"):
        shutil.copy(PROJECT_ROOT / name, tmp_path)
    shutil.copytree(PROJECT_ROOT / "scripts", tmp_path / "scripts")
    plan = subprocess.run(
        ["make", "-n", "setup"], cwd=tmp_path, capture_output=True, text=True, check=True
    ).stdout
    # It installs uv from its pinned hashes, then exactly the locked app dependencies
    # (not the test tools and browsers), and says how to run the tools afterwards.
    assert "scripts/make-venv.sh" in plan and "--require-hashes" in plan
    assert "uv sync --locked" in plan and "--extra test" not in plan
    assert "Run the tools as .venv/bin/python -m pwa" in plan
