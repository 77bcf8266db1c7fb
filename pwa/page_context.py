"""Which page and section each message is on, and the guide's reading order.

`i18n extract` asks this module for a note per message (`#. Page /en/treatment/#surgery,
section "Surgery"`), which Poedit shows as "Notes for translators" and Weblate as
"Explanation", and for the order the catalogs list messages in: the home page top
to bottom, then each page in reading order, then what every page shares, then the
other screens. Nothing here is kept by hand: every page of the guide is rendered in
English with a translator that marks each message (`recording.py`), once with no
clinic details and once for each setting or review state that shows other
sentences, and each mark is found in the page (`placement.py`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from babel import Locale
from babel.support import NullTranslations

from pwa import search_index, webmanifest
from pwa.assets import STATIC_PREFIX, AssetManifest
from pwa.i18n.locales import SOURCE_LOCALE, GuideLocale, LocaleSet
from pwa.i18n.notes import ADDRESS_LANGUAGE, PageContext
from pwa.i18n.placement import Place, places_in
from pwa.i18n.recording import MARKER, MessageKey, MessageLog, RecordingTranslator
from pwa.i18n.review import Review
from pwa.i18n.translator import Translator
from pwa.pages import PAGES, UTILITY_PAGES, Page
from pwa.rendering import Renderer
from pwa.settings import Settings
from pwa.templating import SharedBytecode, jinja_options, make_environment
from pwa.webmanifest import ThemeColours

NOT_FOUND_PATH = f"/{ADDRESS_LANGUAGE}/no-such-page/"
# A page's messages are listed up to this many places; the rest are counted.
MOST_PLACES = 4
MOST_PAGES = 3
SEARCH_ONLY = "Search only: never shown on a page."

REGION_NAMES = {
    "head": "",
    "header": "header",
    "main": "",
    "footer": "footer",
    "status": "the status line at the bottom of the screen",
    "page": "top of the page, before the header",
}
MANIFEST_FIELDS = {
    "name": "the app's name, when the guide is installed on a phone",
    "short_name": "the name under the app's icon on a phone's home screen",
    "description": "the app's description, when the guide is installed on a phone",
}

SAMPLE_CLINIC = {
    "clinic_name": "Sample Children's Clinic",
    "clinic_phone": "+1 (555) 010-0199",
    "clinic_url": "https://clinic.example/",
}


@dataclass(frozen=True)
class Variant:
    """One way of rendering the guide that shows sentences the others do not."""

    condition: str  # when a reader sees what only this variant shows; "" for the plain guide
    translated: bool = False
    reviewed: bool = False
    changed: bool = False  # sentences changed since the review (templates/draft-notice.html)
    settings: Mapping[str, Any] = field(default_factory=dict)  # Settings fields


DRAFT = "on translated pages while the translation is a draft"
ENGLISH_ONLY = "on the English page only"
VARIANTS = (
    Variant(""),
    Variant(DRAFT, translated=True),
    Variant(
        "on translated pages once a medical translator has checked them",
        translated=True,
        reviewed=True,
    ),
    Variant(
        "on a checked translation's pages that show a sentence changed since the check",
        translated=True,
        reviewed=True,
        changed=True,
    ),
    Variant("when a clinic has set its name, phone number and website", settings=SAMPLE_CLINIC),
    Variant(
        "when a clinic has set its name only",
        settings={"clinic_name": SAMPLE_CLINIC["clinic_name"]},
    ),
    Variant(
        "when a clinic has set its phone number only",
        settings={"clinic_phone": SAMPLE_CLINIC["clinic_phone"]},
    ),
    Variant(
        "when the guide's public address is set", settings={"site_url": "https://guide.example"}
    ),
)
# The stand-in for any translated language; its addresses are reported as English ones.
TRANSLATED = "fr"
SAMPLE_REVIEW = Review("A. Reviewer", date(2026, 1, 2))


@dataclass(frozen=True)
class Screen:
    """A page as the notes name it: its address and its place in the reading order."""

    path: str
    rank: int  # pages in reading order, then the other screens
    in_guide: bool  # one of the guide's pages (not a utility page)


@dataclass(frozen=True)
class Sighting:
    key: MessageKey
    screen: Screen
    place: Place
    condition: str


class _PlainAssets(AssetManifest):
    """Asset URLs without hashing or copying anything: the notes need no files."""

    def url(self, logical: str) -> str:
        return STATIC_PREFIX + logical


def _screens() -> list[tuple[Screen, Page | None, str]]:
    pages = [*PAGES, *UTILITY_PAGES]
    screens: list[tuple[Screen, Page | None, str]] = [
        (Screen(page.path(ADDRESS_LANGUAGE), rank, page in PAGES), page, page.template)
        for rank, page in enumerate(pages)
    ]
    screens.append((Screen(NOT_FOUND_PATH, len(pages), False), None, "errors/404.html"))
    return screens


def _renderer(
    variant: Variant, settings: Settings, log: MessageLog, bytecode: SharedBytecode
) -> tuple[Renderer, str]:
    """A renderer whose page language records every message; and that language's tag."""
    english = GuideLocale(SOURCE_LOCALE, Locale.parse(SOURCE_LOCALE))
    other = GuideLocale(TRANSLATED, Locale.parse(TRANSLATED))
    locales = LocaleSet([english, other])
    reader = other if variant.translated else english
    translators: dict[str, Translator] = {
        locale.tag: (
            RecordingTranslator(locale, log)
            if locale == reader
            else Translator(locale, NullTranslations())
        )
        for locale in locales
    }
    options = jinja_options(settings.mapping_file)
    environments = {
        tag: make_environment(settings.templates_dir, options, translator, bytecode)
        for tag, translator in translators.items()
    }
    reviews = {other.tag: SAMPLE_REVIEW if variant.reviewed else Review()}
    renderer = Renderer(
        settings,
        locales,
        translators,
        environments,
        _PlainAssets({}, {}, settings.static_dir),
        reviews=reviews,
        colours=ThemeColours.from_css(""),
    )
    return renderer, reader.tag


