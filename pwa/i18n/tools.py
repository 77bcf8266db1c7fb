"""`python -m pwa i18n ...`: the translators' workflow, on Babel's own catalog API.

Babel's extract, update, init and compile do the work; this module only pins the
options the project needs and keeps what Babel would drop:

- extract: messages in the guide's reading order, each with a note saying on which
  page and in which section it appears (`page_context.py`), file names without line
  numbers (quiet diffs), and the template is rewritten only when its messages
  changed, so its header date stays put;
- update: previous msgids of changed strings are kept (`#| msgid`), so translators
  see what changed, and obsolete entries are kept (`#~`), so nothing is lost; a
  message that only gains a context (`msgctxt`) keeps its translation; the notes'
  addresses name the catalog's own language (`/es/treatment/#surgery`);
- update also moves a catalog to the installed Babel's plural rule when they
  disagree (`plural_forms.py`): each plural message's forms follow the numbers they
  are for, and the message is marked fuzzy for the translator to check;
- every command keeps the catalog's `X-Review-Status` header, which Babel's
  `Catalog` does not carry (it keeps only standard headers).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import tempfile
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

from pwa.i18n.catalogs import (
    TEMPLATE_NAME,
    ensure_compiled,
    load_catalog,
    read_catalog,
    template_size,
)
from pwa.i18n.locales import CATALOG, GuideLocale, LocaleSet
from pwa.i18n.notes import PageContext, in_reading_order, key_of, localize
from pwa.i18n.plural_forms import PluralRule, disagreement, installed_rule, remap
from pwa.i18n.review import DRAFT, REVIEW_HEADER, review_status
from pwa.i18n.stats import Stats, message_forms
from pwa.i18n.style_notes import STYLE_NOTES, style_notes
from pwa.i18n.terms import (
    GlossaryEntry,
    merge_terms,
    new_terms,
    template_path,
    terms_path,
    terms_template,
)

PROJECT = "Leiomyosarcoma family guide"
VERSION = "1"
COMMENT_TAG = "Translators:"
WIDTH = 76


def _write(catalog: Catalog, path: Path, review: str | None = None, **options: bool) -> None:
    """Write a catalog atomically, putting the review status header back in."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=WIDTH, include_lineno=False, **options)
    text = buffer.getvalue().decode("utf-8")
    if review is not None:
        text = re.sub(
            r'^("Generated-By: [^"]*\\n")$',
            lambda found: f'{found.group(1)}\n"{REVIEW_HEADER}: {review}\\n"',
            text,
            count=1,
            flags=re.M,
        )
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


# extract ---------------------------------------------------------------------------


def extract_template(root: Path, mapping_file: Path) -> Catalog:
    """Every message in the code and templates under `root`, as babel.cfg says, in the
    order Babel finds them."""
    with mapping_file.open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle, str(mapping_file))
    catalog = Catalog(
        project=PROJECT,
        version=VERSION,
        msgid_bugs_address="",
        copyright_holder="",
        charset="utf-8",
    )
    for filename, lineno, message, comments, context in extract_from_dir(
        str(root),
        method_map,
        options_map,
        keywords=DEFAULT_KEYWORDS,
        comment_tags=(COMMENT_TAG,),
    ):
        catalog.add(
            message,
            None,
            [(Path(filename).as_posix(), None)],  # type: ignore[list-item]
            auto_comments=comments,
            context=context,
        )
        del lineno  # references name the file only: line numbers make noisy diffs
    return catalog


def _fingerprint(catalog: Catalog) -> list[tuple]:
    """What a template says, in its order: the order is what translators read in."""
    return [
        (
            str(message.id),
            str(message.context),
            tuple(sorted(message.locations)),
            # Written comments are wrapped at WIDTH; compare their words.
            " ".join(" ".join(message.auto_comments).split()),
            tuple(sorted(message.flags)),
        )
        for message in catalog
        if message.id
    ]


def template_is_current(template_path: Path, fresh: Catalog) -> bool:
    if not template_path.exists():
        return False
    with template_path.open("rb") as handle:
        return _fingerprint(read_po(handle)) == _fingerprint(fresh)


