"""The manifest, the service worker and its precache list, through Starlette's TestClient.

What happens in a browser (installing, saving, reading offline, updating) is tested
in tests/browser/test_offline.py; here, that what the browser is given is right.
"""

from __future__ import annotations

import html
import io
import json
import re
import shutil
import struct
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from starlette.testclient import TestClient

from pwa import search_index
from pwa.assets import minify_js
from pwa.i18n.locales import LocaleSet
from pwa.offline import SOURCE, revision
from pwa.pages import PAGES, UTILITY_PAGES
from pwa.settings import PROJECT_ROOT
from pwa.webmanifest import DESCRIPTION, NAME, SHORT_NAME, ThemeColours
from tests.conftest import LOCALES, shown_text
from tests.test_routes import TAGS

STATIC = PROJECT_ROOT / "static"


@pytest.fixture(scope="module")
def client(make_module_client: Callable[..., TestClient]) -> TestClient:
    return make_module_client()


def precache(client: TestClient) -> dict:
    script = client.get("/sw.js").text
    match = re.search(r"^const PRECACHE = (.*);$", script, re.M)
    assert match, "no precache list in /sw.js"
    return json.loads(match.group(1))


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


# The manifest ----------------------------------------------------------------------


@pytest.mark.parametrize("tag", TAGS)
def test_each_language_has_a_manifest_that_installs_the_guide_in_it(
    client: TestClient, tag: str
) -> None:
    response = client.get(f"/{tag}/manifest.webmanifest")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/manifest+json"
    assert response.headers["cache-control"] == "no-cache"
    manifest = response.json()
    assert manifest["id"] == manifest["start_url"] == f"/{tag}/"
    assert manifest["scope"] == "/"
    assert manifest["display"] == "standalone"
    assert manifest["lang"] == tag
    locale = LocaleSet.discover(LOCALES).get(tag)
    assert locale and manifest["dir"] == locale.direction
    assert re.fullmatch(r"#[0-9a-f]{6}", manifest["theme_color"])
    assert re.fullmatch(r"#[0-9a-f]{6}", manifest["background_color"])
    assert manifest["theme_color"] != manifest["background_color"]
    # The name under the icon fits a home screen.
    assert 0 < len(manifest["short_name"]) <= 12, manifest["short_name"]
    fields = {"name": NAME, "short_name": SHORT_NAME, "description": DESCRIPTION}
    for field, msgid in fields.items():
        # In the language, or in English until its catalog translates it.
        assert manifest[field] == html.unescape(shown_text(LOCALES, locale.gettext_id, msgid))
        assert manifest[field] and "<" not in manifest[field]


def test_icons_are_pngs_of_their_stated_size_for_any_and_maskable_use(
    client: TestClient,
) -> None:
    icons = client.get("/es/manifest.webmanifest").json()["icons"]
    seen = set()
    for icon in icons:
        response = client.get(icon["src"])
        assert response.status_code == 200, icon["src"]
        assert response.headers["content-type"] == "image/png"
        width, height = png_size(response.content)
        assert icon["sizes"] == f"{width}x{height}" and icon["type"] == "image/png"
        seen.add((icon["purpose"], width))
    # Separate maskable icons: a maskable one used as "any" would look cropped.
    assert seen == {("any", 192), ("any", 512), ("maskable", 192), ("maskable", 512)}


def test_iphones_get_a_180px_opaque_home_screen_icon_that_is_saved_for_offline(
    client: TestClient,
) -> None:
    """iOS reads no manifest icons: its Home Screen icon is the page's
    apple-touch-icon, 180 px, and transparent corners would show black."""
    html = client.get("/es/").text
    match = re.search(r'<link rel="apple-touch-icon" href="([^"]+)" sizes="(\d+)x(\d+)">', html)
    assert match, "no apple-touch-icon link with its size"
    url, width, height = match.group(1), int(match.group(2)), int(match.group(3))
    response = client.get(url)
    assert response.status_code == 200 and response.headers["content-type"] == "image/png"
    assert png_size(response.content) == (width, height) == (180, 180)
    image = Image.open(io.BytesIO(response.content))
    assert image.convert("RGBA").getextrema()[3] == (255, 255), "transparent pixels"
    # Saved with the rest, from the hashed assets (no list kept by hand).
    assert url in precache(client)["shared"]


def test_an_unknown_language_has_no_manifest(client: TestClient) -> None:
    assert client.get("/xx/manifest.webmanifest").status_code == 404


@pytest.mark.parametrize("tag", TAGS)
def test_every_page_links_its_languages_manifest_and_theme_colours(
    client: TestClient, tag: str
) -> None:
    manifest = client.get(f"/{tag}/manifest.webmanifest").json()
    for entry in (*PAGES, *UTILITY_PAGES):
        html = client.get(entry.path(tag)).text
        assert f'<link rel="manifest" href="/{tag}/manifest.webmanifest">' in html
        assert (
            f'<meta name="theme-color" content="{manifest["theme_color"]}" '
            'media="(prefers-color-scheme: light)">' in html
        )
        assert '<link rel="apple-touch-icon" href="/static/icons/apple-touch-icon-180.' in html


