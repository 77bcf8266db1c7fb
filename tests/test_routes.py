"""URLs, redirects and what every page carries, through Starlette's TestClient."""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel import Locale
from starlette.testclient import TestClient

from pwa.i18n.locales import LocaleSet
from pwa.i18n.review import with_review_status
from pwa.pages import LANGUAGES_PAGE, PAGES
from tests.conftest import LOCALES, translated

TAGS = LocaleSet.discover(LOCALES).tags


SITE = "https://guide.example.org"


class Head(HTMLParser):
    """The bits of a page a test looks at: <html> attributes, title, alternates, the
    link to the languages page and the languages listed."""

    def __init__(self) -> None:
        super().__init__()
        self.html: dict[str, str | None] = {}
        self.title = ""
        self.alternates: dict[str, str] = {}
        self.picker: list[dict[str, str | None]] = []
        self.language_link: dict[str, str | None] = {}
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "html":
            self.html = attributes
        elif tag == "title":
            self._in_title = True
        elif tag == "link" and attributes.get("rel") == "alternate":
            self.alternates[attributes["hreflang"] or ""] = attributes["href"] or ""
        elif tag == "a" and "data-language" in attributes:
            self.picker.append(attributes)
        elif tag == "a" and attributes.get("class") == "language-link":
            self.language_link = attributes

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def parse(html: str) -> Head:
    head = Head()
    head.feed(html)
    return head


def test_root_redirects_to_the_negotiated_language(client: TestClient) -> None:
    response = client.get(
        "/", headers={"Accept-Language": "es-MX,en;q=0.5"}, follow_redirects=False
    )
    assert response.status_code == 302
    assert response.headers["location"] == "/es/"
    assert response.headers["vary"] == "Accept-Language, Cookie"


def test_root_prefers_the_remembered_choice(client: TestClient) -> None:
    client.cookies.set("lang", "ar")
    response = client.get("/", headers={"Accept-Language": "es"}, follow_redirects=False)
    assert response.headers["location"] == "/ar/"


def test_root_falls_back_to_english(client: TestClient) -> None:
    unserved = [tag for tag in ("ja", "de", "is", "eu", "cy") if tag not in TAGS][:2]
    assert unserved, "choose languages the guide does not serve"
    header = ", ".join(f"{tag};q={1 - n / 2}" for n, tag in enumerate(unserved))
    response = client.get("/", headers={"Accept-Language": header}, follow_redirects=False)
    assert response.headers["location"] == "/en/"


@pytest.mark.parametrize(
    ("path", "location"),
    [
        ("/ES/", "/es/"),
        ("/Es/about/", "/es/about/"),
        ("/AR/what-is-leiomyosarcoma/?from=poster", "/ar/what-is-leiomyosarcoma/?from=poster"),
        ("/es", "/es/"),
        ("/es/about", "/es/about/"),
        ("/EN", "/en/"),
    ],
)
def test_other_spellings_redirect_permanently(client: TestClient, path: str, location: str) -> None:
    response = client.get(path, follow_redirects=False)
    assert response.status_code == 301
    assert response.headers["location"] == location


def test_unknown_language_is_a_404_page_in_the_negotiated_language(client: TestClient) -> None:
    response = client.get("/xx/", headers={"Accept-Language": "es"})
    assert response.status_code == 404
    assert parse(response.text).html["lang"] == "es"
    assert translated("es", "We could not find this page") in response.text
    english = client.get("/xx/", headers={"Accept-Language": "en"})
    assert "We could not find this page" in english.text
    client.cookies.set("lang", "ar")
    arabic = client.get("/klingon/about/", headers={"Accept-Language": "es"})
    assert arabic.status_code == 404
    assert (parse(arabic.text).html["lang"], parse(arabic.text).html["dir"]) == ("ar", "rtl")
    assert translated("ar", "We could not find this page") in arabic.text


@pytest.mark.parametrize("path", ["/xx/", "/favicon.ico", "/robots.txt", "/a/b/c/"])
def test_a_404_chosen_by_the_readers_language_varies_on_it(client: TestClient, path: str) -> None:
    """A shared cache must not give one reader's 404 page to a reader of another language."""
    response = client.get(path, headers={"Accept-Language": "fr"})
    assert response.status_code == 404
    vary = {name.strip().lower() for name in response.headers.get("vary", "").split(",")}
    assert {"accept-language", "cookie"} <= vary


def test_unknown_page_is_a_404_in_that_language(client: TestClient) -> None:
    response = client.get("/es/no-such-page/", headers={"Accept-Language": "en"})
    assert response.status_code == 404
    assert parse(response.text).html["lang"] == "es"
    assert "We could not find this page" not in response.text


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.slug or "home")
@pytest.mark.parametrize("tag", TAGS)
def test_every_page_names_its_language_and_its_alternates(
    make_module_client: Callable[..., TestClient], tag: str, page
) -> None:
    client = make_module_client(site_url=SITE)
    response = client.get(page.path(tag))
    assert response.status_code == 200
    head = parse(response.text)
    babel = Locale.parse(tag, sep="-")
    assert head.html["lang"] == tag
    assert head.html["dir"] == babel.text_direction
    assert head.title.strip()
    assert set(head.alternates) == {*TAGS, "x-default"}
    assert head.alternates["es"] == SITE + page.path("es")
    assert head.alternates["x-default"] == SITE + "/"
    # The way to other languages: one link, which says which page the reader is on.
    assert head.picker == []
    query = f"?page={page.slug}" if page.slug else ""
    assert head.language_link["href"] == LANGUAGES_PAGE.path(tag) + query


