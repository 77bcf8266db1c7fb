"""A translator's first language, start to finish, as TRANSLATING.md tells it (issue 22,
"Done when"): start Swahili, translate a few sentences (one with a link and a
placeholder, one naming the clinic), preview the pages, run the check (clean; then a
broken link is reported with its file and line), and mark the language reviewed.
All in a temporary copy of locales/."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from babel import Locale
from babel.dates import format_date
from starlette.testclient import TestClient

from pwa.cli import main
from pwa.i18n import tools
from pwa.i18n.digits import in_own_digits
from pwa.templating import unbroken
from tests.conftest import po_path, set_translation

LANGUAGE = "sw"
TITLE = ("What is leiomyosarcoma?", "Leiomyosarcoma ni nini?")
LINK = (
    'Leiomyosarcoma comes in several kinds, named for where it starts. <a href="%(types)s">'
    "The next page</a> explains each one.",
    "Leiomyosarcoma iko ya aina kadhaa, zinazoitwa kwa mahali inapoanzia. "
    '<a href="%(types)s">Ukurasa unaofuata</a> unaeleza kila moja.',
)
CLINIC = ("This guide is shared with you by %(clinic)s.", "Umepewa mwongozo huu na %(clinic)s.")
SAMPLE_CLINIC = {"clinic_name": "Sunrise Children's Clinic"}
PAGE = f"/{LANGUAGE}/what-is-leiomyosarcoma/"


def tools_say(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    """Run `python -m pwa i18n ...` as the translator types it; its code and output."""
    capsys.readouterr()
    code = main(["i18n", *argv])
    said = capsys.readouterr()
    return code, said.out + said.err


def test_a_new_language_from_init_to_reviewed(
    locales_copy: Path, make_client: Callable[..., TestClient], capsys: pytest.CaptureFixture[str]
) -> None:
    # Started afresh, whatever languages have been merged since.
    shutil.rmtree(locales_copy / LANGUAGE, ignore_errors=True)
    where = ("--locales", str(locales_copy))

    # Start the language: served at once, in English, as a draft.
    code, said = tools_say(capsys, *where, "init", LANGUAGE)
    assert code == 0, said
    po = po_path(locales_copy, LANGUAGE)
    assert f"{po}: created" in said and "Traceback" not in said

    # Translate a few sentences, as an editor saves them.
    for english, swahili in (TITLE, LINK, CLINIC):
        set_translation(po, english, swahili)

    # Preview: the translations in place, the link and the clinic filled in, the rest
    # in English (marked as such), and the draft notice.
    preview = make_client(locales_dir=locales_copy, offline=False, **SAMPLE_CLINIC)
    page = preview.get(PAGE)
    assert page.status_code == 200
    assert f'<html lang="{LANGUAGE}" dir="ltr"' in page.text
    assert re.search(r"<h1[^>]*>Leiomyosarcoma ni nini\?</h1>", page.text)
    assert f'<a href="/{LANGUAGE}/types/">Ukurasa unaofuata</a> unaeleza kila moja.' in page.text
    assert "Umepewa mwongozo huu na <bdi>Sunrise Children&#39;s Clinic</bdi>." in page.text
    assert '<span lang="en">How rare it is</span>' in page.text
    assert 'class="draft-notice"' in page.text
    assert f'href="/{LANGUAGE}/"' in preview.get("/translations/").text

    # The check: clean; then a link that leads elsewhere is reported with its line.
    code, said = tools_say(capsys, "check", str(po))
    assert code == 0, said
    line = set_translation(po, LINK[0], LINK[1].replace("%(types)s", "https://example.org/"))
    code, said = tools_say(capsys, "check", str(po))
    assert code == 1
    assert re.search(rf"^{re.escape(str(po))}:{line}: .*link target", said, re.M), said
    assert "https://example.org/" not in make_client(locales_dir=locales_copy).get(PAGE).text
    set_translation(po, LINK[0], LINK[1])
    assert tools_say(capsys, "check", str(po))[0] == 0

    # The medical translator's review, marked with the command.
    code, said = tools_say(capsys, *where, "review", LANGUAGE, "--name", "Amina Juma")
    assert code == 0, said
    today = date.today()
    status = f"reviewed by Amina Juma on {today.isoformat()}"
    assert status in said
    row = {row.gettext_id: row for row in tools.stats(locales_copy)}[LANGUAGE]
    assert row.review == status and row.unreviewed == 0 and row.translated == 3
    served = make_client(locales_dir=locales_copy, **SAMPLE_CLINIC)
    assert 'class="draft-notice"' not in served.get(PAGE).text
    about = served.get(f"/{LANGUAGE}/about/").text
    assert unbroken("Amina Juma") in about  # names and dates: one unbroken piece of text
    day = format_date(today, format="long", locale=LANGUAGE)
    assert unbroken(in_own_digits(day, Locale.parse(LANGUAGE))) in about
    status_row = next(
        row
        for row in re.findall(
            r"<tr>\s*<th scope=\"row\">(.*?)</tr>", served.get("/translations/").text, re.S
        )
        if f'href="/{LANGUAGE}/"' in row
    )
    assert f"<td>{status}</td>" in status_row
