"""The words a reader reads on a page, for content tests.

Only the guide's own text counts: the `<main>` element, without the list of sources
(citations of other people's titles), navigation (table of contents, pager) and
the draft notice. Headings are kept apart, because a term in a heading is a label,
not its first use in a sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

BLOCKS = {"p", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
VOID = {"br", "img", "hr", "meta", "link", "input", "wbr"}


@dataclass
class Run:
    """A piece of text and what it is inside of."""

    text: str
    href: str | None  # the link it belongs to, if any
    heading: bool


class PageText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.runs: list[Run] = []
        self.blocks: list[str] = []
        self.links: list[str] = []  # every href inside main, in order
        self._stack: list[tuple[str, dict[str, str | None]]] = []
        self._in_main = False
        self._skip_depth: int | None = None
        self._block: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "main":
            self._in_main = True
        if tag in VOID:
            return
        self._stack.append((tag, attributes))
        if not self._in_main or self._skip_depth is not None:
            return
        classes = (attributes.get("class") or "").split()
        if tag == "nav" or "sources" in classes or "draft-notice" in classes:
            self._skip_depth = len(self._stack)
            return
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"] or "")
        if tag in BLOCKS and self._block is None:
            self._block = []

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        while self._stack:
            open_tag, _ = self._stack.pop()
            depth = len(self._stack) + 1
            if self._skip_depth is not None and depth == self._skip_depth:
                self._skip_depth = None
            elif (
                self._block is not None
                and open_tag in BLOCKS
                and self._skip_depth is None
                and not any(name in BLOCKS for name, _ in self._stack)
            ):
                self._end_block()
            if open_tag == tag:
                break
        if tag == "main":
            self._in_main = False

    def _end_block(self) -> None:
        text = " ".join("".join(self._block or []).split())
        self._block = None
        if text:
            # A heading or list item without a full stop is still a unit of its own.
            self.blocks.append(text if text[-1] in ".?!:;" else text + ".")

    def handle_data(self, data: str) -> None:
        if not self._in_main or self._skip_depth is not None:
            return
        href = next((a.get("href") for name, a in reversed(self._stack) if name == "a"), None)
        heading = any(name in HEADINGS for name, _ in self._stack)
        self.runs.append(Run(data, href, heading))
        if self._block is not None:
            self._block.append(data)

    @property
    def text(self) -> str:
        return " ".join(self.blocks)


def page_text(html: str) -> PageText:
    parsed = PageText()
    parsed.feed(html)
    parsed.close()
    return parsed
