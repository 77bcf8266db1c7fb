"""Shared fixtures: the app in-process (TestClient) and a copy of the catalogs to change."""

from __future__ import annotations

import html
import re
import shutil
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from markupsafe import escape
from starlette.testclient import TestClient
from starlette.types import ASGIApp

from pwa.app import create_app
from pwa.pages import PAGES, UTILITY_PAGES
from pwa.settings import PROJECT_ROOT, Settings
from tests.servers import build, readable_folder

LOCALES = PROJECT_ROOT / "locales"


def every_path(tag: str) -> list[str]:
    """Every HTML page a reader of `tag` can open: the guide's pages, the utility
    pages, the "not found" page, and (once, in English) the translation status."""
    paths = [entry.path(tag) for entry in (*PAGES, *UTILITY_PAGES)]
    paths.append(f"/{tag}/no-such-page/")
    if tag == "en":
        paths.append("/translations/")
    return paths


TEMPLATE = LOCALES / "messages.pot"


def write_catalog(
    locales_dir: Path, gettext_id: str, translations: Mapping[object, str] | None = None
) -> Path:
    """A `.po` for `gettext_id` made from the real template, with the given msgstrs.

    A plural message is keyed by its (singular, plural) msgid and gets the same text
    in each of the language's plural forms.
    """
    with TEMPLATE.open("rb") as handle:
        template = read_po(handle)
    catalog = Catalog(locale=gettext_id, project=template.project)
    for message in template:
        if not message.id:
            continue
        text = (translations or {}).get(message.id, "")
        forms = (text,) * catalog.num_plurals if message.pluralizable else text
        catalog.add(message.id, forms, context=message.context)
    po = locales_dir / gettext_id / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True, exist_ok=True)
    with po.open("wb") as handle:
        write_po(handle, catalog)
    return po


def translated(gettext_id: str, msgid: str, context: str | None = None) -> str:
    """The committed translation of a message, HTML-escaped as a page shows it."""
    with (LOCALES / gettext_id / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        message = read_po(handle).get(msgid, context)
    text = message.string if message else ""
    assert text, f"{gettext_id} has no translation for {msgid!r}"
    return str(escape(text))


def plain_translation(gettext_id: str, msgid: str) -> str | None:
    """A message's committed translation as plain text (links and bold dropped), or
    None while the language has not translated it."""
    with (LOCALES / gettext_id / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        message = read_po(handle).get(msgid)
    if message is None or not message.string or message.fuzzy:
        return None
    return html.unescape(re.sub(r"<[^>]+>", "", str(message.string)))


@pytest.fixture
def locales_copy(tmp_path: Path) -> Path:
    """A scratch copy of locales/ without compiled catalogs, safe to change."""
    target = tmp_path / "locales"
    shutil.copytree(LOCALES, target, ignore=shutil.ignore_patterns("*.mo"))
    return target


@pytest.fixture(scope="session")
def default_app() -> Iterator[ASGIApp]:
    """The guide with the repository's own files and settings, built once per run.

    Building an app renders every page of every language (about half a second), so
    tests that do not change settings or files share this one, each with a client of
    its own (its own cookies).
    """
    with TestClient(create_app(Settings())) as client:
        yield client.app


def _client_factory(default_app: ASGIApp) -> Iterator[Callable[..., TestClient]]:
    clients: list[TestClient] = []

    def make(**overrides: object) -> TestClient:
        if not overrides:
            return TestClient(default_app)
        client = TestClient(create_app(Settings(**overrides)))  # type: ignore[arg-type]
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def make_client(default_app: ASGIApp) -> Iterator[Callable[..., TestClient]]:
    yield from _client_factory(default_app)


@pytest.fixture(scope="module")
def make_module_client(default_app: ASGIApp) -> Iterator[Callable[..., TestClient]]:
    """For tests that only read pages: one app per module instead of one per test."""
    yield from _client_factory(default_app)


@pytest.fixture
def client(make_client: Callable[..., TestClient]) -> TestClient:
    return make_client()


@pytest.fixture(scope="session")
def exported() -> Iterator[Path]:
    """The static export, made once per run by the real command (tests/test_export.py
    and tests/test_nginx.py read it)."""
    folder = readable_folder("lms-guide-built-")
    out = folder / "site"
    result = build(out)
    assert result.returncode == 0, result.stderr
    assert "9 languages" in result.stdout
    yield out
    shutil.rmtree(folder, ignore_errors=True)
