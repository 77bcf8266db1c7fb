"""Lighthouse, mobile setting, on the home and treatment pages in English and Arabic.

    npm install --prefix benchmarks        # once: the npm `lighthouse` package
    python benchmarks/lighthouse.py [--export]

Starts the guide on a loopback port (or, with --export, builds the static export and
serves it with Python's plain static server), then runs Lighthouse's default mobile
audit (a mid-range phone on a slow 4G connection, simulated) in Debian's Chromium
(CHROMIUM_PATH, else `chromium` on PATH) and prints the four category scores, the
Largest Contentful Paint and the total bytes transferred. GUIDE_SITE_URL is set to
the served origin, as a clinic sets it, so that the pages carry their hreflang
alternates. Target: 100 in all four. Run by hand; not a timed test.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.load import ROOT, free_port, wait

LIGHTHOUSE = ROOT / "benchmarks" / "node_modules" / ".bin" / "lighthouse"
PAGES = ["/en/", "/en/treatment/", "/ar/", "/ar/treatment/"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)


class Handler(SimpleHTTPRequestHandler):
    extensions_map = {  # noqa: RUF012 (http.server's own class attribute)
        **SimpleHTTPRequestHandler.extensions_map,
        ".webmanifest": "application/manifest+json",
    }

    def log_message(self, format: str, *args: object) -> None:
        pass


def audit(url: str, chromium: str, report: Path) -> dict:
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        env={**os.environ, "CHROME_PATH": chromium},
        check=True,
    )
    return json.loads(report.read_text())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--export", action="store_true", help="audit the static export")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        print("Lighthouse is missing: run `npm install --prefix benchmarks`", file=sys.stderr)
        return 2
    chromium = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    if not chromium:
        print("No Chromium: install Debian's `chromium` or set CHROMIUM_PATH", file=sys.stderr)
        return 2

    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    environment = {**os.environ, "GUIDE_SITE_URL": origin}
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        if args.export:
            out = Path(scratch) / "site"
            subprocess.run(
                [sys.executable, "-m", "pwa", "build", str(out)], env=environment, check=True
            )
            handler = functools.partial(Handler, directory=str(out))
            httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)
            threading.Thread(target=httpd.serve_forever, daemon=True).start()
            stop = httpd.shutdown
        else:
            server = subprocess.Popen(
                [sys.executable, "-m", "pwa", "serve", "--port", str(port)],
                cwd=ROOT,
                env=environment,
            )
            stop = server.terminate
        try:
            wait(origin + "/en/")
            for path in PAGES:
                result = audit(origin + path, chromium, Path(scratch) / "report.json")
                scores = [round(result["categories"][name]["score"] * 100) for name in CATEGORIES]
                audits = result["audits"]
                lcp = audits["largest-contentful-paint"]["numericValue"] / 1000
                transfer = audits["total-byte-weight"]["numericValue"] / 1024
                rows.append((path, *scores, lcp, transfer))
        finally:
            stop()

    served = "the static export behind Python's http.server" if args.export else "the server"
    package = ROOT / "benchmarks" / "node_modules" / "lighthouse" / "package.json"
    version = json.loads(package.read_text())["version"]
    print(f"\nLighthouse {version}, mobile, {served}\n")
    print("| page | performance | accessibility | best practices | SEO | LCP s | transfer KB |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for path, perf, a11y, practices, seo, lcp, transfer in rows:
        print(f"| {path} | {perf} | {a11y} | {practices} | {seo} | {lcp:.1f} | {transfer:.1f} |")
    met = all(score == 100 for row in rows for score in row[1:5])
    print(f"\nTarget: 100 in every category: {'met' if met else 'NOT MET'}")
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
