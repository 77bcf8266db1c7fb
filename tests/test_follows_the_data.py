"""Correct translator work never fails the suite; a broken catalog still does (issue 22,
point 9).

The tests that read the catalogs take the languages, how far each is translated and
whether it is reviewed from the catalogs themselves (LOCALES, which follows
GUIDE_LOCALES_DIR), never from a count or a list written into them. This runs them
again, in a subprocess, on a copy of locales/ changed as translators change it:

(a) a new language started with `i18n init`, a few of its messages translated, beside
    the guide's first nine (for time: the whole suite reads every language);
(b) Spanish marked reviewed with `i18n review`;
(c) then one Spanish sentence reworded (it shows with the "changed" notice);
(d) and, apart, a catalog broken the way `i18n check` catches: that must still fail.

The tests run are those that read the catalogs without a browser, chosen to stay
near a minute of CPU: see CATALOG_TESTS.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from pwa.cli import main
from pwa.i18n.locales import LocaleSet
from pwa.settings import PROJECT_ROOT
from tests.conftest import LOCALES, SHARED, po_path, set_translation
from tests.test_content import NINE

# The tests that read languages, completeness and review state from the catalogs:
# the content of every language and its notices (test_content, test_routes), the
# translators' tools where they assumed a state of the catalogs (test_translating),
# numbers in every catalog (i18n/test_numbers), every language's manifest and privacy
# text. About a minute of CPU; the browser tests read the same catalogs through the
# same helpers (tests/conftest.py), and the others only through copies they change.
TRANSLATING = "tests/test_translating.py::test_"
CATALOG_TESTS = [
    "tests/test_content.py",
    "tests/test_routes.py",
    TRANSLATING + "every_committed_catalog_passes_the_check",
    TRANSLATING + "the_committed_template_is_current_with_the_code_and_templates",
    TRANSLATING + "init_starts_a_language_that_is_served_at_once_in_english",
    TRANSLATING + "init_uses_the_languages_own_plural_forms",
    TRANSLATING + "stats_counts_translated_fuzzy_and_untranslated_with_the_review_status",
    TRANSLATING + "the_translation_status_page_lists_every_language",
    "tests/i18n/test_numbers.py",
    "tests/i18n/test_locales.py::test_committed_languages_include_spanish_and_arabic_rtl",
    "tests/test_offline.py::test_each_language_has_a_manifest_that_installs_the_guide_in_it",
    "tests/test_security.py::test_the_about_page_says_what_stays_private_in_every_language",
]
NEW_LANGUAGE = "sw"
NEW_TRANSLATIONS = {
    "What is leiomyosarcoma?": "Leiomyosarcoma ni nini?",
    "Treatment": "Matibabu",
    "Glossary": "Kamusi ya maneno",
}
FIXED = ("Is it curable?", "¿Se puede curar?")
# On the second page: its French has the link's placeholder, %(types)s.
RENAMED = (
    'Leiomyosarcoma comes in several kinds, named for where it starts. <a href="%(types)s">'
    "The next page</a> explains each one."
)


def translators_work(tmp_path: Path) -> Path:
    """A copy of the catalogs after (a), (b) and (c), with the guide's first nine
    languages (what is checked of each language is the same for every language, and
    the whole suite checks them all; fewer keep this run near a minute)."""
    locales = tmp_path / "locales"
    shutil.copytree(LOCALES, locales, ignore=shutil.ignore_patterns("*.mo"))
    for locale in LocaleSet.discover(locales):
        if locale.tag not in NINE:
            shutil.rmtree(locales / locale.gettext_id)
    assert main(["i18n", "--locales", str(locales), "init", NEW_LANGUAGE]) == 0
    for english, swahili in NEW_TRANSLATIONS.items():
        set_translation(po_path(locales, NEW_LANGUAGE), english, swahili)
    assert main(["i18n", "--locales", str(locales), "review", "es", "--name", "Ana Díaz"]) == 0
    set_translation(po_path(locales, "es"), *FIXED)
    return locales


def suite(locales: Path, *tests: str) -> subprocess.CompletedProcess[str]:
    """The tests, run as `make test` runs them, over the catalogs in `locales`."""
    return subprocess.run(
        [sys.executable, "-m", "pytest", *tests, "-p", "no:cacheprovider", "-q"],
        cwd=PROJECT_ROOT,
        # A run of its own (its own shared folder), over the same cache of built sites.
        env={
            **{k: v for k, v in os.environ.items() if k != SHARED},
            "GUIDE_LOCALES_DIR": str(locales),
        },
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_a_new_language_a_review_and_a_fixed_sentence_pass_the_catalog_tests(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    locales = translators_work(tmp_path)
    capsys.readouterr()
    result = suite(locales, *CATALOG_TESTS)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


def test_a_catalog_the_check_catches_still_fails_the_suite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    locales = translators_work(tmp_path)
    # A placeholder renamed: the guide would show that sentence in English.
    french = po_path(locales, "fr")
    with french.open("rb") as handle:
        translation = str(read_po(handle)[RENAMED].string)
    set_translation(french, RENAMED, translation.replace("%(types)s", "%(sortes)s"))
    capsys.readouterr()
    result = suite(
        locales,
        "tests/test_translating.py::test_every_committed_catalog_passes_the_check",
        "tests/test_content.py::test_no_english_shows_through_on_a_translated_page",
    )
    assert result.returncode == 1, result.stdout[-4000:]
    failed = [line for line in result.stdout.splitlines() if line.startswith("FAILED")]
    assert len(failed) == 2, result.stdout[-4000:]
    assert "test_every_committed_catalog_passes_the_check" in failed[0]
    assert "test_no_english_shows_through_on_a_translated_page[fr]" in failed[1]
    assert "placeholders differ from the English: missing ['types']" in result.stdout
