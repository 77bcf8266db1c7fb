"""Hostile and odd requests: never a 500, never a hang, never a file outside the site.

Whatever arrives (broken headers, traversal tricks, invalid UTF-8, odd methods, a
wrong Host), the guide answers with a 2xx, 3xx or 4xx and keeps serving. Most tests
go through Starlette's TestClient with server exceptions raised, so that any
exception fails the test; the raw-bytes tests go to the real server over a socket.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Iterator

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

from pwa.i18n.locales import LocaleSet
from pwa.i18n.negotiation import choose_locale, parse_accept_language
from pwa.pages import PAGES
from pwa.serving.read_only import ALLOW
from tests.conftest import LOCALES
from tests.servers import GuideServer, journey_locales

TAGS = LocaleSet.discover(LOCALES).tags
HOME_PAGES = {PAGES[0].path(tag) for tag in TAGS}
# What must never be sent, whatever the path: the code, the catalogs, system files.
SECRETS = (b"def create_app", b"msgid", b"root:x:0:0", b"[tool.ruff]")
FAST = 1.0  # seconds: a request that takes longer than this counts as a hang


@pytest.fixture(scope="module")
def client(make_module_client: Callable[..., TestClient]) -> TestClient:
    return make_module_client()


def timed(call: Callable[[], object]) -> object:
    began = time.perf_counter()
    result = call()
    assert time.perf_counter() - began < FAST, "too slow: counts as a hang"
    return result


# Accept-Language ---------------------------------------------------------------------

ACCEPT_LANGUAGES = {
    "empty": "",
    "8 KB long": "es-" + "x" * 8192,
    "garbage": "%%%;;;,,,===\t\\\"'<script>",
    "thousands of entries": ",".join(f"x{i};q=0.{i % 10}" for i in range(5000)),
    "invalid q-values": "fr;q=abc, ar;q=2, es;q=-1, ru;q=0.5.5, vi;q=",
    "star": "*",
    "star with q": "*;q=0.1, zz;q=0.9",
    "unknown tags": "tlh-Piqd, qaa, x-klingon, i-default",
    "only separators": ";,;,;,",
    "non-ASCII (latin-1)": "fr-\xe9\xe8, es",
    "huge q list": "es;q=0.9;q=0.8;q=0.7;" * 300,
}


@pytest.mark.parametrize("header", ACCEPT_LANGUAGES.values(), ids=ACCEPT_LANGUAGES.keys())
def test_any_accept_language_sends_the_reader_to_a_served_language(
    client: TestClient, header: str
) -> None:
    headers = {"Accept-Language": header.encode("latin-1")}
    response = timed(lambda: client.get("/", headers=headers, follow_redirects=False))
    assert response.status_code == 302
    assert response.headers["location"] in HOME_PAGES
    missing = timed(lambda: client.get("/no-such-language/", headers=headers))
    assert missing.status_code == 404
    assert "<html lang=" in missing.text


@pytest.mark.parametrize(
    "cookie", ["lang=", "lang=" + "x" * 4000, "lang=%ff%fe", "lang=en; lang=ar", "=;=;"]
)
def test_any_language_cookie_is_survived(client: TestClient, cookie: str) -> None:
    response = client.get("/", headers={"Cookie": cookie}, follow_redirects=False)
    assert response.status_code == 302
    assert response.headers["location"] in HOME_PAGES


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(header=st.text(alphabet=st.characters(max_codepoint=255), max_size=600))
def test_negotiation_always_chooses_a_served_language(header: str) -> None:
    locales = LocaleSet.discover(LOCALES)
    assert len(parse_accept_language(header)) <= 32
    assert choose_locale(header, None, locales) in locales


# Paths -----------------------------------------------------------------------------

TRAVERSALS = [
    "/../pyproject.toml",
    "/static/../pwa/app.py",
    "/static/%2e%2e/pwa/app.py",
    "/static/%2E%2E%2Fpwa%2Fapp.py",
    "/static/..%2f..%2fpyproject.toml",
    "/static/..%5c..%5cpyproject.toml",
    "/static/..\\..\\pyproject.toml",
    "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/static/%252e%252e/pwa/app.py",
    "/en/%2e%2e/%2e%2e/locales/es/LC_MESSAGES/messages.po",
    "/static//etc/passwd",
    "/static/css/../../pwa/app.py",
    "/static/%c0%ae%c0%ae/pwa/app.py",
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_traversal_never_leaves_the_site(client: TestClient, path: str) -> None:
    response = timed(lambda: client.get(path))
    assert response.status_code in (301, 302, 404), response.status_code
    assert not any(secret in response.content for secret in SECRETS)


ODD_PATHS = {
    "/%ff%fe/": 404,  # invalid UTF-8
    "/en/%ff/": 404,
    "/en/%c0%af/": 404,
    "/" + "a" * 8000: 404,  # over-long
    "/en/" + "b" * 8000 + "/": 404,
    "/EN/": 301,  # look-alikes of a served language
    "/Es/treatment/": 301,
    "/pt_br/": 301,
    "/ZH_hans/about/": 301,
    "/xx-YY/": 404,
    "/en-US/": 404,
    "/en/treatment": 301,  # no trailing slash
    "/en/treatment/?q=%00&x=<script>": 200,  # a query string is ignored
    "/en/?": 200,
    "/en//": 404,
    "/en/treatment//": 404,
    "/en/%00/": 404,
    "/sw.js/": 404,
    "/static/": 404,
    "/static/css/": 404,
}


@pytest.mark.parametrize("path,status", ODD_PATHS.items(), ids=lambda p: str(p)[:40])
def test_odd_paths_get_a_plain_answer(client: TestClient, path: str, status: int) -> None:
    response = timed(lambda: client.get(path, follow_redirects=False))
    assert response.status_code == status
    if status == 301:
        # A look-alike goes to the canonical address, on this site.
        assert response.headers["location"].startswith("/")
        assert not response.headers["location"].startswith("//")


# Paths: letters, digits, and the characters that make URLs tricky.
PATH_ALPHABET = st.sampled_from(
    [*"abcdefghijklmnopqrstuvwxyz", *"ENZH_-", *"./\\%", "%2e", "%2f", "%5c", "%ff", "%00"]
)


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@example(path="//en/", query="", accept_language="", method="GET")  # found by hypothesis
@given(
    path=st.lists(PATH_ALPHABET, max_size=40).map("".join),
    query=st.text(max_size=30),
    accept_language=st.text(alphabet=st.characters(max_codepoint=255), max_size=80),
    method=st.sampled_from(["GET", "HEAD", "POST", "OPTIONS", "PUT", "DELETE", "TRACE"]),
)
def test_any_request_gets_a_2xx_3xx_or_4xx(
    client: TestClient, path: str, query: str, accept_language: str, method: str
) -> None:
    response = client.request(
        method,
        # Absolute, so that a path starting with "//" stays a path (a client reads a
        # relative "//x" as another host).
        str(client.base_url) + "/" + path,
        params={"q": query} if query else None,
        headers={"Accept-Language": accept_language.encode("latin-1")},
        follow_redirects=False,
    )
    assert 200 <= response.status_code < 500
    assert not any(secret in response.content for secret in SECRETS)
    if method not in ("GET", "HEAD"):
        assert response.status_code == 405


# Methods ---------------------------------------------------------------------------

EVERY_KIND = [
    "/",
    "/en/",
    "/ar/treatment/",
    "/en/treatment",
    "/EN/",
    "/no-such-page/",
    "/sw.js",
    "/en/manifest.webmanifest",
    "/translations/",
    "/static/css/guide.css",
    "/static/no-such-file.css",
]


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "FOO"])
@pytest.mark.parametrize("path", EVERY_KIND)
def test_other_methods_get_405_with_allow_everywhere(
    client: TestClient, method: str, path: str
) -> None:
    response = client.request(method, path, content=b"x" * 1000)
    assert response.status_code == 405
    assert response.headers["allow"] == ALLOW == "GET, HEAD"


@pytest.mark.parametrize("path", EVERY_KIND)
def test_head_answers_like_get_without_a_body(client: TestClient, path: str) -> None:
    get = client.get(path, follow_redirects=False)
    head = client.head(path, follow_redirects=False)
    assert head.status_code == get.status_code
    assert head.content == b""
    for name in ("content-type", "content-length", "etag", "location", "cache-control"):
        assert head.headers.get(name) == get.headers.get(name), name


# Host ------------------------------------------------------------------------------


def test_only_the_configured_hosts_are_served(make_client: Callable[..., TestClient]) -> None:
    client = make_client(allowed_hosts=("guide.example.org", "*.clinic.example"))
    ok = client.get("/en/", headers={"Host": "guide.example.org"})
    assert ok.status_code == 200
    assert client.get("/en/", headers={"Host": "www.clinic.example"}).status_code == 200
    for host in ("evil.example", "guide.example.org.evil.example", "", "x" * 300):
        refused = client.get("/en/", headers={"Host": host})
        assert refused.status_code == 400, host
        # Refused answers carry the security headers too.
        assert "default-src 'none'" in refused.headers["content-security-policy"]


# The real server, raw bytes ------------------------------------------------------------


@pytest.fixture(scope="module")
def server() -> Iterator[GuideServer]:
    running = GuideServer(locales_dir=journey_locales())
    running.deploy()
    yield running
    running.stop()


def raw_request(server: GuideServer, request: bytes) -> bytes:
    """Send bytes as they are (no client library cleans them up); the status line back."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as connection:
        connection.sendall(request)
        answer = b""
        while b"\r\n" not in answer:
            chunk = connection.recv(4096)
            if not chunk:
                break
            answer += chunk
    return answer.split(b"\r\n", 1)[0]


