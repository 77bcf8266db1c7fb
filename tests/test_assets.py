"""Static files: hashed names, immutable caching, brotli and gzip, from WhiteNoise."""

from __future__ import annotations

import re
from pathlib import Path

from starlette.testclient import TestClient

from pwa.assets import AssetManifest, hashed_name
from pwa.settings import PROJECT_ROOT


def asset_urls(html: str) -> list[str]:
    return re.findall(r'(?:href|src)="(/static/[^"]+)"', html)


def test_pages_link_hashed_assets_cached_forever(client: TestClient) -> None:
    urls = asset_urls(client.get("/en/").text)
    assert any(url.endswith(".css") for url in urls)
    assert any(url.endswith(".js") for url in urls)
    for url in urls:
        assert re.search(r"\.[0-9a-f]{12}\.(css|js|png)$", url), url
        response = client.get(url)
        assert response.status_code == 200
        assert response.headers["cache-control"] == "max-age=315360000, public, immutable"


def test_assets_are_served_brotli_or_gzip_as_the_browser_accepts(client: TestClient) -> None:
    css = next(u for u in asset_urls(client.get("/en/").text) if u.endswith(".css"))
    plain = client.get(css, headers={"Accept-Encoding": "identity"})
    brotli = client.get(css, headers={"Accept-Encoding": "gzip, deflate, br"})
    gzip = client.get(css, headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in plain.headers
    assert brotli.headers["content-encoding"] == "br"
    assert gzip.headers["content-encoding"] == "gzip"
    assert brotli.headers["vary"] == "Accept-Encoding"
    assert int(brotli.headers["content-length"]) < int(plain.headers["content-length"])
    assert brotli.content == gzip.content == plain.content  # decoded by the client
    assert plain.headers["content-type"].startswith("text/css")


def test_revalidation_answers_304(client: TestClient) -> None:
    css = next(u for u in asset_urls(client.get("/en/").text) if u.endswith(".css"))
    etag = client.get(css).headers["etag"]
    assert client.get(css, headers={"If-None-Match": etag}).status_code == 304


def test_unhashed_names_are_served_but_not_cached_forever(client: TestClient) -> None:
    response = client.get("/static/css/guide.css")
    assert response.status_code == 200
    assert "immutable" not in response.headers["cache-control"]


def test_missing_assets_are_404_and_other_methods_405(client: TestClient) -> None:
    assert client.get("/static/css/nothing.css").status_code == 404
    css = next(u for u in asset_urls(client.get("/en/").text) if u.endswith(".css"))
    refused = client.post(css)
    assert refused.status_code == 405
    assert refused.headers["allow"] == "GET, HEAD"


def test_a_changed_file_gets_a_new_name(tmp_path: Path) -> None:
    source = tmp_path / "src"
    (source / "css").mkdir(parents=True)
    (source / "css" / "a.css").write_text("body { color: red }")
    first = AssetManifest.build(source, tmp_path / "one").url("css/a.css")
    (source / "css" / "a.css").write_text("body { color: blue }")
    second = AssetManifest.build(source, tmp_path / "two").url("css/a.css")
    assert first != second
    assert first.startswith("/static/css/a.") and first.endswith(".css")
    assert hashed_name("js/x.y.js", "0123abcd") == "js/x.y.0123abcd.js"
    assert hashed_name("LICENSE", "0123abcd") == "LICENSE.0123abcd"


def test_the_dark_colours_chosen_by_the_reader_are_the_phones_dark_colours() -> None:
    """The stylesheet writes the dark palette twice (for the phone's setting and for
    the reader's toggle); the two must never drift apart."""
    css = (PROJECT_ROOT / "static" / "css" / "guide.css").read_text("utf-8")
    system = re.search(r"prefers-color-scheme: dark\)\s*\{\s*:root\s*\{([^}]*)\}", css)
    chosen = re.search(r':root\[data-theme="dark"\]\s*\{([^}]*)\}', css)
    assert system and chosen

    def palette(block: str) -> dict[str, str]:
        return dict(re.findall(r"(--[\w-]+)\s*:\s*([^;]+);", block))

    assert palette(system.group(1)) == palette(chosen.group(1))
    assert len(palette(system.group(1))) >= 9
