"""The guide served for tests on a loopback port: by its own server, or as a static
export by a plain static server or by nginx with the sample config.

Each kind has `url`, `deploy(**settings)` (restart, or rebuild, with GUIDE_* settings
such as clinic_name=..., as a clinic deploying a new version would) and `stop()`.
"""

from __future__ import annotations

import atexit
import functools
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest

from pwa import export
from pwa.settings import PROJECT_ROOT, Settings

STARTUP_TIMEOUT = 120.0  # polled, not slept: a 24-language export builds in about 40 s
NGINX_SITE = PROJECT_ROOT / "deploy" / "nginx.conf"
NGINX_PROXY_SITE = PROJECT_ROOT / "deploy" / "nginx-proxy.conf"
NGINX_LIMITS = PROJECT_ROOT / "deploy" / "limits.conf"


def free_port() -> int:
    """A loopback port nothing listens on. With two test processes (pytest-xdist),
    each picks from its own block, below the kernel's range for outgoing connections:
    a port one process has just let go of is never handed to the other."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not worker.startswith("gw"):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            return sock.getsockname()[1]
    first = 20000 + 2000 * (int(worker[2:]) % 6)
    for port in random.sample(range(first, first + 2000), 2000):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {first}-{first + 1999}")


def wait_until_serving(url: str, process: subprocess.Popen[bytes] | None = None) -> None:
    """Poll until the server answers (a condition, not a fixed sleep)."""
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.05)
    raise TimeoutError(f"server did not answer {url} within {STARTUP_TIMEOUT}s")


def wait_until_listening(port: int) -> None:
    """Poll until something accepts connections on the loopback `port`."""
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nothing listens on port {port}")


def variables(settings: dict[str, str]) -> dict[str, str]:
    """Settings as the environment variables a deployment sets (clinic_name=...),
    over the catalogs the test run was given (GUIDE_LOCALES_DIR), if any, and with
    the run's own cache of built sites (GUIDE_CACHE_DIR, set by tests/conftest.py)."""
    names = ("GUIDE_LOCALES_DIR", "GUIDE_CACHE_DIR")
    given = {name: os.environ[name] for name in names if name in os.environ}
    return {**given, **{"GUIDE_" + name.upper(): value for name, value in settings.items()}}


def terminate(process: subprocess.Popen[bytes] | None) -> None:
    if process is not None:
        process.terminate()
        process.wait(timeout=10)


def build(out: Path, **settings: str) -> subprocess.CompletedProcess[str]:
    """`python -m pwa build OUT` as a clinic runs it, with GUIDE_* settings."""
    environment = {"PATH": "/usr/bin:/bin", "HOME": str(out.parent), **variables(settings)}
    return subprocess.run(
        [sys.executable, "-m", "pwa", "build", str(out)],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def record_granian(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Replace Granian with a recorder: `python -m pwa serve` then returns at once, and
    the returned list holds the settings each call would have served with."""
    import granian

    calls: list[dict[str, Any]] = []

    class Recorder:
        def __init__(self, **options: Any) -> None:
            calls.append(options)

        def serve(self) -> None:
            pass

    monkeypatch.setattr(granian, "Granian", Recorder)
    return calls


def settings_from(**settings: str) -> Settings:
    return Settings.from_env(variables(settings))


def readable_folder(prefix: str) -> Path:
    """A new folder other users can read: nginx's workers do not run as us."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    folder.chmod(0o755)
    return folder


# The languages of the journeys that deploy a guide of their own (updates, offline,
# restarts). Each deployment of all 24 renders and saves 24 languages; a journey
# reads at most these. What must hold in every language is checked on every page
# without a browser, and by the shared servers, which serve all of them.
JOURNEY_LANGUAGES = ("es", "fr", "ar", "vi", "zh_Hans")


@functools.cache
def journey_locales() -> Path:
    """A copy of the catalogs the run was given, with JOURNEY_LANGUAGES only (made
    once per test process, removed when it ends)."""
    source = Path(os.environ.get("GUIDE_LOCALES_DIR") or PROJECT_ROOT / "locales")
    root = readable_folder("lms-guide-journey-")
    atexit.register(shutil.rmtree, root, ignore_errors=True)

    def others(folder: str, names: list[str]) -> list[str]:
        if Path(folder) != source:
            return []
        return [n for n in names if (source / n).is_dir() and n not in JOURNEY_LANGUAGES]

    return Path(shutil.copytree(source, root / "locales", ignore=others))


class GuideServer:
    """`python -m pwa serve` on a loopback port."""

    kind = "server"

    def __init__(
        self, port: int | None = None, workers: int = 1, locales_dir: Path | None = None
    ) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.workers = workers
        # The catalogs every deploy() uses unless it names others.
        self.defaults = {"locales_dir": str(locales_dir)} if locales_dir else {}
        self.process: subprocess.Popen[bytes] | None = None

    def deploy(self, **settings: str) -> None:
        self.stop()
        settings = {**self.defaults, **settings}
        environment = {**os.environ, "PYTHONUNBUFFERED": "1", **variables(settings)}
        command = [sys.executable, "-m", "pwa", "serve", "--host", "127.0.0.1"]
        command += ["--port", str(self.port), "--workers", str(self.workers)]
        self.process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=environment)
        wait_until_serving(self.url + "/en/", self.process)

    def stop(self) -> None:
        terminate(self.process)
        self.process = None


class QuietHandler(SimpleHTTPRequestHandler):
    """Python's own static file server, as plain as static hosting gets; it only
    needs to be told the media type of web app manifests."""

    extensions_map: ClassVar[dict[str, str]] = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".webmanifest": "application/manifest+json",
        ".js": "text/javascript",
    }

    def log_message(self, format: str, *args: object) -> None:
        pass


