"""Style notes: how the guide speaks in one language, written by its translators.

`locales/<id>/STYLE.md` sits next to the language's catalog and terms: the register
(Spanish "usted", a Korean speech level), how to address a parent without assuming
their gender, grammar pitfalls around placeholders, and how numbers and dates are
written. It is plain Markdown so that a translator, a reviewer and a Weblate
project (as its "instructions" link) can all read it. `i18n init` starts one with
the questions to answer.
"""

from __future__ import annotations

from babel import Locale

STYLE_NOTES = "STYLE.md"

_SKELETON = """\
# Style notes: {english} ({native}, `{gettext_id}`)

For everyone who translates or reviews this language: how the guide speaks to
families in {english}. Replace each question below with what your team agreed,
with a short example from the catalog. The agreed word for every medical term is
in `terms.po`, next to this file, not here.

## Register

Who reads the guide: a worried parent, often tired, sometimes reading on a phone
at the hospital. How formal is the address (for example Spanish "usted", German
"Sie", a Korean or Japanese polite level)? Is it the same in headings, buttons and
sentences?

## Addressing the reader

Can sentences speak to a parent without assuming their gender (or a child's)? If
the grammar forces a choice, which wording does the catalog use?

## Grammar pitfalls

Placeholders such as `%(clinic)s` (a clinic's name), `%(phone)s`, `%(count)s` and
`%(size)s` are filled in by the guide. Which words change with what is put there
(articles, particles, case endings, gender agreement), and how do the sentences
avoid getting them wrong?

## Numbers, dates and units

How are numbers, percentages, ranges, dates and sizes (centimeters) written?
Which digits (for example Western or Eastern Arabic)? The check accepts any
digits, as long as the numbers are the same as in the English.

## Names and words kept as they are

Which names stay in English or in Latin letters (tests such as "MRI", syndromes
named after people, organisations)?
"""


def style_notes(locale: Locale) -> str:
    """The notes a new language starts with: the questions its translators answer."""
    english = locale.english_name or str(locale)
    native = locale.display_name or english
    return _SKELETON.format(english=english, native=native, gettext_id=str(locale))
