"""Security and privacy headers on every kind of response, graded as the MDN HTTP
Observatory grades them (tests/observatory.py): A+ is required."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

import pytest
from starlette.testclient import TestClient

from pwa.i18n.locales import LocaleSet
from pwa.serving.security import CONTENT_SECURITY_POLICY
from tests import observatory
from tests.conftest import LOCALES, shown_text

SIX_MONTHS = 15768000
# Every kind of response the server gives, with how it is asked for.
KINDS: dict[str, tuple[str, str, dict[str, str]]] = {
    "page": ("GET", "/en/", {}),
    "Arabic page": ("GET", "/ar/treatment/", {}),
    "languages page": ("GET", "/ar/languages/?page=treatment", {}),
    "offline page": ("GET", "/es/offline/", {}),
    "not modified": ("GET", "/en/", {"If-None-Match": "*"}),
    "root redirect": ("GET", "/", {"Accept-Language": "es"}),
    "canonical redirect": ("GET", "/ES/treatment", {}),
    "not found page": ("GET", "/en/no-such-page/", {}),
    "unknown language": ("GET", "/xx/", {}),
    "service worker": ("GET", "/sw.js", {}),
    "web app manifest": ("GET", "/fr/manifest.webmanifest", {}),
    "translation status": ("GET", "/translations/", {}),
    "stylesheet (unhashed name)": ("GET", "/static/css/guide.css", {}),
    "missing static file": ("GET", "/static/css/missing.css", {}),
    "refused method": ("POST", "/en/", {}),
    "HEAD": ("HEAD", "/en/about/", {}),
}
REQUIRED_DIRECTIVES = {
    "default-src": "'none'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self'",
    "manifest-src": "'self'",
    "connect-src": "'self'",
    "worker-src": "'self'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


@pytest.fixture(scope="module")
def https(make_module_client: Callable[..., TestClient]) -> TestClient:
    """The guide as a browser reaches it over HTTPS (uvicorn sets the scheme from the
    TLS connection, or from X-Forwarded-Proto behind a trusted proxy)."""
    client = make_module_client()
    client.base_url = client.base_url.copy_with(scheme="https")
    return client


def fetch(client: TestClient, kind: str):
    method, path, headers = KINDS[kind]
    return client.request(method, path, headers=headers, follow_redirects=False)


def policy(header: str) -> dict[str, str]:
    return {
        part.split()[0]: " ".join(part.split()[1:]) for part in header.split(";") if part.strip()
    }


@pytest.mark.parametrize("kind", KINDS)
def test_every_response_carries_the_security_headers(https: TestClient, kind: str) -> None:
    response = fetch(https, kind)
    assert response.status_code < 500
    headers = response.headers
    assert policy(headers["content-security-policy"]) == REQUIRED_DIRECTIVES
    assert "unsafe" not in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["cross-origin-opener-policy"] == "same-origin"
    assert headers["cross-origin-resource-policy"] == "same-origin"
    denied = re.findall(r"([a-z-]+)=\(\)", headers["permissions-policy"])
    assert {"camera", "microphone", "geolocation", "payment", "usb"} <= set(denied)
    max_age = re.search(r"max-age=(\d+)", headers["strict-transport-security"])
    assert max_age and int(max_age.group(1)) >= SIX_MONTHS
    # No cookie from the server, ever: the only one is the reader's own language
    # choice, which static/js/language.js writes in the browser.
    assert "set-cookie" not in headers


@pytest.mark.parametrize("kind", KINDS)
def test_every_response_grades_a_plus_on_the_observatory(https: TestClient, kind: str) -> None:
    response = fetch(https, kind)
    result = observatory.grade(
        {name: response.headers[name] for name in response.headers},
        response.headers.get_list("set-cookie"),
        response.text,
    )
    assert result.grade == "A+", (result.score, result.expectations)
    assert result.score >= 100


def test_the_observatory_grading_would_notice_a_weaker_policy(https: TestClient) -> None:
    """The grader is not a rubber stamp: the same page without a CSP, or with
    'unsafe-inline', or with a cookie sent over plain HTTP, falls below A+."""
    response = fetch(https, "page")
    headers = {name: response.headers[name] for name in response.headers}
    full = observatory.grade(headers, [], response.text)
    assert full.score == 130  # 100, +10 CSP, +5 referrer, +5 frame-ancestors, +10 CORP
    without_csp = {k: v for k, v in headers.items() if k != "content-security-policy"}
    # -25 for no CSP, -20 for no frame-ancestors and no X-Frame-Options: no bonus.
    assert observatory.grade(without_csp, [], response.text).score == 55
    inline = {**headers, "content-security-policy": "default-src 'self' 'unsafe-inline'"}
    assert observatory.grade(inline, [], response.text).score < 100
    no_hsts = {k: v for k, v in headers.items() if k != "strict-transport-security"}
    assert observatory.grade(no_hsts, ["lang=en"], response.text, https=False).score < 100


def test_hsts_only_over_https_unless_configured(make_client: Callable[..., TestClient]) -> None:
    plain = make_client()
    assert "strict-transport-security" not in plain.get("/en/").headers
    configured = make_client(hsts=True)
    for path in ("/en/", "/static/css/guide.css", "/no-such-page/"):
        assert configured.get(path).headers["strict-transport-security"].startswith("max-age=")


def test_the_policy_is_written_once() -> None:
    """pwa/serving/security.py is the one place the policy is written; the nginx sample
    repeats it and tests/test_nginx.py checks it there."""
    assert policy(CONTENT_SECURITY_POLICY) == REQUIRED_DIRECTIVES


PRIVACY = [
    "This guide has no ads, no analytics and no tracking. It sends nothing about you to anyone.",
    "Every page, picture and file comes from this guide's own website. It loads nothing from "
    "other websites.",
    "It keeps what it needs on your own phone: the language you chose, in a small cookie; the "
    "text size and colors you chose; and a copy of the guide, so that you can read it with no "
    "internet.",
    "If you write notes or tick questions in the guide, they stay on this phone. They are never "
    "sent anywhere.",
]


@pytest.mark.parametrize("tag", LocaleSet.discover(LOCALES).tags)
def test_the_about_page_says_what_stays_private_in_every_language(
    https: TestClient, tag: str
) -> None:
    about = https.get(f"/{tag}/about/").text
    section = html.unescape(about[about.index('id="privacy"') :])
    for msgid in PRIVACY:
        # In the reader's language, or in English until it is translated.
        expected = html.unescape(shown_text(LOCALES, tag.replace("-", "_"), msgid))
        assert expected in section, (tag, msgid)
