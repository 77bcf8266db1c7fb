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
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import brotli
import pytest

from pwa.serving.security import HEADERS, HSTS
from tests import observatory
from tests.servers import (
    NGINX_LIMITS,
    GuideServer,
    NginxProxy,
    NginxServer,
    journey_locales,
    nginx_modules,
    wait_until_listening,
)

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


# deploy/nginx-proxy.conf and deploy/limits.conf ---------------------------------------


@pytest.fixture(scope="module")
def guide() -> Iterator[GuideServer]:
    server = GuideServer(locales_dir=journey_locales())
    server.deploy()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def proxy(guide: GuideServer) -> Iterator[NginxProxy]:
    # A short header timeout, so that the test of it takes a second (the sample's 10 s
    # is checked in the file itself).
    server = NginxProxy(guide, limits={"client_header_timeout": "1s"})
    server.start()
    try:
        yield server
    finally:
        server.stop()


def test_the_proxy_passes_the_guides_own_answers(proxy: NginxProxy) -> None:
    response, body = fetch(proxy, "/ar/treatment/", **{"Accept-Encoding": "br"})
    assert response.status == 200
    assert response.getheader("Content-Encoding") == "br"
    assert '<html lang="ar"' in brotli.decompress(body).decode()
    for name, value in HEADERS.items():
        assert response.getheader(name) == value, name
    assert response.getheader("Server") == "nginx"  # not the guide's server, nor its version


def test_a_reader_cannot_choose_the_scheme_or_address_the_guide_believes(
    proxy: NginxProxy,
) -> None:
    """The proxy replaces X-Forwarded-*: a forged "https" must not reach the guide (which
    would then send HSTS over plain HTTP and pin a clinic's test address to HTTPS)."""
    response, _ = fetch(
        proxy, "/en/", **{"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}
    )
    assert response.status == 200
    assert response.getheader("Strict-Transport-Security") is None


def test_headers_that_never_finish_are_cut_off(proxy: NginxProxy) -> None:
    assert re.search(r"^client_header_timeout 10s;", NGINX_LIMITS.read_text(), re.M)
    with socket.create_connection(("127.0.0.1", proxy.port), timeout=10) as slow:
        slow.sendall(b"GET /en/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: a")
        started = time.monotonic()
        try:
            answer = slow.recv(1024)
        except ConnectionResetError:  # reset_timedout_connection: no FIN, a reset
            answer = b""
        assert answer == b"", answer  # closed by nginx, without an answer
        assert time.monotonic() - started < 5


@pytest.mark.parametrize("server_fixture", ["nginx", "proxy"])
def test_bodies_are_refused_by_both_sample_sites(
    request: pytest.FixtureRequest, server_fixture: str
) -> None:
    server = request.getfixturevalue(server_fixture)
    connection = http.client.HTTPConnection(urlsplit(server.url).netloc, timeout=5)
    connection.request("POST", "/en/", body=b"x" * 4096)
    assert connection.getresponse().status == 413
    connection.close()


def test_one_address_gets_a_429_above_its_share_of_requests_in_progress() -> None:
    """Requests held open by an upstream that never answers, from one address."""
    stuck = socket.create_server(("127.0.0.1", 0))  # accepts, never answers
    upstream = GuideServer(port=stuck.getsockname()[1])
    server = NginxProxy(upstream, limits={"limit_conn": "lms_guide_per_address 2"})
    server.site_text()  # the sample's own value, before the test changes it
    assert re.search(r"^limit_conn lms_guide_per_address 64;", NGINX_LIMITS.read_text(), re.M)
    server.process = subprocess.Popen(
        ["nginx", "-c", str(server.config()), "-p", str(server.folder)]
    )
    held = []
    try:
        wait_until_listening(server.port)
        for _ in range(2):
            sock = socket.create_connection(("127.0.0.1", server.port), timeout=5)
            sock.sendall(b"GET /en/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            held.append(sock)
        third, _ = fetch(server, "/en/")
        assert third.status == 429
    finally:
        for sock in held:
            sock.close()
        server.stop()
        stuck.close()
