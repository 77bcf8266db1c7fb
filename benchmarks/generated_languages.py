"""Languages made up for measuring: a guide with dozens of languages, without dozens
of translations. Used by `benchmarks/startup.py` and by the test that a page's size
does not depend on how many languages are served."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

from babel import localedata
from babel.messages.pofile import read_po, write_po

from pwa.i18n import tools


def add_languages(locales_dir: Path, count: int) -> list[str]:
    """`count` new languages, each a copy of the Spanish text under its own plural rules."""
    present = {path.name.split("_")[0] for path in locales_dir.iterdir() if path.is_dir()}
    languages = sorted(
        identifier
        for identifier in localedata.locale_identifiers()
        if "_" not in identifier and identifier not in present and identifier != "root"
    )[:count]
    with (locales_dir / "es" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        spanish = read_po(handle)
    for language in languages:
        # Babel prints a warning for the template's two empty plural forms in a
        # language with one; the forms are set right below.
        with contextlib.redirect_stdout(io.StringIO()):
            path = tools.init(locales_dir, language)
            with path.open("rb") as handle:
                catalog = read_po(handle)
        for message in catalog:
            source = spanish.get(message.id, message.context)
            if not message.id or source is None:
                continue
            if isinstance(message.string, tuple):
                forms = source.string if isinstance(source.string, tuple) else (source.string,)
                message.string = tuple(
                    forms[min(i, len(forms) - 1)] for i in range(len(message.string))
                )
            else:
                message.string = source.string
        with path.open("wb") as handle:
            write_po(handle, catalog)
    return languages
