"""Jinja2 environments, one per locale, configured from the extraction mapping.

The `[jinja2: ...]` section of babel.cfg is the single place that says how templates
are parsed (extensions, trimmed, newstyle gettext, block whitespace). pybabel reads
it to extract msgids; this module reads it to build the runtime environment, so the
two can never disagree.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from babel.messages.frontend import parse_mapping_cfg
from jinja2 import (
    BytecodeCache,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    select_autoescape,
)
from jinja2.bccache import Bucket
from markupsafe import Markup

from pwa.i18n.translator import Translator

_TRUE = {"1", "on", "yes", "true"}


def jinja_options(mapping_file: Path) -> dict[str, Any]:
    """The Jinja section of the mapping file, as Environment arguments and policies."""
    with mapping_file.open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle, str(mapping_file))
    patterns = [pattern for pattern, method in method_map if method == "jinja2"]
    if len(patterns) != 1:
        raise ValueError(f"{mapping_file}: expected exactly one [jinja2: ...] section")
    raw = options_map[patterns[0]]

    def flag(name: str) -> bool:
        return str(raw.get(name, "false")).lower() in _TRUE

    if not flag("newstyle_gettext"):
        # pwa/i18n/translator.py implements the newstyle calling convention (variables passed to
        # gettext, which formats and escapes them); old style would format in the
        # template, after our escaping, and bypass the placeholder checks.
        raise ValueError(f"{mapping_file}: the guide needs newstyle_gettext = true")
    extensions = [name.strip() for name in raw.get("extensions", "").split(",") if name.strip()]
    return {
        "extensions": extensions,
        "trim_blocks": flag("trim_blocks"),
        "lstrip_blocks": flag("lstrip_blocks"),
        "trimmed": flag("trimmed"),
    }


class SharedBytecode(BytecodeCache):
    """Compiled templates shared by the environments of all locales.

    Each locale has its own Environment (its own gettext), and Jinja compiles every
    template once per Environment: nine languages would parse and compile each
    template nine times at startup. The compiled code does not depend on the
    translations, only on the options, which all environments share.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


def make_environment(
    templates_dir: Path,
    options: dict[str, Any],
    translator: Translator,
    bytecode: BytecodeCache | None = None,
) -> Environment:
    """A template environment whose gettext is the given locale's translator."""
    environment = Environment(
        loader=FileSystemLoader(templates_dir),
        bytecode_cache=bytecode,
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        extensions=options["extensions"],
        trim_blocks=options["trim_blocks"],
        lstrip_blocks=options["lstrip_blocks"],
        # Templates load once; `serve --reload` restarts the process on changes.
        auto_reload=False,
    )
    environment.policies["ext.i18n.trimmed"] = options["trimmed"]
    environment.newstyle_gettext = True  # type: ignore[attr-defined]
    environment.globals.update(translator.jinja_globals())
    environment.filters["tel_uri"] = tel_uri
    environment.filters["bdi"] = bdi
    environment.filters["address"] = address
    environment.filters["unbroken"] = unbroken
    return environment


# A name this long still fits on one line of a 360 px phone at the largest text size.
SHORT_NAME = 20


def bdi(text: str) -> Markup:
    """A name as the clinic writes it (Latin in an Arabic sentence, say), isolated in
    its own direction so that it does not reorder the words around it. A short name is
    one unbroken piece, like a number (`unbroken`); a longer one may break between its
    words, never inside one."""
    name = str(text)
    if len(name) <= SHORT_NAME:
        name = unbroken(name)
    return Markup("<bdi>{}</bdi>").format(name)


def address(url: str) -> Markup:
    """A web address shown as text: always left to right, in its own direction."""
    return Markup('<bdi class="address" dir="ltr">{}</bdi>').format(url)


# A space that does not break a line, and a hyphen that does not either.
_UNBROKEN = str.maketrans({" ": "\u00a0", "-": "\u2011"})


def unbroken(text: str) -> str:
    """A phone number, a date or a short name as one piece of text ("010-" / "0199"
    misreads as two numbers). Text, not a box: the full stop after it stays with it,
    as a line never starts with one (guide.css lets it wrap only if it is wider than a
    whole line)."""
    return str(text).translate(_UNBROKEN)


def tel_uri(number: str) -> str:
    """A `tel:` link for a number as a clinic writes it ("+1 (617) 555-0100").

    RFC 3966 allows only digits, `+` and a few separators; phones dial the digits.
    """
    return "tel:" + "".join(ch for ch in str(number) if ch.isdigit() or ch in "+*#")