def extract(
    root: Path, mapping_file: Path, template_path: Path, context: PageContext, check: bool = False
) -> bool:
    """Refresh the template, in reading order and with where each message appears
    (`context`, from `pwa.page_context`); True when it changed (or, with `check`,
    would change)."""
    fresh = in_reading_order(extract_template(root, mapping_file), context)
    if template_is_current(template_path, fresh):
        return False
    if not check:
        _write(fresh, template_path)
    return True


# update and init -------------------------------------------------------------------


def catalogs(locales_dir: Path) -> list[tuple[str, Path]]:
    """(gettext id, path) of every translated catalog."""
    return [
        (locale.gettext_id, locale.catalog_path(locales_dir))
        for locale in LocaleSet.discover(locales_dir)
        if not locale.is_source
    ]


def read_template(locales_dir: Path) -> Catalog:
    with (locales_dir / TEMPLATE_NAME).open("rb") as handle:
        return read_po(handle)


def update(locales_dir: Path) -> list[Path]:
    """Merge the template into every catalog; return the catalogs written."""
    written = []
    for gettext_id, path in catalogs(locales_dir):
        # Read for each catalog: Babel adds a new message to a catalog as the very
        # template object, whose notes `localize_notes` then rewrites in place.
        template = read_template(locales_dir)
        review = review_status(path)
        catalog = read_catalog(path, gettext_id)
        moved = keep_translations_that_gain_a_context(catalog, template)
        catalog.update(template, update_header_comment=False)
        for msgid in moved:  # its translation lives on under its context: nothing to keep
            catalog.obsolete.pop(msgid, None)
        localize_notes(catalog, gettext_id)
        follow_installed_plural_rule(catalog, gettext_id)
        _write(catalog, path, review, include_previous=True, ignore_obsolete=False)
        written.append(path)
    return written


def keep_translations_that_gain_a_context(catalog: Catalog, template: Catalog) -> list[str]:
    """A message that gains a context (`msgctxt "button"`) is new to Babel, which would
    offer the old translation only as a fuzzy guess. Its English is the same, so its
    translation still holds: copied over as it was, it needs no second look. Returns
    the msgids whose translation was copied."""
    moved = []
    for message in template:
        if not message.id or message.context is None:
            continue
        msgid, _ = key_of(message.id, None)
        if catalog.get(msgid, message.context) is not None:
            continue
        old = catalog.get(msgid) or catalog.obsolete.get(msgid)
        if old is None or not old.string or "fuzzy" in old.flags or old.id != message.id:
            continue
        catalog.add(
            old.id,
            old.string,
            old.locations,
            old.flags,
            old.auto_comments,
            old.user_comments,
            context=message.context,
        )
        moved.append(msgid)
    return moved


def localize_notes(catalog: Catalog, gettext_id: str) -> None:
    """Give the notes' addresses the catalog's own language (`/pt-BR/treatment/`)."""
    tag = GuideLocale(gettext_id, Locale.parse(gettext_id)).tag
    for message in catalog:
        message.auto_comments = [localize(comment, tag) for comment in message.auto_comments]


def follow_installed_plural_rule(catalog: Catalog, gettext_id: str) -> bool:
    """Give the catalog the installed Babel's plural rule; True if it changed."""
    old = PluralRule(catalog.num_plurals, catalog.plural_expr)
    if disagreement(old, gettext_id) is None:
        return False
    new = installed_rule(gettext_id)
    for message in catalog:
        if message.id and message.pluralizable:
            forms = message_forms(message)
            try:
                moved = remap(forms, old, new)
            except ValueError:  # the old expression cannot be read: keep the order
                moved = tuple(forms[: new.count]) + ("",) * (new.count - len(forms))
            if any(forms) and moved != forms:
                message.flags.add("fuzzy")
            message.string = moved
    # Babel's own header parser sets the count and expression the catalog writes.
    catalog.mime_headers = [("Plural-Forms", new.header)]
    return True