RAW_REQUESTS = {
    "non-UTF-8 path": b"GET /\xff\xfe/ HTTP/1.1\r\nHost: localhost\r\n\r\n",
    "non-UTF-8 in a page path": b"GET /en/\xc3\x28/ HTTP/1.1\r\nHost: localhost\r\n\r\n",
    "backslashes": b"GET /static\\..\\..\\pyproject.toml HTTP/1.1\r\nHost: localhost\r\n\r\n",
    "absolute URI": b"GET http://evil.example/en/ HTTP/1.1\r\nHost: localhost\r\n\r\n",
    "16 KB path": b"GET /" + b"a" * 16384 + b" HTTP/1.1\r\nHost: localhost\r\n\r\n",
    "no Host": b"GET /en/ HTTP/1.0\r\n\r\n",
    "double slash": b"GET //en/ HTTP/1.1\r\nHost: localhost\r\n\r\n",
    "binary Accept-Language": (
        b"GET / HTTP/1.1\r\nHost: localhost\r\nAccept-Language: \x80\xff\xfe;q=\x01\r\n\r\n"
    ),
    "garbage request line": b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n",
}


@pytest.mark.parametrize("request_bytes", RAW_REQUESTS.values(), ids=RAW_REQUESTS.keys())
def test_the_real_server_answers_raw_oddities_with_a_4xx_or_less(
    server: GuideServer, request_bytes: bytes
) -> None:
    status_line = raw_request(server, request_bytes)
    if status_line:  # a request too broken to parse may just be closed
        status = int(status_line.split()[1])
        assert 200 <= status < 500, status_line
    # ...and the server goes on serving.
    assert raw_request(server, b"GET /en/ HTTP/1.1\r\nHost: localhost\r\n\r\n").endswith(b"200 OK")
