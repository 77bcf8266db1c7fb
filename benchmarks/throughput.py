"""Page and asset throughput: the guide against a bare Starlette app returning the
same bytes, side by side in one run.

    python benchmarks/throughput.py [--seconds 10] [--connections 50]

Each server is one Granian worker on loopback (as `python -m pwa serve` runs); the
load comes from wrk when it is installed, else from a bounded Python load generator
(benchmarks/load.py). Requests ask for brotli, as browsers do, so every server sends
the same compressed bytes:
a page (/en/treatment/) and a hashed stylesheet. For the stylesheet, WhiteNoise as a
WSGI app is measured too, to show why the guide serves WhiteNoise's file table from
ASGI itself. Targets: at least 0.8 of the bare app's requests per second, and a p99
latency of at most 10 ms at 50 connections. Run by hand; not a timed test.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.load import free_port, load_tool, measure, start, wait

PAGE = "/en/treatment/"
RATIO_TARGET = 0.8
P99_TARGET_MS = 10.0


def fetch(url: str) -> tuple[bytes, str, str]:
    """The bytes the guide sends for `url` to a browser that accepts brotli."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip, br"})
    with urllib.request.urlopen(request) as response:
        return (
            response.read(),
            response.headers.get("Content-Type", ""),
            response.headers.get("Content-Encoding", ""),
        )


def run(
    app: str, path: str, env: dict[str, str], args: argparse.Namespace, interface: str = "asgi"
) -> tuple[float, float, float]:
    port = free_port()
    process = start(app, port, env, interface)
    url = f"http://127.0.0.1:{port}{path}"
    try:
        wait(url)
        measure(url, 2, args.connections)  # warm up (and fill the guide's page cache)
        return measure(url, args.seconds, args.connections)
    finally:
        process.terminate()
        process.wait(timeout=10)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=50)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        # The exact bytes the guide sends, read from the guide itself.
        port = free_port()
        guide = start("pwa.app:create_app", port, {})
        try:
            wait(f"http://127.0.0.1:{port}/en/")
            origin = f"http://127.0.0.1:{port}"
            page = fetch(origin + PAGE)
            html = urllib.request.urlopen(origin + PAGE).read().decode()
            css_path = html.split('rel="stylesheet" href="', 1)[1].split('"', 1)[0]
            css = fetch(origin + css_path)
        finally:
            guide.terminate()
            guide.wait(timeout=10)
        rows = []
        for label, path, (body, media_type, encoding) in (
            ("page", PAGE, page),
            ("hashed asset", css_path, css),
        ):
            file = Path(scratch) / label.replace(" ", "-")
            file.write_bytes(body)
            env = {"BENCH_FILE": str(file), "BENCH_TYPE": media_type, "BENCH_ENCODING": encoding}
            servers = [
                ("bare Starlette, same bytes", "benchmarks.apps:bare", "asgi", {}),
                ("the guide", "pwa.app:create_app", "asgi", {}),
            ]
            if label == "hashed asset":
                static_root = Path(scratch) / "static"
                from pwa.assets import AssetManifest  # the same hashed files the guide serves

                AssetManifest.build(Path(__file__).resolve().parent.parent / "static", static_root)
                servers.append(
                    (
                        "WhiteNoise as WSGI under Granian",
                        "benchmarks.apps:wsgi_whitenoise",
                        "wsgi",
                        {"BENCH_ROOT": str(static_root)},
                    )
                )
            ceiling = None
            for name, app, interface, extra in servers:
                rps, p50, p99 = run(app, path, {**env, **extra}, args, interface)
                ceiling = ceiling or rps
                rows.append(
                    (
                        f"{label} ({len(body):,} B {encoding or 'plain'})",
                        name,
                        rps,
                        rps / ceiling,
                        p50,
                        p99,
                    )
                )

    print(
        f"\n{args.connections} connections, {args.seconds} s each, one Granian worker per "
        f"server, load from {load_tool()}\n"
    )
    print("| response | server | requests/s | vs bare | p50 ms | p99 ms |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    failed = False
    for what, name, rps, ratio, p50, p99 in rows:
        print(f"| {what} | {name} | {rps:,.0f} | {ratio:.2f} | {p50:.2f} | {p99:.2f} |")
        if name == "the guide" and (ratio < RATIO_TARGET or p99 > P99_TARGET_MS):
            failed = True
    print(
        f"\nTargets for the guide: at least {RATIO_TARGET} of bare Starlette, p99 at most "
        f"{P99_TARGET_MS:g} ms: {'NOT MET' if failed else 'met'}"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
