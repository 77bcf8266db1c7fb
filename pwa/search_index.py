"""The search index of one language: the text of its pages as readers see them.

Built at startup from the rendered pages themselves, so it can never disagree with
them, and saved with the language for offline search. search.js searches it as the
reader types (pwa/search_index.py does no matching: the phone does).

Besides its text, each page is found by the words a family brings from the doctor's
(`also`): the English name of each glossary word it links to, since doctors and their
letters use English, and the illness's name in every language the guide serves, read
from each catalog's translations of the guide's own titles.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html import unescape

from markupsafe import Markup

from pwa.glossary import GLOSSARY_BY_SLUG
from pwa.pages import N_, PAGES, UTILITY_PAGES
from pwa.webmanifest import DESCRIPTION, NAME

FILE_NAME = "search.json"
MEDIA_TYPE = "application/json"
BLOCKS = {"h1", "h2", "h3", "h4", "p", "li", "dt", "dd", "figcaption"}
# Parts of a page that are not its text: said on every page, or not words at all.
SKIPPED_CLASSES = {"sources", "pager", "reading-tools", "draft-notice", "my-questions"}


def path(tag: str) -> str:
    return f"/{tag}/{FILE_NAME}"


# Read with a regular expression rather than html.parser, which took 0.5 s of every
# start (two thirds of building the indexes of 24 languages). That is safe here only
# because the input is the guide's own rendered pages: markupsafe escapes every `<`
# and `>` in text and attribute values, and templates write `class` in double quotes.
# tests/test_search_index.py checks every page of every language against
# html.parser's reading.
_TOKEN = re.compile(r"<(/?)([a-zA-Z][\w-]*)([^>]*)>|<!--.*?-->", re.S)
_CLASS = re.compile(r'(?:^|\s)class="([^"]*)"')
_HIDDEN = re.compile(r"(?:^|\s)hidden(?=[\s=/]|$)")
_VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr"}


def page_text(html: str) -> list[str]:
    """The blocks of text inside <main>, outside the skipped parts."""
    start = html.find("<main")
    if start < 0:
        return []
    end = html.find("</main>", start)
    html = html[start : end if end >= 0 else len(html)]
    blocks: list[str] = []
    stack: list[tuple[str, bool]] = []  # (tag, skipped); a block's own tag ends in "*"
    skipped_open = 0  # how many of the open elements are skipped
    current: list[str] | None = None  # the raw text of the block being read
    position = 0
    for token in _TOKEN.finditer(html):
        if current is not None and not skipped_open:
            current.append(html[position : token.start()])
        position = token.end()
        closing, tag, attributes = token.groups()
        if tag is None:  # a comment
            continue
        if not closing:
            found = _CLASS.search(attributes)
            skipped = bool(
                found and not SKIPPED_CLASSES.isdisjoint(found.group(1).split())
            ) or bool(_HIDDEN.search(attributes))
            if tag in _VOID:
                continue
            stack.append((tag, skipped))
            skipped_open += skipped
            if current is None and not skipped_open and tag in BLOCKS:
                current = []
                stack[-1] = (tag + "*", skipped)
            if not attributes.endswith("/"):
                continue
        while stack:  # an end tag closes what is open down to its start tag
            open_tag, was_skipped = stack.pop()
            skipped_open -= was_skipped
            if open_tag.rstrip("*") == tag:
                if open_tag.endswith("*") and current is not None:
                    text = " ".join(unescape("".join(current)).split())
                    if text:
                        blocks.append(text)
                    current = None
                break
    return blocks


# The guide's subject as its English titles name it. Each language's own name for it
# is what that language's translations of those same titles have in common.
SUBJECT = "leiomyosarcoma"

# Translators: search only, never shown on a page. The illness's name as a parent may
# type it in your language, with any other spelling or transliteration they may use,
# separated by commas (in Arabic, for example, the medical name and "ليوميوساركوما").
OTHER_NAMES = N_("leiomyosarcoma")
_GLOSSARY_LINK = re.compile(r'<a href="[^"]*/glossary/#([^"]+)"')
_EDGES = " \t\n.,;:!?¿¡()\"'«»“”‘’„،؛؟。，、：；！？（）"


def _longest_common_run(texts: list[str]) -> str:
    """The longest run of characters found in every one of `texts`."""
    shortest = min(texts, key=len)
    for length in range(len(shortest), 0, -1):
        for start in range(len(shortest) - length + 1):
            run = shortest[start : start + length]
            if all(run in text for text in texts):
                return run
    return ""


def names_in(gettext: Callable[[str], str]) -> tuple[str, list[str]]:
    """The illness's name in one language: the longest run shared by its translations
    of every title that names it in English ("What is leiomyosarcoma?", "Types of
    leiomyosarcoma", the guide's own name...), so "лейомиосарком" in Russian, whose
    titles inflect it, and "平滑肌肉瘤" in Chinese, written without spaces; and the
    names its translator gives for search (a transliteration, say)."""
    titles = [
        message
        for message in (*(page.title for page in (*PAGES, *UTILITY_PAGES)), NAME, DESCRIPTION)
        if SUBJECT in message.casefold()
    ]
    texts = [Markup(gettext(title)).striptags().casefold() for title in titles]
    others = Markup(gettext(OTHER_NAMES)).striptags().casefold().split(",")
    return _longest_common_run(texts).strip(_EDGES), others


def merged_names(per_language: Iterable[tuple[str, list[str]]]) -> list[str]:
    """The names of every language (`names_in`) as one list: the titles' names first."""
    parts = list(per_language)
    names = [name for name, _ in parts] + [other for _, others in parts for other in others]
    # Titles left in English, or translated by unrelated words, share nothing useful.
    return list(dict.fromkeys(name.strip() for name in names if len(name.strip()) >= 3))


def illness_names(translations: Iterable[Callable[[str], str]]) -> list[str]:
    """The illness's name in each language served, from each language's gettext."""
    return merged_names(names_in(gettext) for gettext in translations)


def english_terms(html: str) -> list[str]:
    """The English names of the glossary words a page links to, in page order."""
    slugs = dict.fromkeys(_GLOSSARY_LINK.findall(html))
    return [GLOSSARY_BY_SLUG[slug].term for slug in slugs if slug in GLOSSARY_BY_SLUG]


@dataclass(frozen=True)
class Entry:
    """One page as search reads it: its text blocks (the title first) and the English
    names of the glossary words it links to."""

    path: str
    blocks: list[str]
    english: list[str]


def entries(pages: list[tuple[str, str]]) -> list[Entry]:
    """`pages` as (path, html), read for search; pages with no text are left out."""
    return [
        Entry(page_path, blocks, english_terms(html))
        for page_path, html in pages
        if (blocks := page_text(html))
    ]


def search_index(pages: list[Entry], names: Iterable[str] = ()) -> bytes:
    """One language's pages in reading order (`entries`): each page's path, title and
    blocks, and `also`: the English glossary words it links to and, on a page that
    names the illness, its name in the other languages (`names`), as far as its text
    lacks them."""
    names = list(names)
    index = []
    for page in pages:
        entry: dict[str, object] = {
            "path": page.path,
            "title": page.blocks[0],
            "text": page.blocks[1:],
        }
        text = "\n".join(page.blocks).casefold()
        also = list(page.english)
        if any(name in text for name in names):
            also += names
        also = [word for word in dict.fromkeys(also) if word.casefold() not in text]
        if also:
            entry["also"] = also
        index.append(entry)
    return json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode()
