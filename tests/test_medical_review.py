"""What the medical review of the English text found (issue 18), kept true.

Each test reads the English pages as a family sees them (the text inside <main>, one
paragraph, list item or glossary entry at a time) and fails if a correction is undone:
an outcome promised without the source's "some", an adult fact not marked as adult,
a frightening link without its context, a sentence no source supports.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from starlette.testclient import TestClient

from pwa.pages import PAGES, PAGES_BY_SLUG
from pwa.sources import SOURCES
from tests.pagetext import page_text


@pytest.fixture(scope="module")
def blocks(make_module_client: Callable[..., TestClient]) -> dict[str, list[str]]:
    """Each English page's paragraphs, list items and glossary entries, by slug."""
    client = make_module_client()
    return {page.slug: page_text(client.get(page.path("en")).text).blocks for page in PAGES}


def containing(blocks: dict[str, list[str]], pattern: str) -> list[tuple[str, str]]:
    found = re.compile(pattern, re.IGNORECASE)
    return [(slug, block) for slug, page in blocks.items() for block in page if found.search(block)]


def test_good_outcomes_keep_the_sources_some_and_stage_i(blocks: dict[str, list[str]]) -> None:
    [block] = [block for block in blocks["outlook"] if "low-grade" in block]
    assert block.startswith("Some people")
    assert "stage I (stage 1)" in block
    assert not containing(blocks, r"have done very well|early stage")


def test_stage_4_in_adults_is_said_plainly_and_marked_as_adult(
    blocks: dict[str, list[str]],
) -> None:
    outlook = " ".join(blocks["outlook"])
    assert "There is no cure for stage 4 today." in outlook
    assert "cannot be removed or made smaller" in outlook
    stage_4 = [block for block in blocks["outlook"] if "stage 4" in block]
    assert any("about adults" in block for block in stage_4)


@pytest.mark.parametrize("pattern", [r"stage 4", r"wide margin is not always possible"])
def test_facts_from_the_adult_source_say_they_are_about_adults(
    blocks: dict[str, list[str]], pattern: str
) -> None:
    for slug, block in containing(blocks, pattern):
        if "stage 4" in pattern and slug == "outlook":
            continue  # the stage 4 section opens by saying it is about adults (above)
        assert "adult" in block, f"/en/{slug}/: {block}"


def test_the_epstein_barr_virus_is_always_named_with_a_weak_immune_system(
    blocks: dict[str, list[str]],
) -> None:
    named = containing(blocks, r"Epstein-Barr")
    assert {slug for slug, _ in named} >= {"types", "signs-and-causes", "glossary"}
    for slug, block in named:
        if block == "Epstein-Barr virus.":
            continue  # the glossary's term itself; its definition follows
        assert "immune system" in block, f"/en/{slug}/: {block}"


def test_the_teen_years_come_with_their_reason(blocks: dict[str, list[str]]) -> None:
    assert not containing(blocks, r"do not show until the teen years")
    [(_, block)] = containing(blocks, r"teenagers")
    assert "mostly a disease of adults" in block


@pytest.mark.parametrize(
    "unsourced",
    [
        r"Nothing you did",
        r"common causes that are not cancer",
        r"It does not hurt",
        r"always the family's choice",
        r"Most children have surgery",
    ],
)
def test_sentences_no_source_supports_are_gone(
    blocks: dict[str, list[str]], unsourced: str
) -> None:
    assert not containing(blocks, unsourced)


def test_the_anonymous_site_is_named_for_what_it_is(blocks: dict[str, list[str]]) -> None:
    assert "no author named" in SOURCES["lms-cure"].publisher
    for slug in ("diagnosis", "treatment", "outlook", "about"):
        assert any("does not say who wrote it" in block for block in blocks[slug]), slug
    assert not containing(blocks, r"A source about adults")


@pytest.mark.parametrize(
    ("slug", "pattern"),
    [
        ("questions", r"ability to have children later.*before treatment begins"),
        ("questions", r"How often will my child need check-ups and scans"),
        ("after-treatment", r"how often your child will have check-ups and scans"),
        ("questions", r"second opinion"),
        ("questions", r"camp for my child, or for their brothers and sisters"),
        ("questions", r"costs of care"),
        ("support", r"camps for children with cancer"),
        ("support", r"brothers and sisters"),
        ("support", r"feelings and daily life"),
        ("support", r"help with money"),
        ("diagnosis", r"Tests on the tumor tissue can change the diagnosis"),
        ("diagnosis", r"second opinion from a team that treats many sarcomas"),
    ],
)
def test_what_families_missed_is_there(
    blocks: dict[str, list[str]], slug: str, pattern: str
) -> None:
    assert any(re.search(pattern, block) for block in blocks[slug]), pattern


def test_how_aggressive_it_is_says_which_answer_holds_where(blocks: dict[str, list[str]]) -> None:
    outlook = " ".join(blocks["outlook"])
    assert "not a very aggressive cancer" in outlook
    assert "calls it aggressive" in outlook
    assert "The first answer is about children" in outlook


def test_pages_list_the_sources_their_new_facts_come_from() -> None:
    assert "gard" in PAGES_BY_SLUG["diagnosis"].sources  # the GIST story
    assert {"nicklaus", "gard", "bch-topic"} <= set(PAGES_BY_SLUG["support"].sources)
    assert "lms-cure" in PAGES_BY_SLUG["outlook"].sources
