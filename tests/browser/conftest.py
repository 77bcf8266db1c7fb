"""Browser tests: the real server on a free loopback port, a real Chromium at phone size.

Playwright's own browser download does not work everywhere, so `make test` finds
Debian's chromium and passes it in CHROMIUM_PATH (see scripts/find-chromium.sh).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, BrowserType

from pwa.settings import PROJECT_ROOT

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 3,
    "is_mobile": True,
    "has_touch": True,
}
STARTUP_TIMEOUT = 30.0


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in item.nodeid:
            item.add_marker(pytest.mark.browser)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_serving(url: str, process: subprocess.Popen[bytes]) -> None:
    """Poll until the server answers (a condition, not a fixed sleep)."""
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.05)
    raise TimeoutError(f"server did not answer {url} within {STARTUP_TIMEOUT}s")


class GuideServer:
    """`python -m pwa serve` on a loopback port; `deploy()` restarts it with new settings,
    on the same port, as a clinic deploying a new version would."""

    def __init__(self, port: int | None = None) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def deploy(self, **settings: str) -> None:
        """(Re)start the server; `settings` are GUIDE_* variables (clinic_name=...)."""
        self.stop()
        environment = {**os.environ, "PYTHONUNBUFFERED": "1"}
        environment.update({"GUIDE_" + name.upper(): value for name, value in settings.items()})
        self.process = subprocess.Popen(
            [sys.executable, "-m", "pwa", "serve", "--host", "127.0.0.1", "--port", str(self.port)],
            cwd=PROJECT_ROOT,
            env=environment,
        )
        wait_until_serving(self.url + "/en/", self.process)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


@pytest.fixture(scope="session")
def live_server() -> Iterator[str]:
    """The guide as a reader's browser sees it, shared by the browser tests."""
    server = GuideServer()
    server.deploy()
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture
def own_server() -> Iterator[GuideServer]:
    """A server of the test's own, for tests that deploy new versions or stop it."""
    server = GuideServer()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def persistent_context(
    browser_type: BrowserType, browser_type_launch_args: dict[str, Any], tmp_path: Path
) -> Iterator[BrowserContext]:
    """A browser profile on disk: Chrome only considers installing from one (an
    incognito context always reports `in-incognito`)."""
    context = browser_type.launch_persistent_context(
        tmp_path / "profile", **browser_type_launch_args, **PHONE
    )
    try:
        yield context
    finally:
        context.close()


@pytest.fixture(scope="session")
def base_url(live_server: str) -> str:
    return live_server


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    args = {**browser_type_launch_args, "args": CHROMIUM_FLAGS}
    executable = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    if executable:
        args["executable_path"] = executable
    return args


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, **PHONE}