def _sightings(settings: Settings) -> Iterator[Sighting]:
    """Every message on every screen, in each variant: the plain guide first."""
    log = MessageLog()
    screens = _screens()
    bytecode = SharedBytecode()
    for variant in VARIANTS:
        renderer, tag = _renderer(variant, replace(settings, **variant.settings), log, bytecode)
        locale = renderer.locales.get(tag)
        assert locale is not None
        extra = {"changed_since_review": True} if variant.changed else {}
        for screen, page, template in screens:
            html = renderer.render(locale, page, template, **extra)
            for key, place in places_in(html, log):
                yield Sighting(key, screen, place, variant.condition)
        if variant.condition:
            continue
        gettext = renderer.translators[tag].gettext
        yield from _manifest(locale, gettext, renderer, log, len(screens))


def _manifest(
    locale: GuideLocale,
    gettext: Callable[..., Any],
    renderer: Renderer,
    log: MessageLog,
    rank: int,
) -> Iterator[Sighting]:
    manifest = webmanifest.web_manifest(locale, gettext, renderer.assets.url, renderer.colours)
    screen = Screen(webmanifest.path(locale.tag), rank, False)
    for name, value in manifest.items():
        if isinstance(value, str):
            for found in MARKER.finditer(value):
                kind = MANIFEST_FIELDS.get(name, name)
                yield Sighting(log.key_of(found), screen, Place("manifest", "", "", kind), "")


def search_only(gettext: Callable[[str], Any]) -> list[MessageKey]:
    """The messages the search index asks for (the illness's other names, say)."""
    asked: list[MessageKey] = []

    def record(message: str) -> Any:
        asked.append((message, None))
        return gettext(message)

    search_index.illness_names([record])
    return asked


# Reading order -------------------------------------------------------------------


def _merge(sequences: Iterable[list[MessageKey]]) -> list[MessageKey]:
    """One order from several renderings of the same page: the keys a later rendering
    adds go just before the next key it shares with the order so far, so that the
    sentences an `if` chooses between stay together."""
    merged: list[MessageKey] = []
    for sequence in sequences:
        pending: list[MessageKey] = []
        end = 0  # where new keys go when no shared key follows them
        for key in dict.fromkeys(sequence):  # a page's first mention of each message
            if key in merged:
                at = merged.index(key)
                merged[at:at] = pending
                end = at + len(pending) + 1
                pending = []
            else:
                pending.append(key)
        merged[end:end] = pending
    return merged


