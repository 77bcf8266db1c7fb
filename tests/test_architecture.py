"""The shape the code keeps: a request read top-down, one direction of imports.

pwa/app.py declares its layers outermost first; pwa/i18n/ (languages and
translation) and pwa/serving/ (the request layers) depend on nothing that builds
the site, and no module imports another that imports it back.
"""

from __future__ import annotations

import ast
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp

from pwa.serving.documents import ServePages
from pwa.serving.read_only import ReadOnly
from pwa.serving.security import SecurityHeaders
from pwa.serving.static_files import StaticFiles
from pwa.settings import PROJECT_ROOT

PACKAGE = PROJECT_ROOT / "pwa"


def module_name(path: Path) -> str:
    parts = path.relative_to(PROJECT_ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports() -> dict[str, set[str]]:
    """Each pwa module and the pwa modules it imports (anywhere in the file)."""
    modules = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("pwa"):
                for alias in node.names:
                    child = f"{node.module}.{alias.name}"
                    found.add(child if child in modules else node.module)
            elif isinstance(node, ast.Import):
                found |= {alias.name for alias in node.names if alias.name.startswith("pwa")}
        graph[name] = {target for target in found if target in modules and target != name}
    return graph


def test_no_import_cycles() -> None:
    graph = imports()
    state: dict[str, str] = {}

    def visit(module: str, path: list[str]) -> None:
        state[module] = "open"
        for target in sorted(graph[module]):
            if state.get(target) == "open":
                cycle = [*path[path.index(target) :], target] if target in path else [target]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if target not in state:
                visit(target, [*path, target])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])


def test_languages_and_serving_do_not_depend_on_building_the_site() -> None:
    allowed = {
        "pwa.i18n": {"pwa.i18n", "pwa.quality_values"},
        "pwa.serving": {"pwa.serving", "pwa.quality_values", "pwa.assets"},
    }
    for module, targets in imports().items():
        for package, permitted in allowed.items():
            if module.startswith(package + ".") or module == package:
                for target in targets:
                    assert any(target == p or target.startswith(p + ".") for p in permitted), (
                        f"{module} imports {target}"
                    )


def test_the_layers_run_in_the_order_app_py_declares(default_app: ASGIApp) -> None:
    expected = [SecurityHeaders, TrustedHostMiddleware, ReadOnly, StaticFiles, ServePages]
    layer: object = default_app
    found = []
    while not isinstance(layer, Starlette):
        found.append(type(layer))
        layer = layer.app  # type: ignore[attr-defined]
    assert found == expected
