"""`make preview`, as a translator runs it: the real command on a loopback port, with
a temporary copy of locales/. It notices a language arriving or leaving without a
restart, and shows the clinic sentences with sample details that `make run` and
deployments never get."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from pwa import cli
from pwa.i18n import tools
from pwa.sample_clinic import EMERGENCY_NUMBER, NAME, PHONE, URL
from pwa.settings import PROJECT_ROOT
from pwa.templating import unbroken
from tests.conftest import LOCALES
from tests.servers import free_port, record_granian

# A reload rebuilds every page of every language; on a busy machine that takes a while.
RELOAD_TIMEOUT = 90.0


def make(*arguments: str) -> list[str]:
    """A make command that runs a target's recipe with this test run's Python, without
    installing anything first (.venv/ is already this run's environment)."""
    return ["make", "-s", "-o", ".venv/.installed-app", f"PY={sys.executable}", *arguments]


@dataclass
class Preview:
    url: str
    locales: Path
    process: subprocess.Popen[bytes]

    def status(self, path: str) -> int:
        try:
            with urllib.request.urlopen(self.url + path, timeout=5) as response:
                return int(response.status)
        except urllib.error.HTTPError as error:
            return error.code

    def text(self, path: str) -> str:
        with urllib.request.urlopen(self.url + path, timeout=5) as response:
            return str(response.read().decode("utf-8"))

    def wait_for(self, path: str, status: int) -> None:
        """Poll until `path` answers `status`: the condition, never a fixed sleep."""
        deadline = time.monotonic() + RELOAD_TIMEOUT
        seen = None
        while time.monotonic() < deadline:
            assert self.process.poll() is None, "the preview stopped"
            try:
                seen = self.status(path)
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                seen = None  # restarting
            if seen == status:
                return
            time.sleep(0.1)
        raise AssertionError(f"{path} still answers {seen}, not {status}")


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Preview]:
    """`make preview` serving a copy of locales/, with no clinic set in its environment."""
    locales = tmp_path_factory.mktemp("preview") / "locales"
    shutil.copytree(LOCALES, locales, ignore=shutil.ignore_patterns("*.mo"))
    port = free_port()
    environment = {
        **{name: value for name, value in os.environ.items() if not name.startswith("GUIDE_")},
        "GUIDE_LOCALES_DIR": str(locales),
        "PYTHONUNBUFFERED": "1",
    }
    process = subprocess.Popen(
        make("preview", "HOST=127.0.0.1", f"PORT={port}"),
        cwd=PROJECT_ROOT,
        env=environment,
        start_new_session=True,  # make, the server and its worker: stopped together
    )
    server = Preview(f"http://127.0.0.1:{port}", locales, process)
    try:
        server.wait_for("/en/", 200)
        yield server
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def test_a_language_started_or_removed_shows_in_the_running_preview(
    preview: Preview, tmp_path: Path
) -> None:
    assert preview.status("/th/") == 404
    # The translator starts Korean while the preview runs, then thinks better of it.
    assert cli.main(["i18n", "--locales", str(preview.locales), "init", "th"]) == 0
    preview.wait_for("/th/", 200)
    shutil.rmtree(preview.locales / "th")
    preview.wait_for("/th/", 404)
    # A language folder copied or unzipped into place arrives whole, and leaves whole.
    elsewhere = tmp_path / "locales"
    (elsewhere / "my").parent.mkdir()
    shutil.copy(preview.locales / tools.TEMPLATE_NAME, elsewhere)
    tools.init(elsewhere, "my")
    os.rename(elsewhere / "my", preview.locales / "my")
    preview.wait_for("/my/", 200)
    os.rename(preview.locales / "my", elsewhere / "my-gone")
    preview.wait_for("/my/", 404)


def test_the_preview_shows_every_clinic_sentence_with_sample_details(preview: Preview) -> None:
    home = preview.text("/en/")
    assert NAME.replace("'", "&#39;") + "</bdi> at" in home
    # Numbers as one unbroken piece of text (non-breaking spaces and hyphens).
    assert f'href="tel:+15550100100">{unbroken(PHONE)}</a>' in home
    assert f'href="tel:{EMERGENCY_NUMBER}">{unbroken(EMERGENCY_NUMBER)}</a>' in home
    about = preview.text("/en/about/")
    assert f'href="{URL}"' in about
    assert "shared by" in about and "Sample Children" in about
    # ...in every language, as each translator sees it.
    assert "Sample Children" in preview.text("/es/support/")


def test_run_and_deployments_never_get_sample_clinic_details(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def recipe(target: str) -> str:
        return subprocess.run(
            [*make("-n", target)], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True
        ).stdout

    assert "--sample-clinic full" in recipe("preview")
    assert "--sample-clinic" not in recipe("run")
    # `serve` refuses sample details outside a preview.
    with pytest.raises(SystemExit) as refused:
        cli.main(["serve", "--sample-clinic", "full"])
    assert refused.value.code == 2
    # A clinic previewing its own name keeps it; what it leaves unset gets a sample.
    record_granian(monkeypatch)
    monkeypatch.setenv("GUIDE_CLINIC_NAME", "Sunrise Children's Clinic")
    for name in ("GUIDE_CLINIC_PHONE", "GUIDE_CLINIC_URL", "GUIDE_EMERGENCY_NUMBER"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("GUIDE_OFFLINE", raising=False)
    cli.main(["serve", "--reload", "--sample-clinic", "full"])
    assert os.environ["GUIDE_CLINIC_NAME"] == "Sunrise Children's Clinic"
    assert os.environ["GUIDE_CLINIC_PHONE"] == PHONE
    # The other wordings: a clinic with a name only.
    monkeypatch.delenv("GUIDE_CLINIC_NAME")
    monkeypatch.delenv("GUIDE_CLINIC_PHONE")
    cli.main(["serve", "--reload", "--sample-clinic", "name"])
    assert os.environ["GUIDE_CLINIC_NAME"] == NAME
    assert os.environ["GUIDE_CLINIC_PHONE"] == ""
