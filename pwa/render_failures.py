"""Rendering that survives a broken template: what failed, said once per cause.

A preview (`serve --reload`) restarts on every saved file, so a template saved
half-edited, or deleted, is built at startup like any other. The pages made from it
cannot exist; every other page still can. One log line per cause (file, line and
Jinja's message), with how many pages it costs, instead of a traceback per page.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError

log = logging.getLogger(__name__)


class RenderFailures:
    """Collects failed renders by cause; `report()` logs each cause once."""

    def __init__(self) -> None:
        self.causes: dict[str, list[str]] = {}
        self.paths: set[str] = set()

    def attempt(self, path: str, render: Callable[[], str]) -> str | None:
        """`render()`, or None after noting why `path` could not be made."""
        try:
            return render()
        except TemplateError as error:
            self.causes.setdefault(describe(error), []).append(path)
            self.paths.add(path)
            return None

    def add(self, causes: dict[str, list[str]]) -> None:
        """What another RenderFailures noted (a language built in another process)."""
        for cause, paths in causes.items():
            self.causes.setdefault(cause, []).extend(paths)
            self.paths.update(paths)

    def report(self) -> None:
        for cause, paths in self.causes.items():
            log.error(
                "%s — %d pages are not served until it is fixed (%s...)",
                cause,
                len(paths),
                ", ".join(paths[:3]),
            )


def describe(error: TemplateError) -> str:
    """Where and what, as an editor would look for it."""
    if isinstance(error, TemplateSyntaxError):
        where = f"templates/{error.name}" if error.name else Path(error.filename or "").name
        return f"{where}, line {error.lineno}: {error.message}"
    if isinstance(error, TemplateNotFound):
        return f"templates/{error.name} is missing"
    return f"a template failed: {error.message}"