def test_theme_colours_follow_the_stylesheet() -> None:
    css = """
    :root { --text: #111; --background: #fafafa; --accent: #123456; }
    @media (prefers-color-scheme: dark) { :root { --background: #101010; --accent: #abcdef; } }
    """
    colours = ThemeColours.from_css(css)
    assert colours == ThemeColours("#123456", "#fafafa", "#101010", "#101010")
    real = ThemeColours.from_css((STATIC / "css" / "guide.css").read_text("utf-8"))
    assert real.theme != real.dark_theme


# The service worker ----------------------------------------------------------------


def test_the_worker_is_served_from_the_root_as_javascript_that_is_always_revalidated(
    client: TestClient,
) -> None:
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/javascript; charset=utf-8"
    assert response.headers["cache-control"] == "no-cache"
    # Its source is service_worker/sw.js, minified, after the generated constants.
    source = SOURCE.read_text("utf-8")
    assert response.text.endswith(minify_js(source))
    assert len(minify_js(source)) < 0.75 * len(source)
    assert "// " not in minify_js(source)
    again = client.get("/sw.js", headers={"If-None-Match": response.headers["etag"]})
    assert again.status_code == 304 and again.content == b""


def test_the_precache_list_is_every_page_and_asset_with_the_revision_of_its_bytes(
    client: TestClient,
) -> None:
    listing = precache(client)
    assert sorted(listing["locales"]) == sorted(TAGS)
    for tag, locale in listing["locales"].items():
        assert locale["home"] == f"/{tag}/" and locale["offline"] == f"/{tag}/offline/"
        expected = {entry.path(tag) for entry in (*PAGES, *UTILITY_PAGES)}
        expected.add(f"/{tag}/manifest.webmanifest")
        expected.add(search_index.path(tag))
        assert set(locale["pages"]) == expected
        for path, listed in locale["pages"].items():
            response = client.get(path, headers={"Accept-Encoding": "identity"})
            assert response.status_code == 200, path
            assert listed == revision(response.content), f"{path}: stale revision"
            assert response.headers["etag"] == f'"{listed}"'
    # Every file in static/, under its hashed name, with the hash of its bytes.
    files = {"/static/" + p.relative_to(STATIC).as_posix(): p for p in STATIC.rglob("*")}
    files = {url: path for url, path in files.items() if path.is_file()}
    unhashed = {re.sub(r"\.[0-9a-f]{12}(?=\.\w+$)", "", url) for url in listing["shared"]}
    assert unhashed == set(files)
    for url, listed in listing["shared"].items():
        response = client.get(url, headers={"Accept-Encoding": "identity"})
        assert response.status_code == 200
        assert "immutable" in response.headers["cache-control"]
        plain = re.sub(r"\.[0-9a-f]{12}(?=\.\w+$)", "", url)
        source = files[plain].read_bytes()
        if plain.endswith(".js"):  # scripts are served minified
            source = minify_js(source.decode()).encode()
        assert listed == revision(response.content) == revision(source)
        assert f".{listed}." in url


def test_pages_answer_304_when_the_readers_copy_is_current(client: TestClient) -> None:
    first = client.get("/es/treatment/")
    again = client.get("/es/treatment/", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304
    changed = client.get("/es/treatment/", headers={"If-None-Match": '"0123456789ab"'})
    assert changed.status_code == 200 and changed.content == first.content
    several = f'"0123456789ab", {first.headers["etag"]}'
    assert client.get("/es/treatment/", headers={"If-None-Match": several}).status_code == 304
    assert client.get("/es/treatment/", headers={"If-None-Match": "*"}).status_code == 304


def test_a_changed_page_changes_its_revision_and_the_workers_version_only(
    tmp_path: Path, make_client: Callable[..., TestClient]
) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(PROJECT_ROOT / "templates", templates)
    before = precache(make_client(templates_dir=templates))
    page = templates / "pages" / "types.html"
    page.write_text(page.read_text("utf-8").replace("{% endblock %}", "<p>New.</p>{% endblock %}"))
    after_client = make_client(templates_dir=templates)
    after = precache(after_client)
    for tag in TAGS:
        old, new = before["locales"][tag]["pages"], after["locales"][tag]["pages"]
        changed = {path for path in old if old[path] != new[path]}
        # The page, and the search index made from it.
        assert changed == {f"/{tag}/types/", search_index.path(tag)}
    assert before["shared"] == after["shared"]
    versions = [
        re.search(r'^const VERSION = "(\w+)";', client.get("/sw.js").text, re.M).group(1)
        for client in (make_client(), after_client)
    ]
    assert versions[0] != versions[1]


def test_clinic_settings_are_part_of_the_saved_version(
    make_client: Callable[..., TestClient],
) -> None:
    plain = precache(make_client())
    clinic = precache(make_client(clinic_name="Harbor Clinic", clinic_phone="555 0100"))
    assert plain["locales"]["en"]["pages"]["/en/"] != clinic["locales"]["en"]["pages"]["/en/"]


# The offline page ------------------------------------------------------------------


@pytest.mark.parametrize("tag", ["es", "ar", "zh-Hans"])
def test_the_offline_page_links_to_every_page_of_its_language(client: TestClient, tag: str) -> None:
    response = client.get(f"/{tag}/offline/")
    assert response.status_code == 200
    html = response.text
    assert '<meta name="robots" content="noindex">' in html
    for entry in PAGES:
        assert f'href="{entry.path(tag)}"' in html
    # It is not part of the reading order.
    assert 'rel="next"' not in html and 'hreflang="x-default"' not in html
    assert "/offline/" not in client.get(f"/{tag}/").text
