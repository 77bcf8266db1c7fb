"""The clinic poster's QR code, drawn by segno as inline SVG (no image file, no
request): black on white whatever the page's colours, so every camera reads it."""

from __future__ import annotations

import segno
from markupsafe import Markup, escape


def qr_code(url: str, label: str) -> Markup:
    """An SVG QR code of `url`, named `label` for screen readers."""
    code = segno.make(url, error="m")
    svg = code.svg_inline(scale=1, border=4, dark="#000", light="#fff", omitsize=True)
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1))
