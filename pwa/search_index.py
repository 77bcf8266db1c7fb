"""The search index of one language: the text of its pages as readers see them.

Built at startup from the rendered pages themselves, so it can never disagree with
them, and saved with the language for offline search. search.js searches it as the
reader types (pwa/search_index.py does no matching: the phone does).
"""

from __future__ import annotations

import json
from html.parser import HTMLParser

FILE_NAME = "search.json"
MEDIA_TYPE = "application/json"
BLOCKS = {"h1", "h2", "h3", "h4", "p", "li", "dt", "dd", "figcaption"}
# Parts of a page that are not its text: said on every page, or not words at all.
SKIPPED_CLASSES = {"sources", "pager", "reading-tools", "draft-notice", "my-questions"}


def path(tag: str) -> str:
    return f"/{tag}/{FILE_NAME}"


class _PageText(HTMLParser):
    """The blocks of text inside <main>, outside the skipped parts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._stack: list[tuple[str, bool]] = []  # (tag, skipped)
        self._in_main = False
        self._current: list[str] | None = None

    def _skipped(self) -> bool:
        return any(skipped for _, skipped in self._stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "main":
            self._in_main = True
        classes = set((values.get("class") or "").split())
        skipped = bool(classes & SKIPPED_CLASSES) or "hidden" in values
        if tag not in {"br", "img", "input", "meta", "link"}:
            self._stack.append((tag, skipped))
        if self._in_main and tag in BLOCKS and not self._skipped() and self._current is None:
            self._current = []
            self._stack[-1] = (tag + "*", skipped)  # where this block ends

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self._in_main = False
        while self._stack:
            open_tag, _ = self._stack.pop()
            if open_tag.rstrip("*") == tag:
                if open_tag.endswith("*") and self._current is not None:
                    text = " ".join("".join(self._current).split())
                    if text:
                        self.blocks.append(text)
                    self._current = None
                break

    def handle_data(self, data: str) -> None:
        if self._current is not None and not self._skipped():
            self._current.append(data)


def page_text(html: str) -> list[str]:
    parser = _PageText()
    parser.feed(html)
    return parser.blocks


def search_index(pages: list[tuple[str, str]]) -> bytes:
    """`pages` as (path, html) in reading order: each page's path, title and blocks."""
    entries = []
    for page_path, html in pages:
        blocks = page_text(html)
        if blocks:
            entries.append({"path": page_path, "title": blocks[0], "text": blocks[1:]})
    return json.dumps(entries, ensure_ascii=False, separators=(",", ":")).encode()