class StaticHost(ThreadingHTTPServer):
    """Python's threaded static server, with a listen queue like a real host's.

    socketserver's default queue holds 5 connections: a service worker saving a
    language opens several at once, the browser more, and on a busy machine the
    kernel then refused some, so a save failed now and then for a reason no static
    host or CDN has (nginx queues 511)."""

    request_queue_size = 128
    daemon_threads = True


class ExportServer:
    """`python -m pwa build` served by a plain static server (`http.server`): no
    Python of the guide's runs per request. `deploy()` builds a new export in place;
    after `stop()`, it builds one again and serves it on the same port, as a
    `GuideServer` restarts."""

    kind = "export"

    def __init__(self, folder: Path | None = None, locales_dir: Path | None = None) -> None:
        self.root = folder or readable_folder("lms-guide-export-")
        # The catalogs every deploy() uses unless it names others.
        self.defaults = {"locales_dir": str(locales_dir)} if locales_dir else {}
        self.out = self.root / "site"
        self.httpd: StaticHost | None = self.listen(0)
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.thread: threading.Thread | None = None
        self.stamp = 0.0  # the time the last deploy's files carry

    def listen(self, port: int) -> StaticHost:
        handler = functools.partial(QuietHandler, directory=str(self.out))
        return StaticHost(("127.0.0.1", port), handler)

    def deploy(self, **settings: str) -> None:
        self.root.mkdir(exist_ok=True)
        self.root.chmod(0o755)
        # http.server sends files as they are: no .br or .gz to write (nginx's tests
        # and tests/test_export.py use the compressed export of `python -m pwa build`).
        export.build(self.out, settings_from(**{**self.defaults, **settings}), compress=False)
        self.stamp_after_previous_deploy()
        if self.httpd is None:
            self.httpd = self.listen(self.port)
        if self.thread is None:
            self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
            self.thread.start()
        wait_until_serving(self.url + "/en/")

    def stamp_after_previous_deploy(self) -> None:
        """Date every file at least a second after the previous deploy's files.

        http.server answers a revalidation (If-Modified-Since) from the file's time in
        whole seconds: a new version written within the same second as the one a
        browser saved was answered "304 Not Modified", and the browser kept the old
        page. A real deployment is never that fast; the export from a stored build
        is."""
        stamp = max(time.time(), self.stamp + 1)
        for folder, _, names in os.walk(self.out):
            for name in names:
                os.utime(os.path.join(folder, name), (stamp, stamp))
        self.stamp = stamp

    def stop(self) -> None:
        if self.httpd is not None:
            if self.thread is not None:
                self.httpd.shutdown()
                self.thread = None
            self.httpd.server_close()
            self.httpd = None
        shutil.rmtree(self.root, ignore_errors=True)


def nginx_modules() -> list[Path]:
    return sorted(Path("/usr/lib/nginx/modules").glob("ngx_http_brotli_static_module.so"))


class NginxServer:
    """nginx with deploy/nginx.conf, its root and port changed, serving an export."""

    kind = "nginx"
    site = NGINX_SITE

    def __init__(self, out: Path, limits: dict[str, str] | None = None) -> None:
        self.out = out
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.folder = Path(tempfile.mkdtemp(prefix="lms-guide-nginx-"))
        self.process: subprocess.Popen[bytes] | None = None
        # deploy/limits.conf values to change for a test (a shorter timeout, say).
        self.limits = limits or {}

    def site_text(self) -> str:
        site = self.site.read_text()
        site = re.sub(r"listen 80;", f"listen 127.0.0.1:{self.port};", site)
        site = re.sub(r"root /srv/lms-guide;", f"root {self.out};", site)
        limits = NGINX_LIMITS.read_text()
        for directive, value in self.limits.items():
            limits, found = re.subn(
                rf"^{directive} [^;]+;", f"{directive} {value};", limits, flags=re.M
            )
            assert found == 1, directive
        snippet = self.folder / "limits.conf"
        snippet.write_text(limits)
        include = "include /etc/nginx/snippets/lms-guide-limits.conf;"
        assert include in site
        return site.replace(include, f"include {snippet};")

    def config(self) -> Path:
        site = self.site_text()
        temp = self.folder
        main = "\n".join(
            [
                *(f"load_module {module};" for module in nginx_modules()),
                "daemon off;",
                "worker_processes 1;",
                f"pid {temp}/nginx.pid;",
                f"error_log {temp}/error.log warn;",
                "events { worker_connections 256; }",
                "http {",
                *(
                    f"  {name}_temp_path {temp}/{name};"
                    for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
                ),
                site,
                "}",
            ]
        )
        path = temp / "nginx.conf"
        path.write_text(main)
        return path

    def start(self) -> None:
        config = self.config()
        self.process = subprocess.Popen(["nginx", "-c", str(config), "-p", str(self.folder)])
        wait_until_serving(self.url + "/en/", self.process)

    def stop(self) -> None:
        terminate(self.process)
        self.process = None
        shutil.rmtree(self.folder, ignore_errors=True)


class NginxProxy(NginxServer):
    """nginx with deploy/nginx-proxy.conf in front of a running `python -m pwa serve`."""

    kind = "nginx-proxy"
    site = NGINX_PROXY_SITE

    def __init__(self, upstream: GuideServer, limits: dict[str, str] | None = None) -> None:
        super().__init__(Path("/nonexistent"), limits)
        self.upstream = upstream

    def site_text(self) -> str:
        site = super().site_text()
        return site.replace("server 127.0.0.1:8000;", f"server 127.0.0.1:{self.upstream.port};")
