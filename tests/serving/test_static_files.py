"""The hashed assets follow RFC 9110: q-values, one ETag per representation, If-Range."""

from __future__ import annotations

import gzip
import re

import brotli
import pytest
from starlette.testclient import TestClient

from tests.serving.test_documents import raw


@pytest.fixture
def stylesheet(client: TestClient) -> str:
    found = re.search(r'href="(/static/css/guide\.[0-9a-f]{12}\.css)"', client.get("/en/").text)
    assert found
    return found.group(1)


@pytest.mark.parametrize(
    ("accept", "coding"),
    [
        ("gzip, br;q=0", "gzip"),
        ("br;q=0, gzip;q=0", None),
        ("br;q=0, *", "gzip"),
        ("*", "br"),
        ("gzip;q=0.5, br;q=0.001", "br"),
        ("identity", None),
    ],
)
def test_q_values_are_followed(
    client: TestClient, stylesheet: str, accept: str, coding: str | None
) -> None:
    response, body = raw(client, stylesheet, **{"Accept-Encoding": accept})
    assert response.status_code == 200
    assert response.headers.get("content-encoding") == coding
    plain = {"gzip": gzip.decompress, "br": brotli.decompress}.get(coding or "", bytes)(body)
    assert b"--" in plain  # the stylesheet's custom properties


def test_each_representation_has_its_own_etag(client: TestClient, stylesheet: str) -> None:
    etags = {}
    for coding in ("identity", "gzip", "br"):
        response, _ = raw(client, stylesheet, **{"Accept-Encoding": coding})
        etags[coding] = response.headers["etag"]
    assert len(set(etags.values())) == 3, etags
    # Each revalidates only its own representation.
    same, _ = raw(client, stylesheet, **{"Accept-Encoding": "br", "If-None-Match": etags["br"]})
    assert same.status_code == 304
    assert same.headers["etag"] == etags["br"]
    assert "immutable" in same.headers["cache-control"]
    other, body = raw(
        client, stylesheet, **{"Accept-Encoding": "br", "If-None-Match": etags["gzip"]}
    )
    assert other.status_code == 200 and body
    listed = f'"x", W/{etags["identity"]}'
    again, _ = raw(client, stylesheet, **{"Accept-Encoding": "identity", "If-None-Match": listed})
    assert again.status_code == 304


def test_if_none_match_wins_over_if_modified_since(client: TestClient, stylesheet: str) -> None:
    first, _ = raw(client, stylesheet)
    response, body = raw(
        client,
        stylesheet,
        **{"If-None-Match": '"other"', "If-Modified-Since": first.headers["last-modified"]},
    )
    assert response.status_code == 200 and body


def test_a_range_is_honoured_only_when_if_range_matches(
    client: TestClient, stylesheet: str
) -> None:
    full, whole = raw(client, stylesheet, **{"Accept-Encoding": "identity"})
    etag = full.headers["etag"]
    ranged, part = raw(
        client,
        stylesheet,
        **{"Accept-Encoding": "identity", "Range": "bytes=0-9", "If-Range": etag},
    )
    assert ranged.status_code == 206 and part == whole[:10]
    stale, body = raw(
        client,
        stylesheet,
        **{"Accept-Encoding": "identity", "Range": "bytes=0-9", "If-Range": '"nope"'},
    )
    assert stale.status_code == 200 and body == whole
    weak, body = raw(
        client,
        stylesheet,
        **{"Accept-Encoding": "identity", "Range": "bytes=0-9", "If-Range": f"W/{etag}"},
    )
    assert weak.status_code == 200 and body == whole
    plain, part = raw(client, stylesheet, **{"Accept-Encoding": "identity", "Range": "bytes=0-9"})
    assert plain.status_code == 206 and part == whole[:10]
