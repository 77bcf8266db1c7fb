"""The web app manifest of each locale: what a phone needs to install the guide.

Each language has its own manifest, with its own `id` and `start_url` (`/es/`), so
a family who installs the Spanish guide gets an app that opens in Spanish, with a
Spanish name under its icon. The scope is the whole site (`/`), so that the
installed app can switch languages without leaving the app window.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from pwa.i18n.locales import GuideLocale
from pwa.pages import HOME_PAGE, N_

MEDIA_TYPE = "application/manifest+json"
FILE_NAME = "manifest.webmanifest"
# Logical asset paths (static/icons/...); scripts/make_icons.py draws them.
ICONS = (
    ("icons/icon-192.png", "192x192", "any"),
    ("icons/icon-512.png", "512x512", "any"),
    ("icons/maskable-192.png", "192x192", "maskable"),
    ("icons/maskable-512.png", "512x512", "maskable"),
)
# The Home Screen icon of iPhones and iPads, which read no manifest icons: 180 px,
# opaque (iOS rounds the corners itself and shows transparent ones black).
APPLE_TOUCH_ICON = "icons/apple-touch-icon-180.png"
APPLE_TOUCH_ICON_SIZES = "180x180"

NAME = N_("Leiomyosarcoma family guide")
# Translators: the name under the app's icon on a phone's home screen. Keep it to
# about 12 characters so that it is not cut off; "LMS" is short for leiomyosarcoma.
SHORT_NAME = N_("LMS guide")
DESCRIPTION = N_("Plain-language help for families of children with leiomyosarcoma, a rare cancer.")

_BLOCK = re.compile(r"(@media[^{]*\{\s*)?(:root[^{]*)\{([^}]*)\}", re.S)
_PROPERTY = re.compile(r"--([\w-]+)\s*:\s*([^;]+);")


@dataclass(frozen=True)
class ThemeColours:
    """The page colours the browser paints around the guide (title bar, splash)."""

    theme: str
    background: str
    dark_theme: str
    dark_background: str

    @classmethod
    def from_css(cls, css: str) -> ThemeColours:
        """Read `--accent` and `--background` from the stylesheet's `:root` blocks.

        The stylesheet is the one place the colours are chosen; the manifest and the
        `theme-color` meta tags follow it instead of repeating it.
        """
        light: dict[str, str] = {}
        dark: dict[str, str] = {}
        for match in _BLOCK.finditer(css):
            media, selector, body = match.group(1) or "", match.group(2), match.group(3)
            is_dark = "prefers-color-scheme: dark" in media or 'data-theme="dark"' in selector
            target = dark if is_dark else light
            target.update((name, value.strip()) for name, value in _PROPERTY.findall(body))
        # Without the stylesheet (a broken preview), the browser's own white and black.
        accent = light.get("accent", "#ffffff")
        background = light.get("background", "#ffffff")
        return cls(
            theme=accent,
            background=background,
            dark_theme=dark.get("background", accent),
            dark_background=dark.get("background", background),
        )


def path(tag: str) -> str:
    return f"/{tag}/{FILE_NAME}"


def plain(text: Markup | str) -> str:
    """Translated HTML as plain text for JSON: tags dropped, entities decoded."""
    return Markup(text).striptags()


def web_manifest(
    locale: GuideLocale,
    gettext: Callable[[str], Markup],
    asset_url: Callable[[str], str],
    colours: ThemeColours,
) -> dict[str, Any]:
    """The manifest of one locale, as a JSON-ready dict."""
    home = HOME_PAGE.path(locale.tag)
    return {
        "id": home,
        "start_url": home,
        "scope": "/",
        "name": plain(gettext(NAME)),
        "short_name": plain(gettext(SHORT_NAME)),
        "description": plain(gettext(DESCRIPTION)),
        "lang": locale.tag,
        "dir": locale.direction,
        "display": "standalone",
        "theme_color": colours.theme,
        "background_color": colours.background,
        "icons": [
            {"src": asset_url(path), "sizes": sizes, "type": "image/png", "purpose": purpose}
            for path, sizes, purpose in ICONS
        ],
    }