def init(locales_dir: Path, gettext_id: str) -> Path:
    """Start a new language: its catalog, its agreed terms and its style notes.

    The language's folder is made aside and renamed into place whole, so a running
    preview sees one new folder appear in `locales/` (`server.py` watches for that)
    instead of files in a folder it may not watch yet.
    """
    try:
        locale = Locale.parse(gettext_id)
    except (ValueError, UnknownLocaleError) as error:
        raise ValueError(f"{gettext_id!r} is not a language Babel knows ({error})") from error
    folder = locales_dir / gettext_id
    path = folder / CATALOG
    if path.exists():
        raise FileExistsError(f"{path} already exists: use `update` instead")
    staging = Path(tempfile.mkdtemp(prefix=f".{gettext_id}.", dir=locales_dir))
    try:
        _write_language(locales_dir, staging, gettext_id, locale)
        if folder.exists():  # terms or notes sent ahead of the catalog: keep them
            for made in sorted(staging.rglob("*"), key=lambda item: len(item.parts)):
                target = folder / made.relative_to(staging)
                if made.is_dir():
                    target.mkdir(exist_ok=True)
                elif not target.exists():
                    os.replace(made, target)
        else:
            staging.chmod(0o755)  # mkdtemp's folder is private; a language folder is not
            os.rename(staging, folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return path


def new_catalog(template: Catalog, locale: Locale) -> Catalog:
    """The template as a new language's catalog, with that language's plural forms.

    The template is read without a locale and given one after: read with a locale
    of fewer plural forms than English (Japanese, Korean, Chinese have one), Babel's
    PO reader prints a warning for every plural message in the template.
    """
    catalog = template
    catalog.locale = locale
    localize_notes(catalog, str(locale))
    catalog.revision_date = datetime.now(UTC)
    catalog.fuzzy = False
    for message in catalog:
        if message.id and message.pluralizable:
            message.string = ("",) * catalog.num_plurals
    return catalog


def _write_language(locales_dir: Path, folder: Path, gettext_id: str, locale: Locale) -> None:
    (folder / CATALOG).parent.mkdir(parents=True)
    _write(new_catalog(read_template(locales_dir), locale), folder / CATALOG, DRAFT)
    terms = template_path(locales_dir)
    if terms.exists():
        with terms.open("rb") as handle:
            _write(new_terms(read_po(handle), gettext_id), terms_path(folder / CATALOG))
    (folder / STYLE_NOTES).write_text(style_notes(locale), encoding="utf-8")


# compile and stats -----------------------------------------------------------------


def compile_all(locales_dir: Path) -> list[Path]:
    compiled = []
    for gettext_id, path in catalogs(locales_dir):
        ensure_compiled(path, gettext_id)
        compiled.append(path.with_suffix(".mo"))
    return compiled


def stats(locales_dir: Path) -> list[Stats]:
    """How far each language is, from the same loading the server does at startup."""
    total = template_size(locales_dir)
    return [
        load_catalog(locale, locales_dir, total).stats for locale in LocaleSet.discover(locales_dir)
    ]


# agreed terms (terms.py) -----------------------------------------------------------


def extract_terms(
    glossary: Iterable[GlossaryEntry], locales_dir: Path, check: bool = False
) -> bool:
    """Refresh terms.pot from the glossary; True when it changed (or would change)."""
    fresh = terms_template(glossary)
    path = template_path(locales_dir)
    if template_is_current(path, fresh):
        return False
    if not check:
        _write(fresh, path)
    return True


def update_terms(locales_dir: Path) -> list[Path]:
    """Merge terms.pot into every language's terms.po (made when missing); the files written."""
    template_file = template_path(locales_dir)
    if not template_file.exists():
        return []
    with template_file.open("rb") as handle:
        template = read_po(handle)
    written = []
    for gettext_id, path in catalogs(locales_dir):
        target = terms_path(path)
        if target.exists():
            with target.open("rb") as handle:
                terms = read_po(handle, locale=gettext_id)
            merge_terms(terms, template)
        else:
            terms = new_terms(template, gettext_id)
        _write(terms, target, ignore_obsolete=False)
        written.append(target)
    return written
