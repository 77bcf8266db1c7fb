"""Translating the guide's text safely, one locale at a time.

These callables replace the ones `jinja2.ext.i18n` would install. Jinja's own
newstyle gettext marks every translation as safe HTML (`Markup(rv) % variables`);
here a translation is data: escaped (or sanitized down to its source's markup),
formatted with escaped variables, and replaced by the whole English source when it
is missing or breaks a rule of `rules.py` (the rule `i18n check` reports). English
shown on a translated page is wrapped in `lang="en"` so screen readers pronounce it
as English. While a page renders, the translator notes which translations it shows
that the language's review did not cover (`recording_unreviewed`), so that the page
can say so.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from babel.support import NullTranslations
from markupsafe import Markup, escape

from pwa.i18n.digits import format_number
from pwa.i18n.locales import GuideLocale
from pwa.i18n.markup import safe_translation, same_markup
from pwa.i18n.rules import message_problems

log = logging.getLogger(__name__)


class Translator:
    """The gettext family for one locale, returning HTML-safe Markup."""

    def __init__(
        self,
        locale: GuideLocale,
        translations: NullTranslations,
        unreviewed: frozenset[str] = frozenset(),
    ) -> None:
        self.locale = locale
        self._translations = translations
        # Lookup keys of translations added or changed since the language's review.
        self._unreviewed = unreviewed
        self._shown_unreviewed: set[str] | None = None
        # On a right-to-left page, English also needs its own direction.
        direction = ' dir="ltr"' if locale.direction == "rtl" else ""
        self._english_open = Markup(f'<span lang="en"{direction}>')

    @contextmanager
    def recording_unreviewed(self) -> Iterator[set[str]]:
        """The keys of unreviewed translations shown while the block runs (one page)."""
        outer, self._shown_unreviewed = self._shown_unreviewed, set()
        try:
            yield self._shown_unreviewed
        finally:
            self._shown_unreviewed = outer

    def _lookup(self, context: str | None, msgid: str, plural: str | None, n: int) -> str | None:
        """The translated text, or None when the catalog has none for this message.

        `gettext()` returns the msgid itself when a message is missing, which cannot be
        told apart from a translation identical to English ("OK"); the catalog
        dictionary of `gettext.GNUTranslations` can, so it is read directly.
        """
        catalog = getattr(self._translations, "_catalog", None)
        if not catalog:
            return None
        key_msgid = _key(context, msgid)
        found = catalog.get((key_msgid, self._translations.plural(n)) if plural else key_msgid)
        return found or None

    def _render(
        self,
        source: str,
        translated: str | None,
        variables: dict[str, Any],
        forms: tuple[str, ...] = (),
        key: str = "",
    ) -> Markup:
        """The translation as safe HTML, or the whole English `source` when it may not
        be shown (`rules.message_problems`, the rule `i18n check` reports).

        `forms` are a plural message's singular and plural English, which together
        say what its translation may hold; `key` is the message's lookup key.
        """
        if translated is not None:
            html, problems = _checked(source, forms, translated)
            if html is not None:
                try:
                    shown = _format(source, html, self._numbers_as_written(variables))
                except (KeyError, ValueError, TypeError) as error:
                    problems = (f"it does not format: {error}",)
                else:
                    if key in self._unreviewed and self._shown_unreviewed is not None:
                        self._shown_unreviewed.add(key)
                    return shown
            log.warning(
                "%s: translation of %r is not shown (%s); using English",
                self.locale.tag,
                source,
                "; ".join(problems),
            )
        english = _format(source, Markup(source), variables)
        if self.locale.is_source:
            return english
        return self._english_open + english + Markup("</span>")

    def _numbers_as_written(self, variables: dict[str, Any]) -> dict[str, Any]:
        """Numbers filled into a translation in the language's grouping and digits
        ("৪৫ টি শব্দ"); an English fallback keeps English's own."""
        return {
            name: format_number(value, self.locale.babel)
            if isinstance(value, int | float) and not isinstance(value, bool)
            else value
            for name, value in variables.items()
        }

    def gettext(self, message: str, **variables: Any) -> Markup:
        translated = self._lookup(None, message, None, 1)
        return self._render(message, translated, variables, key=message)

    def ngettext(self, singular: str, plural: str, n: int, **variables: Any) -> Markup:
        variables.setdefault("num", n)
        source = singular if n == 1 else plural
        translated = self._lookup(None, singular, plural, n)
        return self._render(source, translated, variables, (singular, plural), singular)

    def pgettext(self, context: str, message: str, **variables: Any) -> Markup:
        translated = self._lookup(context, message, None, 1)
        return self._render(message, translated, variables, key=_key(context, message))

    def npgettext(
        self, context: str, singular: str, plural: str, n: int, **variables: Any
    ) -> Markup:
        variables.setdefault("num", n)
        source = singular if n == 1 else plural
        translated = self._lookup(context, singular, plural, n)
        forms = (singular, plural)
        return self._render(source, translated, variables, forms, _key(context, singular))

    def jinja_globals(self) -> dict[str, Callable[..., Markup]]:
        """What `{% trans %}` and `_()` call in templates (Jinja's newstyle gettext API)."""
        return {
            "gettext": self.gettext,
            "_": self.gettext,
            "ngettext": self.ngettext,
            "pgettext": self.pgettext,
            "npgettext": self.npgettext,
        }


# The same message is on many pages (the menu, the footer): judged once per text.
@lru_cache(maxsize=65536)
def _checked(
    source: str, forms: tuple[str, ...], translated: str
) -> tuple[Markup | None, tuple[str, ...]]:
    """A translation as safe HTML and no problems, or None and why it may not be shown."""
    problems = message_problems(forms or (source,), translated, bool(forms))
    if problems:
        return None, problems
    html = safe_translation(source, translated)
    if not same_markup(html, translated):
        return None, ("the sanitizer would change it",)  # never half-cleaned
    return html, ()


def _key(context: str | None, msgid: str) -> str:
    """A message's key in a compiled catalog, as gettext writes it."""
    return f"{context}\x04{msgid}" if context else msgid


def _format(source: str, text: Markup, variables: dict[str, Any]) -> Markup:
    """Fill in the variables, if the message is a format string at all.

    Jinja's own newstyle gettext formats every message. Here, as in gettext's
    `python-format` flag, only a msgid with a `%` is a format string: a translator who
    writes "7 % à 11 %" in a message without placeholders gets a percent sign, not an
    error and an English fallback.
    """
    return text % _escaped(variables) if "%" in source else text


def _escaped(variables: dict[str, Any]) -> dict[str, Any]:
    return {
        name: value if isinstance(value, int | float) else escape(value)
        for name, value in variables.items()
    }
