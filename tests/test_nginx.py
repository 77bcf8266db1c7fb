"""The sample nginx config (deploy/nginx.conf) serving the static export: the headers,
cache lifetimes and compressed files a clinic gets when it copies the sample.

nginx and its brotli module come from Debian (`make test` installs them as root, see
scripts/test-tools.sh). Without nginx these tests are skipped, except in CI, which
sets GUIDE_TEST_REQUIRE_NGINX=1 so that a missing nginx fails instead.
"""

from __future__ import annotations

import gzip
import http.client
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import brotli
import pytest

from pwa.serving.security import HEADERS, HSTS
from tests import observatory
from tests.servers import NginxServer, nginx_modules

if not shutil.which("nginx") or not nginx_modules():
    if os.environ.get("GUIDE_TEST_REQUIRE_NGINX"):
        raise RuntimeError("nginx with its brotli_static module is required (see .ci/run)")
    pytest.skip("nginx with the brotli_static module is not installed", allow_module_level=True)


@pytest.fixture(scope="module")
def nginx(exported: Path) -> Iterator[NginxServer]:
    server = NginxServer(exported)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def fetch(server: NginxServer, path: str, **headers: str) -> tuple[http.client.HTTPResponse, bytes]:
    """One request, nothing decoded or followed: what a browser receives on the wire."""
    connection = http.client.HTTPConnection(urlsplit(server.url).netloc, timeout=5)
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def assert_security_headers(response: http.client.HTTPResponse) -> None:
    for name, value in {**HEADERS, "Strict-Transport-Security": HSTS}.items():
        assert response.getheader(name) == value, name


def test_pages_are_sent_precompressed_with_the_security_headers(
    nginx: NginxServer, exported: Path
) -> None:
    page = exported / "ar" / "treatment" / "index.html"
    response, body = fetch(nginx, "/ar/treatment/", **{"Accept-Encoding": "gzip, br"})
    assert response.status == 200
    assert response.getheader("Content-Encoding") == "br"
    assert brotli.decompress(body) == page.read_bytes()
    assert response.getheader("Content-Type") == "text/html; charset=utf-8"
    assert response.getheader("Cache-Control") == "no-cache"
    assert "Accept-Encoding" in response.getheader("Vary", "")
    assert_security_headers(response)

    response, body = fetch(nginx, "/ar/treatment/", **{"Accept-Encoding": "gzip"})
    assert response.getheader("Content-Encoding") == "gzip"
    assert gzip.decompress(body) == page.read_bytes()

    etag = response.getheader("ETag")
    again, body = fetch(
        nginx, "/ar/treatment/", **{"Accept-Encoding": "gzip", "If-None-Match": etag}
    )
    assert again.status == 304 and body == b""


def test_hashed_assets_are_cached_for_a_year_and_the_rest_revalidates(
    nginx: NginxServer, exported: Path
) -> None:
    css = next((exported / "static" / "css").glob("guide.*.css"))
    response, _ = fetch(nginx, f"/static/css/{css.name}", **{"Accept-Encoding": "br"})
    assert response.status == 200
    assert response.getheader("Cache-Control") == "public, max-age=31536000, immutable"
    assert response.getheader("Content-Type") == "text/css; charset=utf-8"
    assert response.getheader("Content-Encoding") == "br"
    plain, _ = fetch(nginx, "/static/css/guide.css")
    assert plain.getheader("Cache-Control") == "no-cache"


def test_the_service_worker_and_manifests_are_served_as_browsers_require(
    nginx: NginxServer,
) -> None:
    worker, body = fetch(nginx, "/sw.js")
    assert worker.status == 200 and b"const PRECACHE" in body
    assert worker.getheader("Content-Type") == "text/javascript; charset=utf-8"
    assert worker.getheader("Cache-Control") == "no-cache"
    assert_security_headers(worker)
    manifest, _ = fetch(nginx, "/zh-Hans/manifest.webmanifest")
    assert manifest.status == 200
    assert manifest.getheader("Content-Type") == "application/manifest+json; charset=utf-8"


def test_missing_addresses_get_the_not_found_page_of_their_language(nginx: NginxServer) -> None:
    response, body = fetch(nginx, "/es/no-such-page/")
    assert response.status == 404
    assert b'<html lang="es"' in body
    assert_security_headers(response)
    for path in ("/no-such-page", "/xx/no-such-page/"):
        response, body = fetch(nginx, path)
        assert response.status == 404
        assert b'<html lang="en"' in body
    hidden, _ = fetch(nginx, "/.lms-guide-export")
    assert hidden.status == 404


def test_addresses_without_their_trailing_slash_redirect(nginx: NginxServer) -> None:
    response, _ = fetch(nginx, "/es/treatment")
    assert response.status == 301
    assert response.getheader("Location") == "/es/treatment/"
    assert_security_headers(response)
    root, body = fetch(nginx, "/")
    assert root.status == 200 and b"data-choose-language" in body


@pytest.mark.parametrize(
    "path", ["/es/", "/ar/treatment", "/es/no-such-page/", "/sw.js", "/fr/manifest.webmanifest"]
)
def test_the_sample_config_grades_a_plus_on_the_observatory(nginx: NginxServer, path: str) -> None:
    """Behind TLS, as the config's comments say to deploy it (the grade's redirection
    test, port 80 to HTTPS, is the clinic's TLS set-up: see tests/observatory.py)."""
    response, body = fetch(nginx, path)
    assert response.status in (200, 301, 404)
    headers = {name.lower(): value for name, value in response.getheaders()}
    result = observatory.grade(
        headers, response.headers.get_all("Set-Cookie") or [], body.decode("utf-8", "replace")
    )
    assert result.grade == "A+", (result.score, result.expectations)
