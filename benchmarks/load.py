"""What the benchmarks share: starting a server on loopback and putting load on it.

The load comes from wrk when it is installed (`apt-get install wrk`), else from a
bounded asyncio load generator: fewer requests per second in absolute terms, but the
same for every server in a run, so the ratios still hold.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _memory_kb(pid: int) -> int:
    """A process's proportional set size: its own pages, plus its share of the pages it
    shares with others (a forked worker shares much of its parent's), so that a
    server's processes add up to what they really hold. Resident size where the
    kernel does not report it."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0  # a zombie holds nothing


def descendants(pid: int) -> list[int]:
    """Every process below `pid`, read from /proc (Linux)."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        parents.setdefault(parent, []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        children = parents.get(todo.pop(), [])
        found += children
        todo += children
    return found


def rss_mb(pid: int) -> float:
    """Memory of a server: the process and every process below it (Granian answers
    requests in worker processes that its main process starts), shared pages counted
    once (see _memory_kb)."""
    total = 0
    for process in (pid, *descendants(pid)):
        try:
            total += _memory_kb(process)
        except OSError:
            continue  # ended while we looked
    return total / 1024


def load_tool() -> str:
    return "wrk" if shutil.which("wrk") else "python load generator"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(app: str, port: int, env: dict[str, str], interface: str = "asgi") -> subprocess.Popen:
    """One Granian worker serving the factory `app` ("module:function"), as
    `python -m pwa serve` runs the guide (pwa/server.py), HTTP/1.1 only."""
    command = [
        str(Path(sys.executable).with_name("granian")),
        "--interface",
        interface,
        "--factory",
        "--http",
        "1",
        "--no-ws",
        "--port",
        str(port),
        "--log-level",
        "warning",
        app,
    ]
    return subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env})


def wait(url: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(url)


def run_wrk(url: str, seconds: int, connections: int) -> tuple[float, float, float]:
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            "-H",
            "Accept-Encoding: gzip, br",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def latency(percent: str) -> float:
        value, unit = re.search(rf"{percent}%\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    return rps, latency("50"), latency("99")


async def _python_load(url: str, seconds: int, connections: int) -> tuple[float, float, float]:
    host, port, path = re.match(r"http://([^:/]+):(\d+)(/.*)", url).groups()
    request = (f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept-Encoding: gzip, br\r\n\r\n").encode()
    deadline = time.monotonic() + seconds
    latencies: list[float] = []
    max_requests = 2_000_000  # bounded in count as well as time

    async def worker() -> None:
        reader, writer = await asyncio.open_connection(host, int(port))
        while time.monotonic() < deadline and len(latencies) < max_requests:
            began = time.perf_counter()
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            length = int(re.search(rb"content-length: (\d+)", head, re.I).group(1))
            await reader.readexactly(length)
            latencies.append((time.perf_counter() - began) * 1000)
        writer.close()

    began = time.monotonic()
    await asyncio.gather(*(worker() for _ in range(connections)))
    elapsed = time.monotonic() - began
    ordered = sorted(latencies)
    p99 = ordered[int(len(ordered) * 0.99) - 1]
    return len(latencies) / elapsed, statistics.median(ordered), p99


def measure(url: str, seconds: int, connections: int) -> tuple[float, float, float]:
    if shutil.which("wrk"):
        return run_wrk(url, seconds, connections)
    return asyncio.run(_python_load(url, seconds, connections))
