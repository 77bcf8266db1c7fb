"""Where each marked message sits in a rendered page: region, section and element.

`recording.py` makes a page whose messages are each followed by a marker; this reads
that page's HTML in order and says, for each marker, what a translator needs to find
it on the screen: the part of the page (header, main text, footer...), the nearest
heading before it (with the id to open the page there), and what kind of text it is
(a button, a link, a label only screen readers read...).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from pwa.i18n.recording import MARKER, MessageKey, MessageLog, strip_markers

# Elements without an end tag.
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
    | {"track", "wbr"}
)
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
REGIONS = ("head", "header", "main", "footer")
SECTIONS = frozenset({"section", "aside", "nav", "article"})
# Containers a page names with `aria-label` instead of a heading (the pager, the
# reading tools): their name is the section of what they hold.
LABELLED = frozenset({"nav", "section", "aside", "form", "div"})

# What a message is, by the element it is in (innermost first wins).
ELEMENT_KINDS = {
    "title": "the browser tab's title",
    "button": "a button",
    "summary": "a line that opens to show more",
    "label": "the label of a form field",
    "figcaption": "a picture's caption",
    "a": "a link",
}
# ...or by the attribute it is in.
ATTRIBUTE_KINDS = {
    "aria-label": "a label that screen readers read",
    "content": "the page's description for search engines",
    "alt": "a picture's text for screen readers",
    "title": "a tooltip",
}
SCRIPT_KIND = "used by the page's script"
HIDDEN_KIND = "hidden until the page's script shows it"
SCREEN_READER_KIND = "read by screen readers only"
TITLE_KIND = "the page's title"
TOP_KIND = "top of the page"


@dataclass(frozen=True)
class Place:
    """One spot where a message appears on a page."""

    region: str  # head, header, main, footer, status (the line at the bottom), page
    section: str  # the nearest heading's text, or a named container's name; "" if none
    anchor: str  # the id that opens the page at that section; "" if none
    kind: str  # what the text is ("a button", ...); "" for running text


@dataclass
class _Heading:
    anchor: str
    is_title: bool  # the page's h1: what comes under it is the top of the page
    text: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return " ".join(strip_markers("".join(self.text)).split())


@dataclass
class _Open:
    tag: str
    attrs: dict[str, str | None]
    heading: _Heading | None = None
    # A section's headings end with it: what follows is under the heading before it.
    outer_heading: _Heading | None = None


class _Walker(HTMLParser):
    def __init__(self, log: MessageLog) -> None:
        super().__init__(convert_charrefs=True)
        self.log = log
        self.stack: list[_Open] = []
        self.heading: _Heading | None = None
        # Each marker with its place; a heading's text is only complete at its end tag.
        self.found: list[tuple[MessageKey, str, _Heading | None, str, str, str]] = []

    # The tree ---------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        opened = _Open(tag, values, outer_heading=self.heading)
        if tag in HEADINGS or (tag == "dt" and values.get("id")):
            opened.heading = self.heading = _Heading(values.get("id") or "", tag == "h1")
        self.stack.append(opened)  # an attribute is where its element is
        for name, value in attrs:
            if value and MARKER.search(value):
                kind = SCRIPT_KIND if name.startswith("data-") else ATTRIBUTE_KINDS.get(name, name)
                self._mark(value, kind)
        if tag in VOID:
            self.stack.pop()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack and self.stack[-1].tag == tag:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth].tag == tag:
                if tag in SECTIONS:
                    self.heading = self.stack[depth].outer_heading
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        for opened in self.stack:
            if opened.heading is not None:
                opened.heading.text.append(data)
        if MARKER.search(data):
            self._mark(data, self._text_kind())

    # Where a marker is --------------------------------------------------------------

    def _mark(self, text: str, kind: str) -> None:
        region = self._region()
        name, anchor = self._container()
        heading = self.heading if region == "main" and not name else None
        kinds = [kind] if kind else []
        if heading and heading.is_title:
            if any(opened.tag == "h1" for opened in self.stack):
                kinds.insert(0, TITLE_KIND)
            else:
                kinds.insert(0, TOP_KIND)
        classes = {
            name for opened in self.stack for name in (opened.attrs.get("class") or "").split()
        }
        if "visually-hidden" in classes:
            kinds.append(SCREEN_READER_KIND)
        if any("hidden" in opened.attrs for opened in self.stack):
            kinds.append(HIDDEN_KIND)
        for found in MARKER.finditer(text):
            key = self.log.key_of(found)
            self.found.append((key, region, heading, name, anchor, ", ".join(kinds)))

    def _region(self) -> str:
        for opened in reversed(self.stack):
            if opened.tag in REGIONS:
                return opened.tag
        if any(opened.attrs.get("role") == "status" for opened in self.stack):
            return "status"
        return "page"

    def _container(self) -> tuple[str, str]:
        """The name and id of the innermost container named by `aria-label`."""
        for opened in reversed(self.stack):
            label = opened.attrs.get("aria-label")
            if opened.tag in LABELLED and label:
                return " ".join(strip_markers(label).split()), opened.attrs.get("id") or ""
        return "", ""

    def _text_kind(self) -> str:
        for opened in reversed(self.stack):
            if opened.tag in ELEMENT_KINDS:
                return ELEMENT_KINDS[opened.tag]
        return ""

    def places(self) -> list[tuple[MessageKey, Place]]:
        return [
            (
                key,
                Place(region, heading.title, heading.anchor, kind)
                if heading and not heading.is_title
                else Place(region, name, anchor, kind),
            )
            for key, region, heading, name, anchor, kind in self.found
        ]


def places_in(html: str, log: MessageLog) -> list[tuple[MessageKey, Place]]:
    """Every marked message of a page with its place, in the page's order."""
    walker = _Walker(log)
    walker.feed(html)
    walker.close()
    return walker.places()
