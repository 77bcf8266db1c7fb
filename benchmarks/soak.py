"""A soak test: many connections for a while over a mix of pages and assets, counting
every answer and watching the server's memory.

    python benchmarks/soak.py [--seconds 30] [--connections 100]

Starts `python -m pwa serve` (one process) on loopback and keeps `connections`
keep-alive connections busy for `seconds`, each going round the mix: every page of
four languages (with brotli), the languages and offline pages, manifests, the
service worker, the hashed CSS, JavaScript and icons, a redirect, `/` and a 404.
Bounded in count as well as time. Resident memory is read when the first 10,000
answers are in and again at the end. tests/test_load.py runs the same and asserts:
no error, no 5xx, memory grows by less than 10%.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import re
import statistics
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.load import ROOT, free_port, rss_mb, wait
from pwa.pages import PAGES, UTILITY_PAGES

TAGS = ("en", "ar", "zh-Hans", "es")
WARM_UP = 10_000  # answers before the first memory reading
MAX_REQUESTS = 3_000_000
HEADERS = "Accept-Encoding: br, gzip\r\nAccept-Language: es-MX, es;q=0.9\r\n"


@dataclass
class Soak:
    seconds: float = 0.0
    statuses: Counter[int] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    latencies_ms: list[float] = field(default_factory=list)
    memory_after_warm_up_mb: float = 0.0
    memory_at_end_mb: float = 0.0

    @property
    def requests(self) -> int:
        return sum(self.statuses.values())

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def server_errors(self) -> int:
        return sum(count for status, count in self.statuses.items() if status >= 500)

    @property
    def memory_growth(self) -> float:
        return self.memory_at_end_mb / self.memory_after_warm_up_mb - 1

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def the_mix(origin: str) -> list[str]:
    """Paths a family's phones ask for, read from the running server itself."""
    paths = [entry.path(tag) for tag in TAGS for entry in (*PAGES, *UTILITY_PAGES)]
    paths += [f"/{tag}/manifest.webmanifest" for tag in TAGS]
    with urllib.request.urlopen(origin + "/en/") as response:
        page = response.read().decode()
    paths += sorted(set(re.findall(r'(?:href|src)="(/static/[^"]+)"', page)))
    paths += ["/sw.js", "/", "/ES/treatment", "/en/no-such-page/"]
    return paths


async def _connection(
    host: str,
    port: int,
    paths: list[str],
    offset: int,
    deadlines: tuple[float, float],
    at_least: int,
    soak: Soak,
    pid: int,
) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    turn = offset
    deadline, last_deadline = deadlines
    try:
        while soak.requests < MAX_REQUESTS and (
            time.monotonic() < deadline
            or (soak.requests < at_least and time.monotonic() < last_deadline)
        ):
            path = paths[turn % len(paths)]
            turn += 1
            began = time.perf_counter()
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\n{HEADERS}\r\n".encode())
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length = re.search(rb"\r\ncontent-length: *(\d+)", head, re.IGNORECASE)
            if length is None:
                raise RuntimeError(f"{path}: no Content-Length")
            await reader.readexactly(int(length.group(1)))
            soak.latencies_ms.append((time.perf_counter() - began) * 1000)
            soak.statuses[status] += 1
            if soak.requests == WARM_UP:
                soak.memory_after_warm_up_mb = rss_mb(pid)
    except (OSError, asyncio.IncompleteReadError, RuntimeError, ValueError) as error:
        soak.errors.append(f"{type(error).__name__}: {error}")
    finally:
        writer.close()


def soak(
    origin: str, pid: int, seconds: float = 30, connections: int = 100, at_least: int = 0
) -> Soak:
    """Put the load on a running server (`pid` for its memory) and count what comes back.

    With `at_least`, the load goes on past `seconds` (up to four times as long) until
    that many answers are in: on a machine busy with other work, a soak measured in
    answers still reaches the state it is meant to test."""
    host, port = re.fullmatch(r"http://([^:/]+):(\d+)", origin).groups()  # type: ignore[union-attr]
    paths = the_mix(origin)
    result = Soak()

    async def run() -> None:
        now = time.monotonic()
        deadlines = (now + seconds, now + 4 * seconds)
        await asyncio.gather(
            *(
                _connection(host, int(port), paths, i * 7, deadlines, at_least, result, pid)
                for i in range(connections)
            )
        )

    began = time.monotonic()
    # In a thread of its own: the caller's thread may already run an event loop
    # (pytest-playwright's, when the browser tests ran first).
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as thread:
        thread.submit(asyncio.run, run()).result()
    result.seconds = time.monotonic() - began
    result.memory_at_end_mb = rss_mb(pid)
    return result


def table(result: Soak, connections: int) -> str:
    statuses = ", ".join(f"{status}: {count}" for status, count in sorted(result.statuses.items()))
    return "\n".join(
        [
            "| connections | seconds | requests | req/s | p50 ms | p99 ms | errors | 5xx "
            "| memory after 10,000 MB | at the end MB |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
            f"| {connections} | {result.seconds:.0f} | {result.requests} "
            f"| {result.per_second:.0f} | {statistics.median(result.latencies_ms):.1f} "
            f"| {result.percentile(0.99):.1f} | {len(result.errors)} | {result.server_errors} "
            f"| {result.memory_after_warm_up_mb:.1f} | {result.memory_at_end_mb:.1f} |",
            "",
            f"Answers by status: {statuses}",
        ]
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--connections", type=int, default=100)
    args = parser.parse_args()
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "pwa", "serve", "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait(f"http://127.0.0.1:{port}/en/")
        result = soak(f"http://127.0.0.1:{port}", server.pid, args.seconds, args.connections)
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(table(result, args.connections))
    print(f"Memory growth after the first 10,000 answers: {result.memory_growth:+.1%}")
    return 0 if not result.errors and not result.server_errors else 1


if __name__ == "__main__":
    raise SystemExit(main())
