"""Headers that list choices with quality values: Accept-Language, Accept-Encoding.

One reading of RFC 9110's `#( value *( ";" param ) )` lists with `q` weights, for both
headers, so that a q-value means the same whichever header carries it. Hand-written
because neither Starlette nor Babel parses these lists with their q-values (Babel's
`parse_locale` reads one tag; Starlette reads no Accept-* header at all), and bounded,
because the header is a stranger's text: a browser sends a few dozen bytes.
"""

from __future__ import annotations

import re

# RFC 9110, 12.4.2: "0" to "1" with at most three decimals.
_QVALUE = re.compile(r"^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$")


def weighted(header: str | None, max_length: int, max_entries: int) -> list[tuple[str, float]]:
    """Each listed value with its weight, in the header's order.

    A value without `q` weighs 1; one whose `q` is not a valid q-value weighs 0, as a
    refusal (the last `q` wins when there are several). Only the first `max_length`
    characters and `max_entries` entries are read.
    """
    if not header:
        return []
    entries = []
    for entry in header[:max_length].split(",")[:max_entries]:
        value, _, params = entry.partition(";")
        quality = 1.0
        for param in params.split(";"):
            name, _, raw = param.strip().partition("=")
            if name.strip().lower() == "q":
                raw = raw.strip()
                quality = float(raw) if _QVALUE.match(raw) else 0.0
        entries.append((value.strip(), quality))
    return entries


def ranked(header: str | None, max_length: int, max_entries: int) -> list[str]:
    """The values the client accepts (q > 0), best first; ties keep the header's order."""
    entries = weighted(header, max_length, max_entries)
    order = sorted(range(len(entries)), key=lambda index: -entries[index][1])
    return [entries[index][0] for index in order if entries[index][1] > 0]
