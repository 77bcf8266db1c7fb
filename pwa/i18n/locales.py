"""The guide's languages, discovered from the catalogs on disk.

A language exists when `locales/<gettext id>/LC_MESSAGES/messages.po` exists: a
translator adds a folder and the language is served, with no code change. English is
the source language and is always there. URLs use BCP 47 tags (`pt-BR`, `zh-Hans`);
catalogs use gettext ids (`pt_BR`, `zh_Hans`); Babel's `Locale` converts between them.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from babel import Locale, UnknownLocaleError

log = logging.getLogger(__name__)

SOURCE_LOCALE = "en"
CATALOG = Path("LC_MESSAGES") / "messages.po"


@dataclass(frozen=True)
class GuideLocale:
    """One language of the guide, with everything a page needs to name and lay it out."""

    gettext_id: str
    babel: Locale

    # Cached: every page lists every language, so these are read n² times at startup.
    @cached_property
    def tag(self) -> str:
        """The BCP 47 tag used in URLs, `lang` attributes and the language cookie."""
        parts = (self.babel.language, self.babel.script, self.babel.territory, self.babel.variant)
        return "-".join(part for part in parts if part)

    @cached_property
    def direction(self) -> str:
        return self.babel.text_direction

    @cached_property
    def native_name(self) -> str:
        """The language named in itself, as a reader looks for it in a list."""
        name = self.babel.display_name or self.tag
        return name[:1].upper() + name[1:]

    @property
    def is_source(self) -> bool:
        return self.gettext_id == SOURCE_LOCALE

    def catalog_path(self, locales_dir: Path) -> Path:
        return locales_dir / self.gettext_id / CATALOG


def _parse(gettext_id: str) -> GuideLocale | None:
    try:
        return GuideLocale(gettext_id, Locale.parse(gettext_id))
    except (ValueError, UnknownLocaleError):
        log.warning("locales/%s: not a language Babel knows; folder ignored", gettext_id)
        return None


class LocaleSet:
    """The languages served, in a stable order: English first, then by tag."""

    def __init__(self, locales: list[GuideLocale]) -> None:
        self._locales = tuple(locales)
        self._by_key = {_key(loc.tag): loc for loc in self._locales}

    @classmethod
    def discover(cls, locales_dir: Path) -> LocaleSet:
        """Find every `<id>/LC_MESSAGES/messages.po` under `locales_dir`."""
        found: dict[str, GuideLocale] = {}
        source = _parse(SOURCE_LOCALE)
        assert source is not None
        found[source.tag] = source
        for po in sorted(locales_dir.glob(f"*/{CATALOG.as_posix()}")):
            if po.parent.parent.name.startswith("."):
                continue  # a folder being prepared (`i18n init`) or an editor's, not a language
            locale = _parse(po.parent.parent.name)
            if locale is not None:
                found.setdefault(locale.tag, locale)
        ordered = [
            source,
            *sorted((loc for loc in found.values() if not loc.is_source), key=lambda loc: loc.tag),
        ]
        return cls(ordered)

    def __iter__(self) -> Iterator[GuideLocale]:
        return iter(self._locales)

    def __len__(self) -> int:
        return len(self._locales)

    @property
    def source(self) -> GuideLocale:
        return self._locales[0]

    @property
    def tags(self) -> list[str]:
        return [loc.tag for loc in self._locales]

    def get(self, tag: str) -> GuideLocale | None:
        """The locale a URL segment or cookie names, in any spelling (`pt_br`, `PT-BR`)."""
        return self._by_key.get(_key(tag))


def _key(tag: str) -> str:
    return tag.replace("_", "-").lower()


def missing_catalogs(locales_dir: Path) -> list[Path]:
    """Language folders without their catalog (deleted by mistake, or mid-copy):
    `discover` leaves those languages out, and the server says why."""
    return [
        folder / CATALOG.name
        for folder in sorted(locales_dir.glob(f"*/{CATALOG.parent.as_posix()}"))
        if not (folder / CATALOG.name).is_file()
    ]
