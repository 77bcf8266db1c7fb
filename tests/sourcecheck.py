"""The copy check's memory of the source documents: fingerprints, not text.

The sources in `../shared/sources/` are other publishers' pages: they are not copied
into this repository, and a fresh clone elsewhere may not have them beside it. What
the check needs is only "does this run of 10 words appear in a source?", so the repo
keeps a short hash of every 10-word run (`tests/data/source-runs.txt`), derived from
the documents by `python -m tests.sourcecheck` (`make source-runs`). A test checks the
file against the documents wherever they are present.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from pathlib import Path

from pwa.settings import PROJECT_ROOT

RUN = 10
RUNS_FILE = Path(__file__).parent / "data" / "source-runs.txt"


def sources_dir() -> Path:
    return Path(os.environ.get("GUIDE_SOURCES_DIR", PROJECT_ROOT.parent / "shared" / "sources"))


def words(text: str) -> list[str]:
    """Lowercase words, with typographic apostrophes made plain."""
    text = text.replace("’", "'").replace("‘", "'").lower()
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text)


def fingerprints(text: str) -> set[str]:
    found = words(text)
    return {
        hashlib.blake2b(" ".join(found[i : i + RUN]).encode(), digest_size=6).hexdigest()
        for i in range(len(found) - RUN + 1)
    }


def from_documents(folder: Path) -> set[str]:
    runs: set[str] = set()
    for document in sorted(folder.glob("*.txt")):
        runs |= fingerprints(document.read_text(encoding="utf-8"))
    return runs


def stored() -> set[str]:
    return set(RUNS_FILE.read_text(encoding="ascii").split())


def main() -> int:
    folder = sources_dir()
    runs = from_documents(folder)
    if not runs:
        print(f"no source documents in {folder}", file=sys.stderr)
        return 1
    RUNS_FILE.write_text("".join(f"{run}\n" for run in sorted(runs)), encoding="ascii")
    print(f"{RUNS_FILE}: {len(runs)} runs of {RUN} words from {folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
