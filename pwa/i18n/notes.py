"""Notes for translators: where each message appears, in the order a page is read.

`pwa/page_context.py` renders the guide to find, for every message, the page and
section it is on; this module puts those notes into the template, after each
message's own translator comments and in reading order, and gives each catalog's
notes its own language's addresses. Poedit shows the notes as "Notes for
translators", Weblate as "Explanation".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from babel.messages.catalog import Catalog

from pwa.i18n.locales import SOURCE_LOCALE
from pwa.i18n.recording import MessageKey

# The addresses in the template are English ones; `localize` gives each catalog its own.
ADDRESS_LANGUAGE = SOURCE_LOCALE
NOWHERE = "Not found on any page when the guide was rendered."
# An address starts a line or follows a space or comma (notes are wrapped at spaces,
# never inside an address).
_ADDRESS = re.compile(rf"(?<![^\s,])/{ADDRESS_LANGUAGE}/")


@dataclass(frozen=True)
class PageContext:
    """Every message's notes, and the order a translator reads the messages in."""

    notes: dict[MessageKey, list[str]]
    order: list[MessageKey]


def key_of(msgid: str | tuple[str, ...] | list[str], context: str | None) -> MessageKey:
    """A message's key: a plural message is known by its singular."""
    return (msgid if isinstance(msgid, str) else msgid[0], context)


def in_reading_order(catalog: Catalog, context: PageContext) -> Catalog:
    """The catalog's messages in the guide's reading order, each with its notes after
    its translator comments; a message no page shows comes last and says so."""
    ordered = Catalog(
        project=catalog.project,
        version=catalog.version,
        msgid_bugs_address=catalog.msgid_bugs_address,
        copyright_holder=catalog.copyright_holder,
        charset=catalog.charset,
    )
    ordered.creation_date = catalog.creation_date
    keys = [*context.order, *(key_of(m.id, m.context) for m in catalog if m.id)]
    for msgid, msgctxt in dict.fromkeys(keys):
        message = catalog.get(msgid, msgctxt)
        if message is None:
            continue
        ordered.add(
            message.id,
            None,
            message.locations,
            auto_comments=[*message.auto_comments, *context.notes.get((msgid, msgctxt), [NOWHERE])],
            context=msgctxt,
        )
    return ordered


def localize(comment: str, tag: str) -> str:
    """A note with its addresses in the catalog's own language (`/es/treatment/`),
    ready to paste after the preview's `http://127.0.0.1:8000`."""
    return _ADDRESS.sub(f"/{tag}/", comment)
