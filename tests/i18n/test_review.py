"""A language's review as families, translators and the team see it (issue 22, points
7 and 8): the review line the check reads, `i18n review`, and the notice on pages
whose sentences changed after the review. Every catalog changed here is in a
temporary copy of locales/."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from pwa.cli import main
from pwa.i18n import tools
from pwa.i18n.review import parse, review_line, with_review_status
from pwa.templating import unbroken
from tests.conftest import po_path, set_translation, shown_text

NOTICE = re.compile(r'<(p|div) class="draft-notice" role="note">(.*?)</\1>', re.S)
CHANGED = "Some sentences not yet checked by a medical translator"
DRAFT_SUMMARY = "Not yet checked by a medical translator"
# A sentence of the outlook page only.
OUTLOOK_ONLY = "Is it curable?"


def set_review_line(po: Path, status: str) -> int:
    """Write `status` into the catalog's review line by hand; the line's number."""
    po.write_text(with_review_status(po.read_text("utf-8"), status), encoding="utf-8")
    found = review_line(po.read_text("utf-8"))
    assert found
    return found[0]


def notice(html: str) -> str:
    found = NOTICE.search(html)
    return found.group(2) if found else ""


def review(locales: Path, language: str, name: str) -> int:
    return main(["i18n", "--locales", str(locales), "review", language, "--name", name])


# The review line --------------------------------------------------------------------

FUTURE = (date.today() + timedelta(days=3)).isoformat()


@pytest.mark.parametrize(
    ("status", "said"),
    [
        ("reviewed by Ana on 29/11/2026", "'29/11/2026' must be written YYYY-MM-DD"),
        ("reviewed by Ana on 2026-13-45", "'2026-13-45' is not a date of the calendar"),
        (f"reviewed by Ana on {FUTURE}", f"the review date {FUTURE} is in the future"),
        ("reviewed by  on 2026-11-01", "the reviewer's name is empty"),
        ("reviewed", "the review line must read draft, or reviewed by NAME on YYYY-MM-DD"),
    ],
    ids=["day first", "no such day", "future", "no name", "no name nor date"],
)
def test_a_malformed_review_line_is_a_problem_with_its_file_and_line_and_stays_a_draft(
    locales_copy: Path,
    make_client: Callable[..., TestClient],
    capsys: pytest.CaptureFixture[str],
    status: str,
    said: str,
) -> None:
    po = po_path(locales_copy, "fr")
    line = set_review_line(po, status)
    assert main(["i18n", "check", str(po)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert [row for row in out if row.startswith(f"{po}:{line}: ") and said in row], out
    # Families see the draft notice, and the team reads "draft", not the claim.
    assert {row.gettext_id: row.review for row in tools.stats(locales_copy)}["fr"] == "draft"
    page = make_client(locales_dir=locales_copy).get("/fr/treatment/").text
    assert shown_text(locales_copy, "fr", DRAFT_SUMMARY) in notice(page)


@pytest.mark.parametrize(
    "status",
    ["draft", "reviewed by Ana Díaz on 2026-11-01", "Reviewed by A. Reviewer on 2026-10-02."],
)
def test_draft_and_a_named_dated_review_are_not_problems(status: str) -> None:
    assert parse(status)[1] is None
    assert parse(status)[0].is_reviewed is (status != "draft")


def test_stats_the_status_page_and_the_about_page_say_the_same(
    locales_copy: Path, make_client: Callable[..., TestClient], capsys: pytest.CaptureFixture[str]
) -> None:
    set_review_line(po_path(locales_copy, "fr"), "reviewed by Dr Anne Martin on 2026-10-02.")
    set_review_line(po_path(locales_copy, "es"), "reviewed by María on 2026-02-30")
    assert main(["i18n", "--locales", str(locales_copy), "stats"]) == 0
    table = capsys.readouterr().out
    assert re.search(r"^fr\s.*\s0  reviewed by Dr Anne Martin on 2026-10-02$", table, re.M)
    assert re.search(r"^es\s.*  draft$", table, re.M), table
    client = make_client(locales_dir=locales_copy)
    status = client.get("/translations/").text
    rows = re.findall(r"<tr>\s*<th scope=\"row\">(.*?)</tr>", status, re.S)
    french = next(row for row in rows if 'href="/fr/"' in row)
    assert "<td>reviewed by Dr Anne Martin on 2026-10-02</td>" in french
    # A draft in the words its pages use (never "draft": "borrador" reads as "eraser").
    spanish = next(row for row in rows if 'href="/es/"' in row)
    assert "<td>Not yet checked by a medical translator</td>" in spanish
    about = client.get("/fr/about/").text
    # A short name is one unbroken piece of text (non-breaking spaces), as a number is.
    assert unbroken("Dr Anne Martin") in about and unbroken("2 octobre 2026") in about
    assert not notice(about)
    assert notice(client.get("/es/about/").text)
    assert "María" not in client.get("/es/about/").text


# Marking a language reviewed, and what changes after ---------------------------------


def test_review_marks_a_language_reviewed_today_with_the_list_of_its_translations(
    locales_copy: Path, make_client: Callable[..., TestClient], capsys: pytest.CaptureFixture[str]
) -> None:
    po = po_path(locales_copy, "fr")
    before = po.read_text("utf-8")
    assert review(locales_copy, "fr", "Anne Martin") == 0
    today = date.today().isoformat()
    assert f"reviewed by Anne Martin on {today}" in capsys.readouterr().out
    after = po.read_text("utf-8")
    # Only the review line changed: a one-line diff for the team to read.
    assert [line for line in after.splitlines() if line not in before.splitlines()] == [
        f'"X-Review-Status: reviewed by Anne Martin on {today}\\n"'
    ]
    listed = (locales_copy / "fr" / "reviewed.txt").read_text("utf-8").splitlines()
    hashes = [line for line in listed if not line.startswith("#")]
    row = {row.gettext_id: row for row in tools.stats(locales_copy)}["fr"]
    assert len(hashes) == row.translated and row.unreviewed == 0
    assert any(line.endswith(f"  {OUTLOOK_ONLY}") for line in hashes)
    assert main(["i18n", "check", str(po)]) == 0
    client = make_client(locales_dir=locales_copy)
    for path in ("/fr/", "/fr/outlook/", "/fr/print/", "/fr/no-such-page/"):
        assert not notice(client.get(path).text), path


def test_a_sentence_changed_after_the_review_is_shown_with_a_notice_until_reviewed_again(
    locales_copy: Path, make_client: Callable[..., TestClient], capsys: pytest.CaptureFixture[str]
) -> None:
    assert review(locales_copy, "fr", "Anne Martin") == 0
    po = po_path(locales_copy, "fr")
    set_translation(po, OUTLOOK_ONLY, "Peut-on en guérir ?")
    rows = {row.gettext_id: row for row in tools.stats(locales_copy)}
    assert rows["fr"].unreviewed == 1
    assert rows["fr"].review.startswith("reviewed by Anne Martin on ")
    client = make_client(locales_dir=locales_copy)
    outlook = client.get("/fr/outlook/").text
    assert "Peut-on en guérir ?" in outlook
    said = notice(outlook)
    assert shown_text(locales_copy, "fr", CHANGED) in said  # in French, one line that opens
    assert 'href="/en/outlook/?from=fr"' in said
    assert re.search(r'</h1>\s*<div class="draft-notice"', outlook)
    for path in ("/fr/", "/fr/treatment/", "/fr/about/", "/fr/print/"):  # pages without it
        assert not notice(client.get(path).text), path
    assert "1 translation added or changed since" in client.get("/translations/").text
    capsys.readouterr()
    assert main(["i18n", "--locales", str(locales_copy), "stats"]) == 0
    assert re.search(r"^fr\s.*\s1  reviewed by Anne Martin on ", capsys.readouterr().out, re.M)
    # A fresh review covers it.
    assert review(locales_copy, "fr", "Anne Martin") == 0
    client = make_client(locales_dir=locales_copy)
    assert not notice(client.get("/fr/outlook/").text)
    assert {row.gettext_id: row for row in tools.stats(locales_copy)}["fr"].unreviewed == 0


def test_a_review_line_written_by_hand_without_a_list_covers_every_sentence(
    locales_copy: Path, make_client: Callable[..., TestClient]
) -> None:
    po = po_path(locales_copy, "fr")
    set_review_line(po, "reviewed by Anne Martin on 2026-11-01")
    set_translation(po, OUTLOOK_ONLY, "Peut-on en guérir ?")
    assert not (locales_copy / "fr" / "reviewed.txt").exists()
    assert {row.gettext_id: row for row in tools.stats(locales_copy)}["fr"].unreviewed == 0
    assert not notice(make_client(locales_dir=locales_copy).get("/fr/outlook/").text)


def test_a_draft_keeps_its_draft_notice_whatever_its_list_says(
    locales_copy: Path, make_client: Callable[..., TestClient]
) -> None:
    assert review(locales_copy, "fr", "Anne Martin") == 0
    set_review_line(po_path(locales_copy, "fr"), "draft")
    client = make_client(locales_dir=locales_copy)
    said = notice(client.get("/fr/outlook/").text)
    assert shown_text(locales_copy, "fr", DRAFT_SUMMARY) in said


def test_review_refuses_a_catalog_the_check_finds_problems_in(
    locales_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    po = po_path(locales_copy, "fr")
    set_translation(po, OUTLOOK_ONLY, "Peut-on en guérir à 80 % ?")  # a number not in English
    before = po.read_text("utf-8")
    assert review(locales_copy, "fr", "Anne Martin") == 1
    err = capsys.readouterr().err
    assert re.search(rf"^{re.escape(str(po))}:\d+: numbers differ from the English", err, re.M)
    assert po.read_text("utf-8") == before
    assert not (locales_copy / "fr" / "reviewed.txt").exists()


@pytest.mark.parametrize("name", ["", "  ", 'Ana "la doctora"', "Ana\\n"])
def test_review_refuses_a_name_the_review_line_cannot_hold(locales_copy: Path, name: str) -> None:
    before = po_path(locales_copy, "fr").read_text("utf-8")
    assert review(locales_copy, "fr", name) == 2
    assert po_path(locales_copy, "fr").read_text("utf-8") == before


def test_review_accepts_a_tag_and_refuses_a_language_without_a_catalog(
    locales_copy: Path,
) -> None:
    assert review(locales_copy, "pt-BR", "Ana Souza") == 0
    assert "reviewed by Ana Souza on" in po_path(locales_copy, "pt_BR").read_text("utf-8")
    assert review(locales_copy, "xx", "Ana") == 2
    assert review(locales_copy, "en", "Ana") == 2


def test_a_broken_list_of_reviewed_messages_is_a_problem_with_its_line(
    locales_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert review(locales_copy, "fr", "Anne Martin") == 0
    listed = locales_copy / "fr" / "reviewed.txt"
    lines = listed.read_text("utf-8").splitlines()
    lines.insert(6, "<<<<<<< HEAD")  # a merge gone wrong
    listed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["i18n", "--locales", str(locales_copy), "check"]) == 1
    assert f"{listed}:7: not a reviewed message" in capsys.readouterr().out
