"""The search index is the pages' own text: every page of the language, its title
first, without what is not the page's text (tools, notices, sources, pager)."""

from __future__ import annotations

from collections.abc import Callable

from starlette.testclient import TestClient

from pwa import search_index
from pwa.pages import PAGES
from tests.conftest import translated


def test_the_index_holds_every_page_as_readers_see_it(
    make_module_client: Callable[..., TestClient],
) -> None:
    client = make_module_client()
    index = client.get(search_index.path("ar")).json()
    assert [entry["path"] for entry in index] == [page.path("ar") for page in PAGES]
    treatment = next(entry for entry in index if entry["path"] == "/ar/treatment/")
    assert treatment["title"] == translated("ar", "Treatment")
    text = " ".join(treatment["text"])
    for absent in ("Sources for this page", "Previous", "Next"):
        assert translated("ar", absent) not in treatment["text"]
    assert "Boston Children" not in text  # the sources' own titles
    assert translated("ar", "Surgery") in treatment["text"]
    # Served like the pages: revalidated, compressed, and saved with the language.
    response = client.get(search_index.path("ar"), headers={"Accept-Encoding": "br"})
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers["content-encoding"] == "br"
