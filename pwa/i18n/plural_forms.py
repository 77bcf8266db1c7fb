"""One rule for plural forms: a catalog follows the installed Babel's CLDR data.

CLDR's plural rules change between Babel releases (Babel 2.19, with CLDR 49, gave Spanish,
French and Portuguese a third form, "many", for round millions). A catalog's
`Plural-Forms` header says how many `msgstr[n]` each plural message has and which
one a number picks, so a header that disagrees with the installed Babel means forms
that are missing or chosen wrongly. `i18n check`, the tests and `i18n update` all
use this module, so they can never disagree about it.

Two expressions agree when they pick the same form for every number a reader may
see: written differently ("n%10==1" or "n % 10 == 1", extra brackets, a redundant
test) is not a problem. gettext's own `c2py` evaluates them, as the run time does.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from babel import __version__ as babel_version
from babel.core import get_cldr_version
from babel.messages.plurals import get_plural

# Every number up to 1000, and around each power of ten up to 10^9: CLDR's integer
# rules look at n, n % 10, n % 100 and n % 1000000.
SAMPLES: tuple[int, ...] = tuple(
    sorted(
        {
            *range(1000),
            *(
                m * 10**k + r
                for k in range(3, 10)
                for m in (1, 2, 5)
                for r in (0, 1, 2, 3, 5, 11, 12, 21, 102)
            ),
        }
    )
)


@dataclass(frozen=True)
class PluralRule:
    count: int
    expression: str

    @property
    def header(self) -> str:
        """The value of a `Plural-Forms` header, as gettext writes it."""
        return f"nplurals={self.count}; plural={self.expression};"

    def chooser(self) -> Callable[[int], int]:
        """The function from a number to its form; ValueError if it cannot be read."""
        choose = gettext.c2py(self.expression)
        return lambda n: int(choose(n))


def installed_rule(gettext_id: str) -> PluralRule:
    """What the installed Babel's CLDR data says for a language."""
    plural = get_plural(gettext_id)
    return PluralRule(plural.num_plurals, plural.plural_expr)


def form_examples(rule: PluralRule) -> list[int | None]:
    """The first number that picks each form (None for a form no number picks)."""
    choose = rule.chooser()
    examples: list[int | None] = [None] * rule.count
    for n in SAMPLES:
        form = choose(n)
        if 0 <= form < rule.count and examples[form] is None:
            examples[form] = n
    return examples


def disagreement(found: PluralRule, gettext_id: str) -> str | None:
    """Why a catalog's `Plural-Forms` (as Babel read it) is not the installed rule."""
    wanted = installed_rule(gettext_id)
    fix = (
        f'Babel {babel_version} (CLDR {get_cldr_version()}) says "Plural-Forms: {wanted.header}"'
        " for this language: run `.venv/bin/python -m pwa i18n update`, then translate each plural"
        ' message it marks fuzzy (TRANSLATING.md, "Plural forms")'
    )
    try:
        same = found.count == wanted.count and all(
            found.chooser()(n) == wanted.chooser()(n) for n in SAMPLES
        )
    except (ValueError, SyntaxError, ZeroDivisionError, RecursionError):
        return f"the Plural-Forms expression cannot be read; {fix}"
    if same:
        return None
    return f"Plural-Forms has {found.count} forms and other rules; {fix}"


def remap(forms: Sequence[str], old: PluralRule, new: PluralRule) -> tuple[str, ...]:
    """A plural message's forms moved to a new rule, by the numbers each form is for.

    Each new form starts from the old form that the same number picked (a new
    "many" form for 1000000 starts from the old "other"). The translator then checks
    them: the caller marks the message fuzzy.
    """
    choose_old = old.chooser()
    moved = []
    for example in form_examples(new):
        index = choose_old(example) if example is not None else -1
        moved.append(forms[index] if 0 <= index < len(forms) else "")
    return tuple(moved)
