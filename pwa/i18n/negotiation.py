"""Choosing a reader's language from a remembered choice or the Accept-Language header."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from babel import Locale, UnknownLocaleError, localedata, negotiate_locale
from babel.core import get_global, parse_locale

from pwa.i18n.locales import GuideLocale, LocaleSet
from pwa.quality_values import ranked

LANGUAGE_COOKIE = "lang"

# Bounds for hostile headers: a real browser sends a handful of entries.
MAX_HEADER_LENGTH = 4096
MAX_ENTRIES = 32

# Readers of a language CLDR keeps apart who read another one's writing: Cantonese
# speakers read standard written Chinese, in the script of their region (likely
# subtags give `yue` Traditional, as in Hong Kong, and `yue-CN` Simplified).
READS_AS = {"yue": "zh"}

_RANGE = re.compile(r"^(?:\*|[A-Za-z]{1,8}(?:[-_][A-Za-z0-9]{1,8})*)$")


def parse_accept_language(header: str | None) -> list[str]:
    """Language ranges from an Accept-Language header, best first.

    Entries with q=0 are refused by the reader and dropped; malformed entries are
    skipped rather than failing the request. Equal q-values keep the header's order.
    """
    ranges = ranked(header, MAX_HEADER_LENGTH, MAX_ENTRIES)
    return [tag for tag in ranges if _RANGE.match(tag)]


def negotiate(preferred: Iterable[str], locales: LocaleSet) -> GuideLocale | None:
    """The best served locale for the reader's ranges, or None if none fits."""
    available = locales.tags
    for tag in preferred:
        if tag == "*":
            return locales.source
        # Babel handles exact matches and the language-only fallback (es-MX -> es).
        exact = negotiate_locale([tag], available, sep="-", aliases={})
        if exact:
            return locales.get(exact)
        # Babel's negotiate_locale does not know that zh-CN means Simplified Chinese
        # or that plain `pt` most likely means Brazil; CLDR's likely subtags, shipped
        # with Babel, do. Match on language, then prefer the same script and region.
        closest = _closest_by_likely_subtags(tag, locales)
        if closest:
            return closest
    return None


def choose_locale(
    cookie: str | None, accept_language: str | None, locales: LocaleSet
) -> GuideLocale:
    """The reader's explicit earlier choice wins, then their browser's languages, then English."""
    if cookie:
        chosen = locales.get(cookie)
        if chosen is not None:
            return chosen
    return negotiate(parse_accept_language(accept_language), locales) or locales.source


# A tag's language, script and territory, with CLDR's likely subtags filled in.
Subtags = tuple[str, str | None, str | None]


@lru_cache(maxsize=1024)
def _maximized(tag: str) -> Subtags | None:
    """What a language tag most likely means, or None for a tag Babel cannot read.

    Only the requested tag is parsed as a Babel `Locale`. CLDR's likely-subtags
    result is read as plain strings: `Locale.parse("no_Latn_NO")` and friends raise
    for combinations Babel has no data for, and no header may make a request fail.
    """
    try:
        locale = Locale.parse(tag.replace("-", "_"))
    except (ValueError, TypeError, UnknownLocaleError):
        # Babel knows `yue_Hant_HK` but not `yue_Hant_CA`: read the shorter tag, and
        # keep this tag's own script and region.
        shorter = tag.replace("_", "-").rsplit("-", 1)[0]
        base = _maximized(shorter) if shorter != tag.replace("_", "-") else None
        if base is None:
            return None
        try:
            _, territory, script, *_ = parse_locale(tag.replace("-", "_"))
        except ValueError:
            return base
        return (base[0], script or base[1], territory or base[2])
    likely = get_global("likely_subtags")
    for key in (str(locale), locale.language):
        if key in likely:
            try:
                _, territory, script, *_ = parse_locale(likely[key])
            except ValueError:
                break
            return (
                locale.language,
                locale.script or script,
                locale.territory or territory,
            )
    return (locale.language, locale.script, locale.territory)


def _closest_by_likely_subtags(tag: str, locales: LocaleSet) -> GuideLocale | None:
    wanted = _maximized(tag)
    if wanted is None:
        return None
    wanted = (READS_AS.get(wanted[0], wanted[0]), wanted[1], wanted[2])
    best: tuple[int, GuideLocale] | None = None
    for candidate in locales:
        have = _maximized(candidate.tag)
        if have is None or have[0] != wanted[0]:
            continue
        score = 2 * (have[1] == wanted[1]) + (have[2] == wanted[2])
        if best is None or score > best[0]:
            best = (score, candidate)
    return best[1] if best else None


def _same_language(tag: str, locales: LocaleSet) -> GuideLocale | None:
    """The rule the static export's root page follows in the browser (static/js/language.js):
    the exact tag, else the first served locale with the same language subtag."""
    exact = locales.get(tag)
    if exact is not None:
        return exact
    language = tag.replace("_", "-").split("-", 1)[0].lower()
    return next((loc for loc in locales if loc.tag.split("-", 1)[0].lower() == language), None)


def browser_exceptions(locales: LocaleSet) -> dict[str, str]:
    """Browser language tags for which that simple rule and `negotiate` disagree.

    The static export has no server to read Accept-Language, so its root page
    chooses in the browser. Rather than port CLDR's likely subtags to JavaScript,
    every CLDR locale of a served language is negotiated here, and the few whose
    answer the simple rule would get wrong (a language served in two scripts, say)
    are given to the page as a table. Keys are lowercase BCP 47 tags.
    """
    served = {tag.split("-", 1)[0].lower() for tag in locales.tags}
    # Tags of other languages that negotiate to a served one: `yue` (READS_AS) and
    # CLDR's language aliases, such as `tl` for Filipino (`fil`).
    aliases = {
        alias.replace("_", "-")
        for alias, target in get_global("language_aliases").items()
        if target.split("_", 1)[0].lower() in served
    }
    languages = served | {other for other, reads in READS_AS.items() if reads in served}
    candidates: set[str] = {alias for alias in aliases if _RANGE.match(alias)}
    likely = get_global("likely_subtags").items()
    for identifier in [*localedata.locale_identifiers(), *(t for pair in likely for t in pair)]:
        parts = identifier.split("_")
        if parts[0].lower() not in languages:
            continue
        candidates.add("-".join(parts))
        if len(parts) == 3:  # zh_Hant_TW: browsers also send zh-TW
            candidates.add(f"{parts[0]}-{parts[2]}")
    exceptions = {}
    for tag in sorted(candidates):
        server = negotiate([tag], locales)
        if server is not None and server != _same_language(tag, locales):
            exceptions[tag.lower()] = server.tag
    return exceptions