def reading_order(sightings: list[Sighting]) -> list[MessageKey]:
    """The guide's pages top to bottom (their main text), then what every page
    shares (header, footer...), then the other screens."""
    by_part: dict[tuple[int, int], dict[str, list[MessageKey]]] = {}
    for sighting in sightings:
        screen = sighting.screen
        if screen.in_guide:
            part = (0, screen.rank) if sighting.place.region == "main" else (1, screen.rank)
        else:
            part = (2, screen.rank)
        by_part.setdefault(part, {}).setdefault(sighting.condition, []).append(sighting.key)
    order: dict[MessageKey, None] = {}
    for part in sorted(by_part):
        for key in _merge(by_part[part].values()):
            order.setdefault(key, None)
    return list(order)


# Notes ---------------------------------------------------------------------------


def _address(screen: Screen, place: Place) -> str:
    return f"{screen.path}#{place.anchor}" if place.anchor else screen.path


def _details(place: Place, condition: str) -> list[str]:
    parts = [REGION_NAMES.get(place.region, "")]
    if place.section:
        parts.append(f'section "{place.section}"')
    parts += [place.kind, condition]
    return [part for part in parts if part]


def _spot(sighting: Sighting) -> tuple[Screen, str, str, str]:
    """Where a sighting is. A place is known by its anchor when it has one (a glossary
    word's heading reads differently on translated pages)."""
    place = sighting.place
    return (sighting.screen, place.region, place.anchor or place.section, place.kind)


def english_only(sightings: list[Sighting]) -> list[Sighting]:
    """The plain guide is rendered in English: what a translated page does not show
    there is said to be on the English page only."""
    translated = {(s.key, _spot(s)) for s in sightings if s.condition == DRAFT}
    return [
        replace(sighting, condition=ENGLISH_ONLY)
        if not sighting.condition
        and sighting.place.region != "manifest"
        and (sighting.key, _spot(sighting)) not in translated
        else sighting
        for sighting in sightings
    ]


def notes(sightings: list[Sighting], guide_pages: int = len(PAGES)) -> list[str]:
    """The lines that say where one message appears, most telling first."""
    # A place seen in the plain guide needs no condition: the first variant tells.
    first: dict[tuple[Screen, str, str, str], Sighting] = {}
    for sighting in sightings:
        first.setdefault(_spot(sighting), sighting)
    groups: dict[tuple[Place, str], list[Screen]] = {}
    ordered = sorted(first.values(), key=lambda sighting: sighting.screen.rank)  # stable
    for sighting in ordered:
        screens = groups.setdefault((sighting.place, sighting.condition), [])
        if sighting.screen not in screens:
            screens.append(sighting.screen)
    lines = []
    for (place, condition), screens in groups.items():
        details = ", ".join(_details(place, condition))
        if place.region == "manifest":
            lines.append(f"Installed app: {details}")
        elif sum(screen.in_guide for screen in screens) == guide_pages:
            lines.append(f"On every page: {details}" if details else "On every page")
        else:
            shown = [_address(screen, place) for screen in screens[:MOST_PAGES]]
            more = len(screens) - len(shown)
            listed = ", ".join(shown) + (f" and {more} more" if more else "")
            noun = "Page" if len(screens) == 1 else "Pages"
            lines.append(f"{noun} {listed}, {details}" if details else f"{noun} {listed}")
    if len(lines) > MOST_PLACES:
        rest = len(lines) - (MOST_PLACES - 1)
        lines = [*lines[: MOST_PLACES - 1], f"...and {rest} more places"]
    return lines


def page_context(settings: Settings) -> PageContext:
    """Render the whole guide once per variant and say where each message is."""
    sightings = list(_sightings(settings))
    order = reading_order(sightings)  # each variant shows the whole page
    by_key: dict[MessageKey, list[Sighting]] = {}
    for sighting in english_only(sightings):
        by_key.setdefault(sighting.key, []).append(sighting)
    found = {key: notes(found) for key, found in by_key.items()}
    for key in search_only(str):
        found.setdefault(key, [SEARCH_ONLY])
    order += [key for key in found if key not in order]
    return PageContext(found, order)


def for_tree(root: Path, mapping_file: Path) -> PageContext:
    """The context of the guide whose templates are under `root`: the repository, or a
    copy of it (the tests change a copy)."""
    settings = Settings(
        templates_dir=root / "templates", static_dir=root / "static", mapping_file=mapping_file
    )
    return page_context(settings)
