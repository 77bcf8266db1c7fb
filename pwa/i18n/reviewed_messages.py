"""Which messages the medical translator checked: `locales/<id>/reviewed.txt`.

A review is of the sentences as they were that day. `python -m pwa i18n review`
writes one line per translated message: a short hash of its context, English and
translation, then the start of its English, for people reading the diff. A plain
text file beside the catalog, so PO editors and Weblate leave it alone.

At run time a translated message whose hash is not in the list was added or changed
after the review: it is shown, and every page that shows it says that some of its
sentences were not checked again (`templates/draft-notice.html`). A reviewed
language without the file (marked by hand, as before the file existed) counts as
reviewed in full; a draft language's list is not read at all.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from babel.messages.catalog import Catalog, Message

from pwa.i18n.stats import message_forms

REVIEWED_FILE = "reviewed.txt"
HASH_LENGTH = 12
_LINE = re.compile(rf"^([0-9a-f]{{{HASH_LENGTH}}})(?:\s|$)")
NOT_A_HASH = "not a reviewed message: this file is written by `python -m pwa i18n review`"


def reviewed_path(po_path: Path) -> Path:
    """`locales/<id>/reviewed.txt` for `locales/<id>/LC_MESSAGES/messages.po`."""
    return po_path.parent.parent / REVIEWED_FILE


def lookup_key(message: Message) -> str:
    """The message's key in a compiled catalog, as the translator looks it up."""
    singular = message.id[0] if isinstance(message.id, tuple | list) else message.id
    return f"{message.context}\x04{singular}" if message.context else str(singular)


def message_hash(message: Message) -> str:
    """A short fingerprint of what a reader is shown: context, English, translation.
    Any change to one of them (a fixed word, a new English sentence) changes it."""
    ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
    data = json.dumps([message.context or "", list(ids), list(message_forms(message))])
    return hashlib.sha256(data.encode()).hexdigest()[:HASH_LENGTH]


def shown(catalog: Catalog) -> Iterator[Message]:
    """The messages whose translation families can see: translated and not fuzzy."""
    for message in catalog:
        if message.id and not message.fuzzy and any(message_forms(message)):
            yield message


def read_reviewed(path: Path) -> frozenset[str] | None:
    """The hashes in a list, or None when the language has no list."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    return frozenset(
        found.group(1) for line in text.splitlines() if (found := _LINE.match(line.strip()))
    )


def list_problems(path: Path) -> Iterator[tuple[int, str]]:
    """Lines of a list that are neither a comment nor a message's hash."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return
    except (OSError, UnicodeDecodeError) as error:
        yield 1, f"cannot read the file: {error}"
        return
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if line and not line.startswith("#") and not _LINE.match(line):
            yield number, NOT_A_HASH


def unreviewed(catalog: Catalog, reviewed: frozenset[str]) -> frozenset[str]:
    """Lookup keys of the shown messages the review did not cover."""
    return frozenset(
        lookup_key(message) for message in shown(catalog) if message_hash(message) not in reviewed
    )


def list_text(messages: Iterable[Message], heading: Iterable[str]) -> str:
    """The file's text: comment lines, then one line per message, in catalog order."""
    lines = [f"# {line}" for line in heading]
    for message in messages:
        english = message.id[0] if isinstance(message.id, tuple | list) else message.id
        words = " ".join(str(english).split())
        lines.append(f"{message_hash(message)}  {words[:60]}")
    return "\n".join(lines) + "\n"
