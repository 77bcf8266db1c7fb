"""Faults while a preview runs (`python -m pwa serve --reload`): a template or catalog
deleted or broken, a static file missing. Each costs only what depends on it; the
server's log says what and where in one line; everything else keeps serving.

The server runs on copies of templates/, locales/ and static/ (GUIDE_*_DIR), which
--reload watches; each step breaks one thing (and mends the one before) and waits
for the preview to rebuild.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from pwa.i18n.locales import LocaleSet
from pwa.settings import PROJECT_ROOT
from tests.servers import free_port, journey_locales, terminate, variables

READY = "guide ready:"


@dataclass
class Preview:
    url: str
    root: Path  # holds templates/, locales/ and static/
    log: Path
    process: subprocess.Popen[bytes]

    def status(self, path: str) -> int:
        try:
            with urllib.request.urlopen(self.url + path, timeout=5) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code
        except OSError:
            return 0  # restarting

    def text(self, path: str) -> str:
        with urllib.request.urlopen(self.url + path, timeout=5) as response:
            return response.read().decode()

    def builds(self) -> list[str]:
        """The log of each start, up to its "guide ready" line."""
        return self.log.read_text("utf-8", "replace").split(READY)[:-1]

    def rebuilt(self, change: Callable[[], None], expected: dict[str, int]) -> str:
        """Make `change`, wait until the preview serves `expected`, return that build's log."""
        started = len(self.builds())
        change()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if len(self.builds()) > started and all(
                self.status(path) == status for path, status in expected.items()
            ):
                return self.builds()[-1].split("\n", 1)[-1]
            time.sleep(0.2)
        raise AssertionError(
            f"the preview did not settle: { {p: self.status(p) for p in expected} }\n"
            + self.log.read_text("utf-8", "replace")[-3000:]
        )


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Preview]:
    root = tmp_path_factory.mktemp("content")
    # The journeys' few languages: each fault rebuilds the whole preview.
    sources = {"templates": PROJECT_ROOT / "templates", "locales": journey_locales()}
    for name in ("templates", "locales", "static"):
        source = sources.get(name, PROJECT_ROOT / name)
        shutil.copytree(source, root / name, ignore=shutil.ignore_patterns("*.mo"))
    port = free_port()
    log = root / "server.log"
    settings = {f"{name}_dir": str(root / name) for name in ("templates", "locales", "static")}
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "pwa", "serve", "--reload", "--port", str(port)],
            cwd=PROJECT_ROOT,
            env={**os.environ, **variables(settings), "PYTHONUNBUFFERED": "1"},
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    running = Preview(f"http://127.0.0.1:{port}", root, log, process)
    try:
        deadline = time.monotonic() + 30
        while running.status("/en/") != 200:
            assert process.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.1)
        yield running
    finally:
        terminate(process)


def error_lines(build_log: str) -> list[str]:
    return [line for line in build_log.splitlines() if line.startswith(("ERROR", "CRITICAL"))]


def assert_one_clear_line(build_log: str, *words: str) -> None:
    errors = error_lines(build_log)
    assert len(errors) == 1, build_log
    assert all(word in errors[0] for word in words), errors
    assert "Traceback" not in build_log


def test_faults_cost_only_what_depends_on_them(preview: Preview) -> None:
    templates, locales, static = (preview.root / n for n in ("templates", "locales", "static"))
    treatment = templates / "pages" / "treatment.html"
    glossary = templates / "pages" / "glossary.html"
    french = locales / "fr" / "LC_MESSAGES" / "messages.po"
    spanish = locales / "es" / "LC_MESSAGES" / "messages.po"
    script = static / "js" / "common.js"
    originals = {path: path.read_bytes() for path in (treatment, glossary, french, spanish, script)}

    def mend(path: Path) -> None:
        path.write_bytes(originals[path])

    # A template saved half-edited: its pages answer 503, every other page serves.
    log = preview.rebuilt(
        lambda: treatment.write_text("{% if %}\n", "utf-8"),
        {"/en/treatment/": 503, "/ar/treatment/": 503, "/en/": 200, "/fr/glossary/": 200},
    )
    languages = len(LocaleSet.discover(locales))  # one page each
    assert_one_clear_line(log, "templates/pages/treatment.html, line 1", f"{languages} pages")

    # A template deleted.
    log = preview.rebuilt(
        lambda: (mend(treatment), glossary.unlink()),
        {"/es/glossary/": 503, "/es/treatment/": 200, "/en/": 200},
    )
    assert_one_clear_line(log, "templates/pages/glossary.html is missing")

    # A catalog broken: that language is served in English.
    lines = originals[french].decode().splitlines()
    lines.insert(30, "this line is not gettext syntax")
    log = preview.rebuilt(
        lambda: (mend(glossary), french.write_text("\n".join(lines), "utf-8")),
        {"/fr/glossary/": 200, "/fr/": 200, "/en/": 200},
    )
    assert_one_clear_line(log, "fr/LC_MESSAGES/messages.po:31")
    assert '<span lang="en">About this guide</span>' in preview.text("/fr/about/")

    # A catalog deleted: that language is gone (a 404 page), every other one serves.
    log = preview.rebuilt(
        lambda: (mend(french), spanish.unlink()),
        {"/es/": 404, "/fr/": 200, "/ar/treatment/": 200},
    )
    assert_one_clear_line(log, "es/LC_MESSAGES/messages.po is missing")
    assert "Qu’est-ce" in preview.text("/fr/what-is-leiomyosarcoma/")

    # A static file missing: pages still serve, and link its plain name (a 404).
    log = preview.rebuilt(
        lambda: (mend(spanish), script.unlink()),
        {"/es/": 200, "/en/treatment/": 200, "/static/js/common.js": 404},
    )
    assert_one_clear_line(log, "static/js/common.js is missing")
    assert re.search(r'<script src="/static/js/common.js"', preview.text("/en/"))

    # Mended: a clean start, no error at all.
    log = preview.rebuilt(lambda: mend(script), {"/static/js/common.js": 200, "/es/": 200})
    assert error_lines(log) == []
    assert re.search(r'<script src="/static/js/common\.[0-9a-f]{12}\.js"', preview.text("/en/"))
