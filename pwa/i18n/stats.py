"""How far a language's translation is: counted from its catalog as it was loaded."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from babel.messages.catalog import Catalog, Message


@dataclass(frozen=True)
class Stats:
    gettext_id: str
    tag: str
    translated: int
    fuzzy: int
    untranslated: int
    review: str  # `Review.describe()`: draft, or reviewed by NAME on DATE
    # Translations families see that no medical translator checked: every one in a
    # draft, those changed or added since the review in a reviewed language.
    unreviewed: int = 0

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def percent(self) -> int:
        """Rounded down, so that 100 means every message is translated."""
        return self.translated * 100 // self.total if self.total else 0


def message_forms(message: Message) -> tuple[str, ...]:
    """A catalog message's translation, one string per plural form ("" if untranslated)."""
    raw = message.string if isinstance(message.string, tuple | list) else (message.string,)
    return tuple(str(form or "") for form in raw)


def count(catalog: Catalog | None, total: int) -> tuple[int, int, int]:
    """(translated, fuzzy, untranslated) out of the template's `total` messages; a
    catalog that could not be read (None) counts as untranslated."""
    translated = fuzzy = 0
    for message in catalog or ():
        if message.id and all(message_forms(message)):
            if message.fuzzy:
                fuzzy += 1
            else:
                translated += 1
    return translated, fuzzy, max(total - translated - fuzzy, 0)


def stats_table(rows: Iterable[Stats]) -> str:
    lines = [
        f"{'locale':<9} {'translated':>10} {'fuzzy':>6} {'untranslated':>12} {'done':>5} "
        f"{'unreviewed':>10}  review",
    ]
    for row in rows:
        lines.append(
            f"{row.gettext_id:<9} {row.translated:>10} {row.fuzzy:>6} {row.untranslated:>12} "
            f"{row.percent:>4}% {row.unreviewed:>10}  {row.review}"
        )
    return "\n".join(lines)
