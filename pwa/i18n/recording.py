"""A translator that marks where each message lands in a rendered page.

`i18n extract` renders every English page with it to tell translators where each
message appears (`page_context.py`). Each translation comes back as the English,
followed by an invisible marker naming its message; reading the page's HTML then
finds each marker's page, section and element.

The marker goes after the text, not before it, and starts with the lowest printable
code point, so that sorting by the text (the glossary's order) is as without it.
"""

from __future__ import annotations

import re
from typing import Any

from babel.support import NullTranslations
from markupsafe import Markup

from pwa.i18n.locales import GuideLocale
from pwa.i18n.translator import Translator

# A message's key, as Babel's Catalog keys it: the msgid (a plural message's
# singular) and its context.
MessageKey = tuple[str, str | None]

_START = "\x01"
_FIRST = 0xF0000  # Supplementary Private Use Area-A: one code point per message
MARKER = re.compile(f"{_START}([\U000f0000-\U000ffffd])")


class MessageLog:
    """The messages asked for while rendering, each with its own marker."""

    def __init__(self) -> None:
        self.keys: list[MessageKey] = []
        self._index: dict[MessageKey, int] = {}

    def marker(self, key: MessageKey) -> Markup:
        index = self._index.get(key)
        if index is None:
            index = self._index[key] = len(self.keys)
            self.keys.append(key)
        return Markup(_START + chr(_FIRST + index))

    def key_of(self, found: re.Match[str]) -> MessageKey:
        """The message a `MARKER` match stands for."""
        return self.keys[ord(found.group(1)) - _FIRST]


def strip_markers(text: str) -> str:
    return MARKER.sub("", text)


class RecordingTranslator(Translator):
    """The English text of every message, each followed by its marker."""

    def __init__(self, locale: GuideLocale, log: MessageLog) -> None:
        super().__init__(locale, NullTranslations())
        self.log = log

    def gettext(self, message: str, **variables: Any) -> Markup:
        return super().gettext(message, **variables) + self.log.marker((message, None))

    def ngettext(self, singular: str, plural: str, n: int, **variables: Any) -> Markup:
        text = super().ngettext(singular, plural, n, **variables)
        return text + self.log.marker((singular, None))

    def pgettext(self, context: str, message: str, **variables: Any) -> Markup:
        return super().pgettext(context, message, **variables) + self.log.marker((message, context))

    def npgettext(
        self, context: str, singular: str, plural: str, n: int, **variables: Any
    ) -> Markup:
        text = super().npgettext(context, singular, plural, n, **variables)
        return text + self.log.marker((singular, context))
