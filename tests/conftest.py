"""Shared fixtures: the app in-process (TestClient) and a copy of the catalogs to change.

The catalogs are those of GUIDE_LOCALES_DIR when it is set, as for the server: the
suite can then be run against catalogs as translators left them (a new partial
language, a reviewed one), and what it expects of them comes from the catalogs
themselves (tests/test_follows_the_data.py runs it so).
"""

from __future__ import annotations

import fcntl
import html
import os
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
from pwa.export import MARKER
from pwa.i18n.locales import SOURCE_LOCALE, LocaleSet
from pwa.pages import PAGES, UTILITY_PAGES
from pwa.settings import PROJECT_ROOT, Settings
from tests.servers import build, readable_folder

LOCALES = Path(os.environ.get("GUIDE_LOCALES_DIR") or PROJECT_ROOT / "locales").resolve()


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


def po_path(locales_dir: Path, gettext_id: str) -> Path:
    return locales_dir / gettext_id / "LC_MESSAGES" / "messages.po"


def set_translation(po: Path, msgid: str, msgstr: str) -> int:
    """Give a (singular, not fuzzy) message a new translation, as a translator's
    editor would, leaving every other line of the file as it was; the message's line."""
    with po.open("rb") as handle:
        message = read_po(handle)[msgid]
    assert message is not None and message.lineno and not message.fuzzy, msgid
    lines = po.read_text(encoding="utf-8").split("\n")
    start = next(n for n in range(message.lineno - 1, len(lines)) if lines[n].startswith("msgstr"))
    end = start + 1
    while end < len(lines) and lines[end].startswith('"'):
        end += 1
    escaped = msgstr.replace("\\", "\\\\").replace('"', '\\"')
    lines[start:end] = [f'msgstr "{escaped}"']
    text = "\n".join(lines)
    po.write_text(text, encoding="utf-8")
    return message.lineno


def shown_text(locales_dir: Path, gettext_id: str, msgid: str) -> str:
    """A message as a page of that language shows it: its translation, HTML-escaped,
    or the English when it has none, it is fuzzy, or the language is English."""
    if gettext_id == SOURCE_LOCALE:
        return str(escape(msgid))
    with po_path(locales_dir, gettext_id).open("rb") as handle:
        message = read_po(handle)[msgid]
    shown = message is not None and message.string and not message.fuzzy
    return str(escape(message.string if shown else msgid))


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


@pytest.fixture(autouse=True)
def guide_environment() -> Iterator[None]:
    """Every test ends with the GUIDE_* variables it started with.

    `serve --reload` sets GUIDE_OFFLINE=0 (and `--sample-clinic` the clinic's details)
    in its own process, as it should; monkeypatch.delenv of a variable that is not set
    records nothing to undo, so a test running it left them set, and every server a
    later test started in that process served no service worker (journeys that save
    for offline failed, far from the test that caused it).
    """
    before = {name: value for name, value in os.environ.items() if name.startswith("GUIDE_")}
    yield
    for name in [name for name in os.environ if name.startswith("GUIDE_")]:
        if name not in before:
            del os.environ[name]
    os.environ.update(before)


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
    with TestClient(create_app(Settings(locales_dir=LOCALES))) as client:
        yield client.app


def _test_client(app: ASGIApp) -> TestClient:
    """A client that asks for uncompressed answers unless a test says otherwise.

    httpx asks for brotli by default, and the guide compresses a page with brotli at
    its best quality on its first request (about 15 ms): over every page of 24
    languages in every app a test builds, that was minutes of the suite. Tests of
    compression send their own Accept-Encoding.
    """
    return TestClient(app, headers={"Accept-Encoding": "identity"})


def _client_factory(
    default_app: ASGIApp, reuse: bool = False
) -> Iterator[Callable[..., TestClient]]:
    """`make(**settings)`: a client of the guide built with those settings (over the
    catalogs of LOCALES unless `locales_dir` is given). With `reuse`, the same
    settings give a client of the same app: for tests that only read pages."""
    clients: list[TestClient] = []
    apps: dict[str, ASGIApp] = {}

    def make(**overrides: object) -> TestClient:
        if not overrides:
            return _test_client(default_app)
        key = repr(sorted(overrides.items()))
        if reuse and key in apps:
            return _test_client(apps[key])
        settings = Settings(**{"locales_dir": LOCALES, **overrides})  # type: ignore[arg-type]
        client = _test_client(create_app(settings))
        client.__enter__()
        clients.append(client)
        apps[key] = client.app
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def make_client(default_app: ASGIApp) -> Iterator[Callable[..., TestClient]]:
    yield from _client_factory(default_app)


@pytest.fixture(scope="module")
def make_module_client(default_app: ASGIApp) -> Iterator[Callable[..., TestClient]]:
    """For tests that only read pages: one app per module and settings instead of one
    per test."""
    yield from _client_factory(default_app, reuse=True)


@pytest.fixture
def client(make_client: Callable[..., TestClient]) -> TestClient:
    return make_client()


SHARED = "GUIDE_TEST_SHARED"  # a folder all test processes of one run can use


def pytest_configure(config: pytest.Config) -> None:
    """In the process that starts the run (before pytest-xdist starts its workers,
    which inherit the environment): a readable folder for what the run makes once."""
    if not hasattr(config, "workerinput") and SHARED not in os.environ:
        folder = readable_folder("lms-guide-run-")
        os.environ[SHARED] = str(folder)
        config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))
        # Built sites are kept for this run alone (pwa/site_cache.py): every app and
        # server of the same inputs builds once, and nothing is read from an earlier
        # run or from the user's own cache.
        os.environ["GUIDE_CACHE_DIR"] = str(folder / "built")


@pytest.fixture(scope="session")
def exported() -> Path:
    """The static export, made once per run by the real command (tests/test_export.py
    and tests/test_nginx.py read it). Building it compresses every file of every
    language (half a minute or more): the first test process to need it builds it,
    the other waits for it and reads the same folder."""
    folder = Path(os.environ[SHARED])
    out = folder / "site"
    with (folder / "site.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not (out / MARKER).is_file():
            result = build(out)
            assert result.returncode == 0, result.stderr
            assert f"{len(LocaleSet.discover(LOCALES))} languages" in result.stdout
    return out
