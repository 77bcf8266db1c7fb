"""`python -m pwa serve` exposed directly: what a stranger's connections can cost it.

One real server on loopback meets, at the same time, the attacks that took the old
server down (issue 17): connections that never send a byte, a slowloris that never
finishes its headers, one connection pipelining 32 MB without reading an answer, and
a header larger than any browser sends. Readers on other connections are served
throughout. What a single process cannot bound alone (many addresses, request rates)
is deploy/nginx-proxy.conf's job, checked in tests/test_nginx.py.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.load import descendants, rss_mb
from pwa.server import LIMITS, granian_options
from tests.servers import GuideServer, journey_locales

PIPELINED_MB = 32


@pytest.fixture(scope="module")
def server() -> Iterator[GuideServer]:
    running = GuideServer(locales_dir=journey_locales())
    running.deploy()
    try:
        yield running
    finally:
        running.stop()


def connect(server: GuideServer) -> socket.socket:
    return socket.create_connection(("127.0.0.1", server.port), timeout=5)


def closed_by_server(sock: socket.socket) -> bool:
    """True when the server has closed (or answered and closed) the connection."""
    sock.setblocking(False)
    try:
        return sock.recv(65536) is not None  # b"" (closed) or an error answer
    except BlockingIOError:
        return False
    except OSError:
        return True


def status_line(sock: socket.socket) -> bytes:
    sock.settimeout(10)
    return sock.recv(200).split(b"\r\n", 1)[0]


def test_a_strangers_connections_cost_bounded_time_and_memory(server: GuideServer) -> None:
    assert server.process is not None
    memory_before = rss_mb(server.process.pid)
    idle = [connect(server) for _ in range(50)]
    slow = [connect(server) for _ in range(20)]
    for sock in slow:
        sock.sendall(b"GET /en/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
    opened = time.monotonic()

    # One connection writes 32 MB of requests and never reads an answer.
    request = b"GET /en/ HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: br\r\n\r\n"
    chunk = request * (65536 // len(request))
    peak = memory_before

    def pipeline() -> None:
        sock = connect(server)
        sent = 0
        try:
            while sent < PIPELINED_MB * 1024 * 1024:
                sock.sendall(chunk)  # blocks (then times out) once the server stops reading
                sent += len(chunk)
        except OSError:
            pass
        finally:
            sock.close()

    writer = threading.Thread(target=pipeline)
    writer.start()

    # A header larger than any browser's: refused with 431, not read into memory.
    huge = connect(server)
    huge.sendall(b"GET /en/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"a" * 512 * 1024)
    assert status_line(huge) == b"HTTP/1.1 431 Request Header Fields Too Large"

    # Meanwhile a reader is served, and the slowloris keeps dripping.
    deadline = opened + LIMITS.header_read_timeout_s + 3
    while time.monotonic() < deadline:
        with urllib.request.urlopen(server.url + "/en/treatment/", timeout=5) as response:
            assert response.status == 200
        for sock in slow:
            with contextlib.suppress(OSError):
                sock.send(b"a")
        peak = max(peak, rss_mb(server.process.pid))
        time.sleep(0.5)  # one byte a second or so: a slowloris's pace, not a wait for state
    writer.join(timeout=30)

    # Every connection that never finished its headers is closed by the header timeout.
    assert sum(closed_by_server(sock) for sock in idle) == len(idle)
    assert sum(closed_by_server(sock) for sock in slow) == len(slow)
    # The pipelined 32 MB never sat in the server's memory.
    assert peak - memory_before < 40, f"{memory_before:.0f} MB -> {peak:.0f} MB"
    for sock in idle + slow:
        sock.close()


def test_serve_raises_its_open_file_limit(server: GuideServer) -> None:
    """1,100 half-open connections exhausted the default limit of 1,024 files."""
    assert server.process is not None
    for pid in (server.process.pid, *descendants(server.process.pid)):
        limits = Path(f"/proc/{pid}/limits").read_text()
        line = next(line for line in limits.splitlines() if line.startswith("Max open files"))
        soft, hard = line.split()[3:5]
        assert soft == hard, line


def test_the_limits_reach_granian() -> None:
    options = granian_options("127.0.0.1", 8000, 1, access_log=False, reload_paths=None)
    http1 = options["http1_settings"]
    assert http1.header_read_timeout == LIMITS.header_read_timeout_s * 1000
    assert http1.max_buffer_size == LIMITS.max_header_bytes
    assert options["backpressure"] == LIMITS.concurrent_requests
    assert options["backlog"] == LIMITS.backlog
    assert options["websockets"] is False
    assert str(options["http"]) in {"1", "HTTPModes.http1"}
