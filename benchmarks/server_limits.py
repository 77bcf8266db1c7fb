"""ASGI servers side by side under the attacks a server exposed directly meets, and
at full speed: what `python -m pwa serve` runs, and the alternatives it was chosen
from.

    python benchmarks/server_limits.py [--seconds 10] [--servers uvicorn-h11,granian]

For each server, one worker on loopback serving the guide:
- throughput and p99 latency of /en/treatment/ with brotli (wrk or benchmarks/load.py);
- idle: 200 connections that never send a byte; how many the server still holds
  after its header timeout (plus a margin);
- slowloris: 50 connections that send a request line, then one header byte a second;
  how many are still open after the same time;
- pipelining: one connection writing 32 MB of small GET requests without reading any
  answer; the server's peak resident memory above its idle size;
- a 1 MB header: the status line the server answers with (or "closed").

Servers missing from this environment are skipped: uvicorn and Hypercorn are not in
the lock. To compare, make a scratch environment that sees the project's packages:

    python3 -m venv /tmp/bench && /tmp/bench/bin/pip install 'uvicorn[standard]' hypercorn
    echo "$PWD/.venv/lib/python3.11/site-packages" > /tmp/bench/lib/python3.11/site-packages/zz.pth
    /tmp/bench/bin/python benchmarks/server_limits.py
Run by hand; not a timed test. README "Security" shows a run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import contextlib

from benchmarks.load import ROOT, free_port, measure, rss_mb, wait

PAGE = "/en/treatment/"
HEADER_TIMEOUT = 10  # seconds; what each server below is told where it can be told
MARGIN = 3


def bin_path(name: str) -> str:
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else (shutil.which(name) or name)


def uvicorn(port: int, parser: str) -> list[str]:
    """uvicorn serving the guide with one of its two HTTP parsers."""
    return [
        sys.executable,
        "-m",
        "uvicorn",
        "pwa.app:create_app",
        "--factory",
        "--port",
        str(port),
        "--http",
        parser,
        "--log-level",
        "warning",
        "--no-access-log",
    ]


def servers(port: int) -> dict[str, list[str]]:
    py = sys.executable
    return {
        "uvicorn-httptools": uvicorn(port, "httptools"),
        "uvicorn-h11": uvicorn(port, "h11"),
        "pwa serve": [py, "-m", "pwa", "serve", "--port", str(port)],
        "granian": [
            bin_path("granian"),
            "--interface",
            "asgi",
            "--factory",
            "--port",
            str(port),
            "--http",
            "1",
            "--no-ws",
            "--log-level",
            "warning",
            "--http1-header-read-timeout",
            str(HEADER_TIMEOUT * 1000),
            "pwa.app:create_app",
        ],
        "hypercorn": [
            bin_path("hypercorn"),
            "--bind",
            f"127.0.0.1:{port}",
            "--read-timeout",
            str(HEADER_TIMEOUT),
            "--log-level",
            "warning",
            "pwa.app:create_app()",
        ],
    }


def available(name: str) -> bool:
    module = "uvicorn" if name.startswith("uvicorn") else {"hypercorn": "hypercorn"}.get(name)
    if module is None:
        return True  # the guide's own server and Granian are in the lock
    return (
        subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True).returncode
        == 0
    )


def still_open(sockets: list[socket.socket]) -> int:
    """How many of `sockets` the server has not closed (a closed one reads b"" or fails)."""
    count = 0
    for sock in sockets:
        sock.setblocking(False)
        try:
            data = sock.recv(65536)
            if data:  # an answer (408/400) and probably a close; count as closed
                continue
        except BlockingIOError:
            count += 1
        except OSError:
            pass
    return count


def idle(port: int, connections: int = 200) -> int:
    sockets = [socket.create_connection(("127.0.0.1", port)) for _ in range(connections)]
    time.sleep(HEADER_TIMEOUT + MARGIN)
    left = still_open(sockets)
    for sock in sockets:
        sock.close()
    return left


def slowloris(port: int, connections: int = 50) -> int:
    sockets = []
    for _ in range(connections):
        sock = socket.create_connection(("127.0.0.1", port))
        sock.sendall(b"GET /en/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        sockets.append(sock)
    deadline = time.monotonic() + HEADER_TIMEOUT + MARGIN
    while time.monotonic() < deadline:
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.send(b"a")
        time.sleep(1)
    left = still_open(sockets)
    for sock in sockets:
        sock.close()
    return left


def pipelining(port: int, pid: int, megabytes: int = 32) -> float:
    before = rss_mb(pid)
    peak = before
    request = b"GET /en/ HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: br\r\n\r\n"
    chunk = request * (65536 // len(request))
    done = threading.Event()

    def write() -> None:
        sock = socket.create_connection(("127.0.0.1", port))
        sock.settimeout(5)
        sent = 0
        try:
            while sent < megabytes * 1024 * 1024:
                sock.sendall(chunk)
                sent += len(chunk)
        except OSError:
            pass  # the server stopped reading (backpressure) or closed: both are fine
        finally:
            done.set()
            time.sleep(2)
            sock.close()

    writer = threading.Thread(target=write)
    writer.start()
    while not done.is_set():
        peak = max(peak, rss_mb(pid))
        time.sleep(0.05)
    for _ in range(20):
        peak = max(peak, rss_mb(pid))
        time.sleep(0.1)
    writer.join()
    return peak - before


def huge_header(port: int) -> str:
    sock = socket.create_connection(("127.0.0.1", port))
    sock.settimeout(10)
    with contextlib.suppress(OSError):
        sock.sendall(
            b"GET /en/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"a" * 1024 * 1024 + b"\r\n\r\n"
        )
    try:
        answer = sock.recv(200)
    except OSError:
        answer = b""
    finally:
        sock.close()
    return answer.split(b"\r\n", 1)[0].decode("latin-1") or "closed"


@dataclass
class Row:
    server: str
    rps: float
    p99: float
    idle_left: int
    slow_left: int
    pipelined_mb: float
    huge: str


def run(name: str, command: list[str], port: int, seconds: int) -> Row:
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=os.environ.copy(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait(f"http://127.0.0.1:{port}/en/")
        url = f"http://127.0.0.1:{port}{PAGE}"
        measure(url, 2, 50)
        rps, _p50, p99 = measure(url, seconds, 50)
        return Row(
            name,
            rps,
            p99,
            idle(port),
            slowloris(port),
            pipelining(port, process.pid),
            huge_header(port),
        )
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument(
        "--servers", default="pwa serve,uvicorn-httptools,uvicorn-h11,granian,hypercorn"
    )
    args = parser.parse_args()
    rows = []
    for name in args.servers.split(","):
        if not available(name):
            print(f"skipped {name}: not installed", file=sys.stderr)
            continue
        port = free_port()
        rows.append(run(name, servers(port)[name], port, args.seconds))
        print(rows[-1], file=sys.stderr)
    print(
        f"\nOne worker each; header timeout {HEADER_TIMEOUT} s where the server has one; "
        f"checked {HEADER_TIMEOUT + MARGIN} s after connecting.\n"
    )
    print(
        "| server | requests/s | p99 ms | idle connections left (of 200) | "
        "slowloris left (of 50) | 32 MB pipelined: memory MB | 1 MB header |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
    for r in rows:
        print(
            f"| {r.server} | {r.rps:,.0f} | {r.p99:.1f} | {r.idle_left} | {r.slow_left} | "
            f"{r.pipelined_mb:+.0f} | {r.huge} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
