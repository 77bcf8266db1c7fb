"""The MDN HTTP Observatory's score for one response, from its published scoring table.

Transcribed from mdn/mdn-http-observatory, `src/grader/charts.js` (SCORE_TABLE,
GRADE_CHART, MINIMUM_SCORE_FOR_EXTRA_CREDIT) and the analyzer tests it grades. Every
site starts at 100; penalties are summed first, and bonuses count only when the score
without them is at least 90. 100 or more is an A+.

Only what the response's headers and HTML decide is graded here. The Observatory's
"redirection" test (plain HTTP redirecting to HTTPS on the same host) is a property of
the clinic's TLS set-up, not of the guide: it is taken as passed (modifier 0), and the
README's deployment section says to redirect port 80 to HTTPS.

Written out here rather than run, because the Observatory is a Node service that scans
public hosts over the internet; a test must grade a server on a loopback port.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser

MINIMUM_SCORE_FOR_EXTRA_CREDIT = 90
SIX_MONTHS = 15768000

# (expectation, modifier), from SCORE_TABLE.
CSP = {
    "csp-implemented-with-no-unsafe-default-src-none": 10,
    "csp-implemented-with-no-unsafe": 5,
    "csp-implemented-with-unsafe-inline-in-style-src-only": 0,
    "csp-implemented-with-insecure-scheme-in-passive-content-only": -10,
    "csp-implemented-with-unsafe-eval": -10,
    "csp-implemented-with-unsafe-inline": -20,
    "csp-implemented-with-insecure-scheme": -20,
    "csp-header-invalid": -25,
    "csp-not-implemented": -25,
}
COOKIES = {
    "cookies-secure-with-httponly-sessions-and-samesite": 5,
    "cookies-not-found": 0,
    "cookies-without-secure-flag": -20,
    "cookies-samesite-flag-invalid": -20,
}
CORS = {
    "cross-origin-resource-sharing-not-implemented": 0,
    "cross-origin-resource-sharing-implemented-with-public-access": 0,
    "cross-origin-resource-sharing-implemented-with-universal-access": -50,
}
REFERRER = {
    "referrer-policy-private": 5,
    "referrer-policy-not-implemented": 0,
    "referrer-policy-unsafe": -5,
    "referrer-policy-header-invalid": -5,
}
HSTS = {
    "hsts-implemented-max-age-at-least-six-months": 0,
    "hsts-implemented-max-age-less-than-six-months": -10,
    "hsts-not-implemented": -20,
    "hsts-header-invalid": -20,
}
SRI = {
    "sri-implemented-and-all-scripts-loaded-securely": 5,
    "sri-not-implemented-response-not-html": 0,
    "sri-not-implemented-but-no-scripts-loaded": 0,
    "sri-not-implemented-but-all-scripts-loaded-from-secure-origin": 0,
    "sri-not-implemented-but-external-scripts-loaded-securely": -5,
    "sri-not-implemented-and-external-scripts-not-loaded-securely": -50,
}
XCTO = {
    "x-content-type-options-nosniff": 0,
    "x-content-type-options-not-implemented": -5,
    "x-content-type-options-header-invalid": -5,
}
XFO = {
    "x-frame-options-implemented-via-csp": 5,
    "x-frame-options-sameorigin-or-deny": 0,
    "x-frame-options-not-implemented": -20,
    "x-frame-options-header-invalid": -20,
}
CORP = {
    "cross-origin-resource-policy-implemented-with-same-origin": 10,
    "cross-origin-resource-policy-implemented-with-same-site": 10,
    "cross-origin-resource-policy-implemented-with-cross-origin": 0,
    "cross-origin-resource-policy-not-implemented": 0,
    "cross-origin-resource-policy-header-invalid": -5,
}
REDIRECTION_TO_HTTPS = ("redirection-to-https", 0)

GRADES = [
    (100, "A+"), (90, "A"), (85, "A-"), (80, "B+"), (70, "B"), (65, "B-"), (60, "C+"),
    (50, "C"), (45, "C-"), (40, "D+"), (30, "D"), (25, "D-"), (0, "F"),
]  # fmt: skip


@dataclass
class Result:
    expectations: dict[str, int] = field(default_factory=dict)

    @property
    def score(self) -> int:
        penalties = 100 + sum(m for m in self.expectations.values() if m < 0)
        bonuses = sum(m for m in self.expectations.values() if m > 0)
        if penalties >= MINIMUM_SCORE_FOR_EXTRA_CREDIT:
            penalties += bonuses
        return max(penalties, 0)

    @property
    def grade(self) -> str:
        return next(grade for floor, grade in GRADES if self.score >= floor)


def _directives(policy: str) -> dict[str, list[str]] | None:
    directives: dict[str, list[str]] = {}
    for part in policy.split(";"):
        words = part.split()
        if not words:
            continue
        name = words[0].lower()
        if name in directives or not re.fullmatch(r"[a-z-]+", name):
            return None  # a repeated or malformed directive: the header is invalid
        directives[name] = [word.lower() for word in words[1:]]
    return directives


def _csp(headers: Mapping[str, str]) -> str:
    policy = headers.get("content-security-policy")
    if policy is None:
        return "csp-not-implemented"
    directives = _directives(policy)
    if not directives:
        return "csp-header-invalid"
    default = directives.get("default-src", ["*"])

    def sources(name: str) -> list[str]:
        return directives.get(name, default)

    broad = {"*", "http:", "https:", "data:", "'unsafe-inline'"}
    script, objects, style = sources("script-src"), sources("object-src"), sources("style-src")
    if broad & set(script) or {"*", "http:", "https:", "data:"} & set(objects):
        return "csp-implemented-with-unsafe-inline"
    if "'unsafe-eval'" in script:
        return "csp-implemented-with-unsafe-eval"
    if any(source.startswith("http:") for values in directives.values() for source in values):
        return "csp-implemented-with-insecure-scheme"
    if broad & set(style):
        return "csp-implemented-with-unsafe-inline-in-style-src-only"
    if default == ["'none'"] and "form-action" in directives:
        return "csp-implemented-with-no-unsafe-default-src-none"
    return "csp-implemented-with-no-unsafe"


def _cookies(set_cookies: list[str], https: bool) -> str:
    if not set_cookies:
        return "cookies-not-found"
    flags = [{part.strip().lower() for part in cookie.split(";")[1:]} for cookie in set_cookies]
    if not https or not all("secure" in f for f in flags):
        return "cookies-without-secure-flag"
    if not all(any(f.startswith("samesite=") for f in each) for each in flags):
        return "cookies-samesite-flag-invalid"
    return "cookies-secure-with-httponly-sessions-and-samesite"


def _cors(headers: Mapping[str, str]) -> str:
    origin = headers.get("access-control-allow-origin")
    if origin is None:
        return "cross-origin-resource-sharing-not-implemented"
    if origin.strip() == "*":
        return "cross-origin-resource-sharing-implemented-with-public-access"
    return "cross-origin-resource-sharing-implemented-with-universal-access"


def _referrer(headers: Mapping[str, str]) -> str:
    value = headers.get("referrer-policy")
    if value is None:
        return "referrer-policy-not-implemented"
    # The browser uses the last policy it knows; the Observatory grades that one.
    policies = [p.strip().lower() for p in value.split(",") if p.strip()]
    private = {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}
    unsafe = {"origin", "origin-when-cross-origin", "unsafe-url", "no-referrer-when-downgrade"}
    if policies and policies[-1] in private:
        return "referrer-policy-private"
    if policies and policies[-1] in unsafe:
        return "referrer-policy-unsafe"
    return "referrer-policy-header-invalid"


def _hsts(headers: Mapping[str, str]) -> str:
    value = headers.get("strict-transport-security")
    if value is None:
        return "hsts-not-implemented"
    found = re.search(r"(?:^|;)\s*max-age\s*=\s*\"?(\d+)\"?\s*(?:;|$)", value, re.IGNORECASE)
    if not found:
        return "hsts-header-invalid"
    if int(found.group(1)) < SIX_MONTHS:
        return "hsts-implemented-max-age-less-than-six-months"
    return "hsts-implemented-max-age-at-least-six-months"


class _Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script" and dict(attrs).get("src"):
            self.scripts.append(dict(attrs))


def _sri(headers: Mapping[str, str], body: str) -> str:
    if not headers.get("content-type", "").startswith("text/html"):
        return "sri-not-implemented-response-not-html"
    parser = _Scripts()
    parser.feed(body)
    if not parser.scripts:
        return "sri-not-implemented-but-no-scripts-loaded"
    sources = [str(script["src"]) for script in parser.scripts]
    same_origin = all(src.startswith("/") and not src.startswith("//") for src in sources)
    with_integrity = all(script.get("integrity") for script in parser.scripts)
    if same_origin:
        return (
            "sri-implemented-and-all-scripts-loaded-securely"
            if with_integrity
            else "sri-not-implemented-but-all-scripts-loaded-from-secure-origin"
        )
    if all(src.startswith("https://") for src in sources):
        return "sri-not-implemented-but-external-scripts-loaded-securely"
    return "sri-not-implemented-and-external-scripts-not-loaded-securely"


def _xcto(headers: Mapping[str, str]) -> str:
    value = headers.get("x-content-type-options")
    if value is None:
        return "x-content-type-options-not-implemented"
    if value.strip().lower() == "nosniff":
        return "x-content-type-options-nosniff"
    return "x-content-type-options-header-invalid"


def _xfo(headers: Mapping[str, str]) -> str:
    directives = _directives(headers.get("content-security-policy", "")) or {}
    if "frame-ancestors" in directives:
        return "x-frame-options-implemented-via-csp"
    value = headers.get("x-frame-options")
    if value is None:
        return "x-frame-options-not-implemented"
    if value.strip().lower() in {"deny", "sameorigin"}:
        return "x-frame-options-sameorigin-or-deny"
    return "x-frame-options-header-invalid"


def _corp(headers: Mapping[str, str]) -> str:
    value = headers.get("cross-origin-resource-policy")
    if value is None:
        return "cross-origin-resource-policy-not-implemented"
    name = value.strip().lower()
    if name in {"same-origin", "same-site", "cross-origin"}:
        return f"cross-origin-resource-policy-implemented-with-{name}"
    return "cross-origin-resource-policy-header-invalid"


def grade(
    headers: Mapping[str, str], set_cookies: list[str], body: str = "", https: bool = True
) -> Result:
    """`headers` with lower-case names (one value each); `set_cookies` every Set-Cookie."""
    result = Result()
    for table, expectation in [
        (CSP, _csp(headers)),
        (COOKIES, _cookies(set_cookies, https)),
        (CORS, _cors(headers)),
        (REFERRER, _referrer(headers)),
        (HSTS, _hsts(headers)),
        (SRI, _sri(headers, body)),
        (XCTO, _xcto(headers)),
        (XFO, _xfo(headers)),
        (CORP, _corp(headers)),
    ]:
        result.expectations[expectation] = table[expectation]
    result.expectations[REDIRECTION_TO_HTTPS[0]] = REDIRECTION_TO_HTTPS[1]
    return result
