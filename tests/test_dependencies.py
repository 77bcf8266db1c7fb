"""Every fresh machine installs exactly what CI tested: uv.lock, with hashes.

`make run` and `make test` install with `uv sync --locked`, which refuses a lock that
is out of step with pyproject.toml; these tests say so before a machine tries, and
check that the lock covers everything the code imports.
"""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from pwa.settings import PROJECT_ROOT

PYPROJECT = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
LOCK = tomllib.loads((PROJECT_ROOT / "uv.lock").read_text(encoding="utf-8"))
PACKAGES = {package["name"]: package for package in LOCK["package"]}
ROOT = next(package for package in LOCK["package"] if package["source"].get("virtual") == ".")
LOCAL_MODULES = {"pwa", "tests", "benchmarks", "scripts"}


def _requirement(text: str) -> tuple[str, frozenset[str], str]:
    requirement = Requirement(text)
    return (
        canonicalize_name(requirement.name),
        frozenset(requirement.extras),
        str(requirement.specifier),
    )


def _closure(names: set[str]) -> set[str]:
    """Every locked package that installing `names` brings in (markers ignored)."""
    seen: set[str] = set()
    todo = list(names)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        package = PACKAGES[name]
        for dependency in package.get("dependencies", []):
            todo.append(dependency["name"])
        for extra in package.get("optional-dependencies", {}).values():
            todo.extend(dependency["name"] for dependency in extra)
    return seen


def _imports(folder: Path) -> dict[str, Path]:
    """Top-level modules imported from outside the standard library, with a file each."""
    found: dict[str, Path] = {}
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top not in LOCAL_MODULES:
                    found.setdefault(top, path)
    return found


def _distribution(module: str, path: Path) -> str:
    providers = importlib.metadata.packages_distributions().get(module)
    assert providers, f"{path.relative_to(PROJECT_ROOT)} imports {module}, which nothing installs"
    return canonicalize_name(providers[0])


def test_the_lock_is_in_step_with_pyproject() -> None:
    project = PYPROJECT["project"]
    declared = {_requirement(text) for text in project["dependencies"]}
    for extra, requirements in project["optional-dependencies"].items():
        declared |= {
            (*_requirement(text)[:2], _requirement(text)[2] + f"; extra={extra}")
            for text in requirements
        }
    locked = set()
    for entry in ROOT["metadata"]["requires-dist"]:
        extra = re.search(r"extra == '([^']+)'", entry.get("marker", ""))
        specifier = str(Requirement(f"x{entry.get('specifier', '')}").specifier)
        locked.add(
            (
                canonicalize_name(entry["name"]),
                frozenset(entry.get("extras", [])),
                specifier + (f"; extra={extra.group(1)}" if extra else ""),
            )
        )
    assert declared == locked, "run `make upgrade` (or `.tools/bin/uv lock`) and commit uv.lock"
    assert LOCK["requires-python"] == project["requires-python"]


def test_every_bound_in_pyproject_has_an_upper_limit() -> None:
    project = PYPROJECT["project"]
    texts = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    for text in texts:
        operators = {spec.operator for spec in Requirement(text).specifier}
        assert ">=" in operators and operators & {"<", "<=", "=="}, f"{text}: needs both bounds"


def test_every_locked_file_has_a_hash() -> None:
    for package in LOCK["package"]:
        if "registry" not in package["source"]:
            continue
        files = [*package.get("wheels", []), *([package["sdist"]] if "sdist" in package else [])]
        assert files, package["name"]
        for file in files:
            assert re.fullmatch(r"sha256:[0-9a-f]{64}", file["hash"]), (package["name"], file)


def test_uv_itself_is_installed_by_hash() -> None:
    pins = (PROJECT_ROOT / "scripts" / "uv-requirements.txt").read_text(encoding="utf-8")
    assert re.search(r"^uv==[\d.]+ \\$", pins, re.M)
    assert re.search(r"--hash=sha256:[0-9a-f]{64}", pins)
    makefile = (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")
    assert "--require-hashes" in makefile
    assert "sync --locked" in makefile


@pytest.mark.parametrize(
    ("folder", "extras"), [("pwa", ()), ("tests", ("test",)), ("benchmarks", ("test",))]
)
def test_every_imported_package_is_locked(folder: str, extras: tuple[str, ...]) -> None:
    """What `make run` installs covers pwa/; what `make test` installs covers the rest."""
    roots = {dependency["name"] for dependency in ROOT.get("dependencies", [])}
    for extra in extras:
        roots |= {dependency["name"] for dependency in ROOT["optional-dependencies"][extra]}
    installed_by_lock = _closure(roots)
    for module, path in _imports(PROJECT_ROOT / folder).items():
        distribution = _distribution(module, path)
        assert distribution in installed_by_lock, (
            f"{path.relative_to(PROJECT_ROOT)} imports {module} ({distribution}), "
            f"which uv.lock does not install for {folder}/: add it to pyproject.toml"
        )


def test_the_app_declares_what_it_imports() -> None:
    """pwa/ may not lean on another package's dependencies: they can drop them."""
    direct = {_requirement(text)[0] for text in PYPROJECT["project"]["dependencies"]}
    for module, path in _imports(PROJECT_ROOT / "pwa").items():
        distribution = _distribution(module, path)
        assert distribution in direct, f"{path.name} imports {module}: declare {distribution}"


def test_the_installed_versions_are_the_locked_ones() -> None:
    """This environment holds exactly what the lock says (what CI tested)."""
    checked = 0
    for name in _closure({dependency["name"] for dependency in ROOT.get("dependencies", [])}):
        try:
            installed = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            continue  # only for other platforms (a marker excludes it here)
        assert installed == PACKAGES[name]["version"], name
        checked += 1
    assert checked >= 10
