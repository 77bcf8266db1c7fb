"""`python -m pwa serve --workers N`: several processes behind one port."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from benchmarks.load import rss_mb
from pwa.settings import PROJECT_ROOT
from tests.servers import GuideServer, journey_locales


def children(pid: int) -> list[int]:
    """Processes whose parent is `pid` (read from /proc, as `ps --ppid` would)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def serving_workers(pid: int) -> list[int]:
    """The children that are uvicorn workers (not multiprocessing's resource tracker)."""
    workers = []
    for child in children(pid):
        try:
            command = Path(f"/proc/{child}/cmdline").read_bytes()
        except OSError:
            continue
        if b"resource_tracker" not in command:
            workers.append(child)
    return workers


def test_serve_runs_the_requested_number_of_worker_processes() -> None:
    server = GuideServer(workers=3, locales_dir=journey_locales())
    server.deploy()
    try:
        assert server.process is not None
        deadline = time.monotonic() + 30
        while len(serving_workers(server.process.pid)) < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(serving_workers(server.process.pid)) == 3

        def get(path: str) -> int:
            with urllib.request.urlopen(server.url + path, timeout=10) as response:
                return response.status

        paths = ["/en/", "/ar/treatment/", "/zh-Hans/glossary/", "/sw.js"] * 25
        with ThreadPoolExecutor(max_workers=20) as pool:
            assert set(pool.map(get, paths)) == {200}
    finally:
        server.stop()


def test_reload_and_several_workers_are_refused_together() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pwa", "serve", "--reload", "--workers", "2"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2
    assert "--reload runs one process" in result.stderr


def test_a_second_server_on_a_busy_port_refuses_to_start() -> None:
    """Granian's workers share a port (SO_REUSEPORT): without this check, a second
    copy would silently take half the readers, an old deployment left running too."""
    server = GuideServer(locales_dir=journey_locales())
    server.deploy()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "pwa", "serve", "--port", str(server.port)],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert result.returncode == 1
        assert f"127.0.0.1:{server.port} is already in use" in result.stderr
        with urllib.request.urlopen(server.url + "/en/", timeout=10) as response:
            assert response.status == 200
    finally:
        server.stop()


def test_a_first_start_of_every_language_stays_under_100_mb(tmp_path: Path) -> None:
    """With nothing stored from an earlier start, the server renders all 24 languages
    (in short-lived worker processes) and keeps only their bytes (issue 23: at most
    100 MB). Its start time is measured by benchmarks/startup.py, not here: a test
    machine busy with other tests cannot time it."""
    server = GuideServer(locales_dir=PROJECT_ROOT / "locales")
    server.deploy(cache_dir=str(tmp_path / "empty"))
    try:
        assert server.process is not None
        assert rss_mb(server.process.pid) < 100
    finally:
        server.stop()
