"""How `python -m pwa serve` runs the guide: Granian, with limits for a server that
strangers can reach directly.

Granian was chosen over uvicorn after measuring both side by side
(benchmarks/server_limits.py, figures in README "Security"): uvicorn has no timeout
for a request whose headers never finish, so idle and slowloris connections stay
open for ever; its httptools parser took a 1 MB header and grew by 1.3 GB under one
connection pipelining 32 MB without reading; its h11 parser is bounded but serves a
quarter as fast. Granian bounds all of these at more than twice uvicorn's speed.

What no single process can bound alone (many addresses opening connections, request
rates) is the reverse proxy's job: deploy/nginx-proxy.conf.
"""

from __future__ import annotations

import copy
import logging
import os
import resource
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pwa.settings import PROJECT_ROOT, Settings

log = logging.getLogger(__name__)

# Files whose change restarts a preview (`serve --reload`). Not .mo: the server
# compiles those itself at startup, which would restart it again.
RELOAD_SUFFIXES = (".py", ".html", ".po", ".css", ".js", ".cfg")


@dataclass(frozen=True)
class Limits:
    """What one worker allows a connection, documented in README "Security"."""

    # A request's headers must arrive within this time, counted from the connection's
    # first byte or from the end of the previous response (keep-alive): idle and
    # slowloris connections are closed. A phone on bad Wi-Fi sends ~1 KB of headers
    # in far less.
    header_read_timeout_s: int = 10
    # The request line and headers together. Browsers send about 1 KB here (the
    # guide's only cookie is the language); larger gets 431.
    max_header_bytes: int = 32 * 1024
    # Requests one worker handles at once; more wait in the listen queue.
    concurrent_requests: int = 256
    # Connections the kernel queues before accepting them.
    backlog: int = 1024
    # On stop (SIGTERM), how long a worker may finish what it is doing (answers come
    # from memory in milliseconds; a worker still building the guide is cut short).
    stop_timeout_s: int = 5


LIMITS = Limits()


def open_files_limit() -> int:
    """Raise this process's open-file limit to what the system allows (as nginx's
    worker_rlimit_nofile does): the default 1,024 is exhausted by a few idle
    connections per second for one header timeout. Returns the limit now in force."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or soft < hard:
        wanted = 1 << 20 if hard == resource.RLIM_INFINITY else hard
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
            soft = wanted
        except (ValueError, OSError):
            log.warning("could not raise the open-file limit above %d", soft)
    return soft


def log_config() -> dict[str, Any]:
    """Granian's logging, with the guide's own loggers (pwa.*) printed as "LEVEL: message"."""
    from granian.log import LOGGING_CONFIG

    config: dict[str, Any] = copy.deepcopy(LOGGING_CONFIG)
    config["formatters"]["guide"] = {"()": "logging.Formatter", "fmt": "%(levelname)s: %(message)s"}
    config["handlers"]["guide"] = {
        "formatter": "guide",
        "class": "logging.StreamHandler",
        "stream": "ext://sys.stderr",
    }
    config["loggers"]["pwa"] = {"handlers": ["guide"], "level": "INFO", "propagate": False}
    return config


def served_app() -> Any:
    """The guide as Granian serves it: X-Forwarded-Proto and -For are believed only from
    the addresses in FORWARDED_ALLOW_IPS (127.0.0.1: a reverse proxy on this machine),
    so that a page reached over HTTPS at the proxy gets its HSTS header."""
    from granian.utils.proxies import wrap_asgi_with_proxy_headers

    from pwa.app import create_app

    trusted = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
    return wrap_asgi_with_proxy_headers(create_app(), trusted_hosts=trusted)


def watched_folders(settings: Settings) -> list[Path]:
    """The folders a preview watches: the code, and the content folders this
    deployment's settings name (GUIDE_TEMPLATES_DIR...), wherever they are."""
    return [
        PROJECT_ROOT / "pwa",
        PROJECT_ROOT / "service_worker",
        settings.templates_dir,
        settings.locales_dir,
        settings.static_dir,
    ]


