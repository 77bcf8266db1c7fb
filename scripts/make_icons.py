"""Draw the guide's app icons as PNG files: `python scripts/make_icons.py`.

The icons are a white heart on the guide's accent colour. They are drawn here, with
the standard library only, so that anyone can change the colour or shape and get
byte-identical files again; the PNGs in `static/icons/` are committed and served as
any other asset. Run by hand, never at startup.

- `icon-*.png` (purpose "any"): a rounded square with transparent corners;
- `maskable-*.png` (purpose "maskable"): the colour fills the whole square and the
  heart stays inside the central safe zone (a circle of 80% of the width), so any
  mask shape the phone applies keeps it whole;
- `apple-touch-icon-180.png`: the icon an iPhone puts on its Home Screen (180 px, the
  size iOS asks for), drawn as the maskable ones: iOS rounds the corners itself and
  shows transparent corners black.

The manifest names the first four (`pwa/webmanifest.py`, ICONS), every page links the
last (APPLE_TOUCH_ICON); like every file in `static/`, each is served under a hashed
name and saved by the service worker with the rest.
"""

from __future__ import annotations

import struct
import sys
import zlib
from pathlib import Path

ACCENT = (0x1F, 0x5F, 0x8B)  # --accent in static/css/guide.css
HEART = (0xFF, 0xFF, 0xFF)
SAMPLES = 4  # per axis: 16 samples a pixel smooth the edges
OUT = Path(__file__).resolve().parent.parent / "static" / "icons"


def in_heart(x: float, y: float) -> bool:
    """The classic heart curve, about 2.3 units wide, y pointing up."""
    a = x * x + y * y - 1
    return a * a * a - x * x * y * y * y <= 0


def in_rounded_square(x: float, y: float, radius: float) -> bool:
    """Unit square [0, 1]^2 with rounded corners."""
    dx = max(radius - x, x - (1 - radius), 0)
    dy = max(radius - y, y - (1 - radius), 0)
    return dx * dx + dy * dy <= radius * radius


def draw(size: int, maskable: bool) -> bytes:
    heart_width = 0.5 if maskable else 0.58  # of the icon's width
    scale = 2.3 / (heart_width * size)
    rows = []
    for py in range(size):
        row = bytearray([0])  # PNG filter type 0 for this row
        for px in range(size):
            background = heart = 0
            for sy in range(SAMPLES):
                for sx in range(SAMPLES):
                    u = (px + (sx + 0.5) / SAMPLES) / size
                    v = (py + (sy + 0.5) / SAMPLES) / size
                    if not maskable and not in_rounded_square(u, v, 0.18):
                        continue
                    background += 1
                    x = (u - 0.5) * size * scale
                    y = (0.52 - v) * size * scale  # the curve is centred at y = 0.12
                    heart += in_heart(x, y)
            total = SAMPLES * SAMPLES
            if background == 0:
                row += bytes(4)
                continue
            mix = heart / background
            colour = [round(a + (b - a) * mix) for a, b in zip(ACCENT, HEART, strict=True)]
            row += bytes([*colour, round(255 * background / total)])
        rows.append(bytes(row))
    return png(size, b"".join(rows))


def png(size: int, raw: bytes) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


# (file name, size in px, maskable: the colour fills the whole square)
ICONS = (
    ("icon-192.png", 192, False),
    ("icon-512.png", 512, False),
    ("maskable-192.png", 192, True),
    ("maskable-512.png", 512, True),
    ("apple-touch-icon-180.png", 180, True),
)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, size, maskable in ICONS:
        target = OUT / name
        target.write_bytes(draw(size, maskable))
        print(f"{target.relative_to(OUT.parent.parent)}: {target.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
