"""Startup time and resident memory, with the guide's languages and with 50 more.

    python benchmarks/startup.py [--runs 3] [--extra 50] [--steps 2]

Each run starts `python -m pwa serve` as a clinic would and times it from launch
until the first page answers (interpreter, imports, catalogs, templates, every page
of every language rendered, assets hashed). Resident memory is read from /proc when
the server is ready, and again after every page was asked for once in brotli (when
the page cache holds every encoding a browser gets). The extra languages are added
in steps (25, then 50 more by default) to show how growth goes; they are made
with `i18n init` for languages Babel knows and filled with the Spanish text, so
they render pages of realistic length. Catalogs are compiled before the runs (a
first start compiles them itself).

Each row has two kinds of start: the first start of a deployment, which builds the
site (`--runs` starts, each with an empty cache of built sites), and a restart of the
same deployment, which reads its build back (pwa/site_cache.py). Targets for the 24
languages: at most 1.5 s and 100 MB, with small, linear growth per language. Run by
hand; not a timed test.
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generated_languages import add_languages
from benchmarks.load import ROOT, free_port, rss_mb
from pwa.i18n import tools
from pwa.i18n.locales import LocaleSet
from pwa.pages import PAGES

TIME_TARGET_S = 1.5
MEMORY_TARGET_MB = 100.0


def start_once(
    locales_dir: Path, tags: list[str], cache_dir: Path
) -> tuple[float, float, float]:
    """Seconds to the first answer, RSS when ready, RSS with every page cached."""
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    environment = {
        **os.environ,
        "GUIDE_LOCALES_DIR": str(locales_dir),
        "GUIDE_CACHE_DIR": str(cache_dir),
    }
    began = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "pwa", "serve", "--port", str(port)],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while True:
            try:
                with urllib.request.urlopen(origin + "/en/", timeout=1):
                    break
            except OSError:
                if process.poll() is not None:
                    raise RuntimeError("the server exited") from None
                time.sleep(0.005)
        ready = time.perf_counter() - began
        memory_ready = rss_mb(process.pid)
        for tag in tags:
            for page in PAGES:
                request = urllib.request.Request(
                    origin + page.path(tag), headers={"Accept-Encoding": "br"}
                )
                urllib.request.urlopen(request).read()
        return ready, memory_ready, rss_mb(process.pid)
    finally:
        process.terminate()
        process.wait(timeout=10)


Row = tuple[int, float, float, float, float, float]


def measure(locales_dir: Path, runs: int, scratch: Path) -> Row:
    """Languages; first start s, its memory; restart s, its memory when ready and
    with every page cached (medians)."""
    tools.compile_all(locales_dir)
    tags = LocaleSet.discover(locales_dir).tags
    first = []
    for _ in range(runs):
        cache = Path(tempfile.mkdtemp(dir=scratch))
        first.append(start_once(locales_dir, tags, cache))
    again = [start_once(locales_dir, tags, cache) for _ in range(runs)]
    return (
        len(tags),
        statistics.median(r[0] for r in first),
        statistics.median(r[1] for r in first),
        statistics.median(r[0] for r in again),
        statistics.median(r[1] for r in again),
        statistics.median(r[2] for r in again),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--extra", type=int, default=50)
    parser.add_argument("--steps", type=int, default=2)
    args = parser.parse_args()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as scratch:
        locales_dir = Path(scratch) / "locales"
        shutil.copytree(ROOT / "locales", locales_dir, ignore=shutil.ignore_patterns("*.mo"))
        rows.append(measure(locales_dir, args.runs, Path(scratch)))
        added = 0
        for step in range(1, args.steps + 1):
            wanted = args.extra * step // args.steps
            add_languages(locales_dir, wanted - added)
            added = wanted
            rows.append(measure(locales_dir, args.runs, Path(scratch)))

    print(f"\nMedian of {args.runs} starts of `python -m pwa serve` (one process) each\n")
    print(
        "| languages | first start s | memory MB | restart s | memory when ready MB "
        "| with every page cached MB |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    for languages, first, first_mb, again, ready, cached in rows:
        print(
            f"| {languages} | {first:.2f} | {first_mb:.0f} | {again:.2f} | {ready:.0f} "
            f"| {cached:.0f} |"
        )
    print()
    for one, two in itertools.pairwise(rows):
        more = two[0] - one[0]
        if not more:
            continue
        print(
            f"From {one[0]} to {two[0]} languages, each one added: "
            f"first start +{(two[1] - one[1]) / more * 1000:.0f} ms, "
            f"restart +{(two[3] - one[3]) / more * 1000:.0f} ms, "
            f"+{(two[4] - one[4]) / more:.2f} MB when ready, "
            f"+{(two[5] - one[5]) / more:.2f} MB cached"
        )
    languages, first, first_mb, again, ready, cached = rows[0]
    met = again <= TIME_TARGET_S and cached <= MEMORY_TARGET_MB
    print(
        f"Targets for {languages} languages, on a restart: at most {TIME_TARGET_S:g} s and "
        f"{MEMORY_TARGET_MB:g} MB: {'met' if met else 'NOT MET'}; a first start: "
        f"{'met' if first <= TIME_TARGET_S and first_mb <= MEMORY_TARGET_MB else 'NOT MET'}"
    )
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