def granian_options(
    host: str,
    port: int,
    workers: int,
    access_log: bool,
    reload_paths: Sequence[Path] | None,
    limits: Limits = LIMITS,
    locales_dir: Path | None = None,
) -> dict[str, Any]:
    """Granian's settings for the guide: HTTP/1.1 only (what browsers and reverse
    proxies speak to a plain-HTTP server), no WebSockets, the limits above."""
    from granian.constants import HTTPModes, Interfaces
    from granian.http import HTTP1Settings

    options: dict[str, Any] = {
        "target": "pwa.server:served_app",
        "factory": True,
        "address": host,
        "port": port,
        "interface": Interfaces.ASGI,
        "workers": workers,
        "http": HTTPModes.http1,
        "websockets": False,
        "backlog": limits.backlog,
        "backpressure": limits.concurrent_requests,
        "http1_settings": HTTP1Settings(
            header_read_timeout=limits.header_read_timeout_s * 1000,
            keep_alive=True,
            max_buffer_size=limits.max_header_bytes,
        ),
        "workers_kill_timeout": limits.stop_timeout_s,
        "log_dictconfig": log_config(),
        "log_access": access_log,
    }
    if reload_paths:
        options.update(
            reload=True,
            reload_paths=list(reload_paths),
            reload_filter=content_filter(locales_dir),
        )
    return options


def content_filter(locales_dir: Path | None = None) -> type:
    """watchfiles' default filter (no .git, no caches), narrowed to RELOAD_SUFFIXES,
    plus a language folder appearing in or leaving `locales_dir`.

    A new language arrives as a folder (`i18n init` renames one into place, a
    translator copies or unzips one): its files were written before the watcher
    could watch inside it, so the folder itself is the change to act on. Hidden
    names there (`i18n init`'s folder being prepared, editors' temporary files) are
    not changes yet. Imported on first use: only previews need watchfiles.
    """
    import watchfiles

    roots = {Path(os.path.abspath(locales_dir))} if locales_dir else set()
    roots |= {root.resolve() for root in roots}

    def in_locales(path: str) -> tuple[str, ...] | None:
        """The path's parts under the locales folder, or None when outside it."""
        absolute = Path(os.path.abspath(path))
        for root in roots:
            if absolute.is_relative_to(root):
                return absolute.relative_to(root).parts
        return None

    class ContentFilter(watchfiles.DefaultFilter):
        """Source files restart a preview (not the .mo files it writes itself), and so
        does a language folder that appears or goes."""

        def __call__(self, change: watchfiles.Change, path: str) -> bool:
            if not super().__call__(change, path):
                return False
            parts = in_locales(path)
            if parts is not None:
                if any(part.startswith(".") for part in parts):
                    return False
                if len(parts) == 1 or (len(parts) == 2 and parts[1] == "LC_MESSAGES"):
                    return True  # a language folder (or its catalog folder) came or went
            return path.endswith(RELOAD_SUFFIXES)

    return ContentFilter


def port_in_use(host: str, port: int) -> bool:
    """Whether something already listens on host:port.

    Granian's workers bind with SO_REUSEPORT (how several processes share one port on
    Linux), so a second server started on a busy port does not fail: the kernel shares
    the connections between both, and an old deployment left running keeps answering
    some readers. A plain bind, without SO_REUSEPORT, fails on a port in use."""
    import errno
    import socket

    for family, kind, proto, _, address in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM):
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # TIME_WAIT is free
            try:
                probe.bind(address)
            except OSError as error:
                if error.errno == errno.EADDRINUSE:
                    return True
                raise
    return False


def run(host: str, port: int, reload: bool, workers: int, access_log: bool) -> None:
    """Serve until interrupted (SIGINT or SIGTERM stop it gracefully)."""
    from granian import Granian

    open_files_limit()
    settings = Settings.from_env()
    reload_paths = watched_folders(settings) if reload else None
    options = granian_options(
        host, port, workers, access_log, reload_paths, locales_dir=settings.locales_dir
    )
    Granian(**options).serve()