@pytest.mark.parametrize("tag", TAGS)
def test_the_languages_page_names_every_language_in_itself(client: TestClient, tag: str) -> None:
    response = client.get(LANGUAGES_PAGE.path(tag))
    assert response.status_code == 200
    head = parse(response.text)
    assert head.html["lang"] == tag
    assert head.language_link.get("aria-current") == "page"
    names = {link["data-language"]: link for link in head.picker}
    assert list(names) == TAGS
    for other, link in names.items():
        # Without JavaScript, each language's home page; language.js adds the page.
        assert link["href"] == PAGES[0].path(other)
        assert link["lang"] == other
        assert (link.get("aria-current") == "true") == (other == tag)
    assert re.search(r'data-language="es"[^>]*>Español</a>', response.text)
    assert re.search(r'data-language="ar"[^>]*>العربية</a>', response.text)
    slugs = re.search(r'data-pages="([^"]*)"', response.text)
    assert slugs and slugs.group(1).split() == [entry.slug for entry in PAGES[1:]]


def test_titles_are_translated(client: TestClient) -> None:
    english = parse(client.get("/en/what-is-leiomyosarcoma/").text).title
    spanish = parse(client.get("/es/what-is-leiomyosarcoma/").text).title
    arabic = parse(client.get("/ar/what-is-leiomyosarcoma/").text).title
    assert len({english, spanish, arabic}) == 3
    assert "<span" not in spanish and "lang=" not in spanish


def test_alternates_are_left_out_until_the_site_url_is_set(client: TestClient) -> None:
    # Search engines take only absolute URLs there, and the guide cannot know its own
    # address: a clinic sets GUIDE_SITE_URL.
    assert parse(client.get("/es/about/").text).alternates == {}


def test_clinic_settings_reach_the_home_page(make_client: Callable[..., TestClient]) -> None:
    client = make_client(
        clinic_name="Clínica Sol & Luna", clinic_phone="+1 555 0100", emergency_number="112"
    )
    page = client.get("/es/").text
    assert "Clínica\u00a0Sol\u00a0&amp;\u00a0Luna" in page  # short: one unbroken name
    assert 'href="tel:+15550100"' in page
    assert 'href="tel:112"' in page
    # Nowhere in the text or a link (a hashed asset name may contain the digits).
    assert "tel:911" not in page and "911" not in re.sub(r"<[^>]*>", " ", page)


def test_pages_carry_security_headers(client: TestClient) -> None:
    response = client.get("/en/")
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy
    assert "unsafe-inline" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "set-cookie" not in response.headers


DRAFT_NOTICE = re.compile(r'<(p|div) class="draft-notice" role="note">(.*?)</\1>', re.S)


def test_draft_translations_say_so_and_link_to_english(
    locales_copy: Path, make_client: Callable[..., TestClient]
) -> None:
    spanish_po = locales_copy / "es" / "LC_MESSAGES" / "messages.po"
    spanish_po.write_text(with_review_status(spanish_po.read_text("utf-8"), "draft"), "utf-8")
    client = make_client(locales_dir=locales_copy)
    spanish = client.get("/es/what-is-leiomyosarcoma/").text
    notice = DRAFT_NOTICE.search(spanish)
    assert notice, "a draft locale must show the review notice"
    # Right after the page's title, where a reader who jumps to the heading goes on.
    assert re.search(r"</h1>\s*<div class=\"draft-notice\"", spanish)
    # One line that opens on every page but the language's home page, which says it all.
    assert "<details><summary>" in notice.group(2)
    assert DRAFT_NOTICE.search(client.get("/es/").text).group(1) == "p"
    # It points to the care team and an interpreter; English is one more way, and the
    # English page offers the way back (?from=es).
    assert "int\u00e9rprete" in notice.group(2)
    assert 'href="/en/what-is-leiomyosarcoma/?from=es"' in notice.group(2)
    assert "<span lang=" not in notice.group(2)  # the notice itself is translated
    english = client.get("/en/what-is-leiomyosarcoma/").text
    assert "draft-notice" not in english
    assert "data-back-to-language" in english and "/js/back-to-language." in english


def test_a_reviewed_translation_has_no_notice(
    locales_copy: Path, make_client: Callable[..., TestClient]
) -> None:
    for gettext_id, status in (("es", "reviewed by A. Reviewer on 2026-11-01"), ("ar", "draft")):
        po = locales_copy / gettext_id / "LC_MESSAGES" / "messages.po"
        po.write_text(with_review_status(po.read_text("utf-8"), status), encoding="utf-8")
    client = make_client(locales_dir=locales_copy)
    assert "draft-notice" not in client.get("/es/").text
    assert "draft-notice" in client.get("/ar/").text
