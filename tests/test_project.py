"""The promises the README and CI make to a newcomer."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib

import pytest

from pwa.cli import build_parser
from pwa.i18n.locales import LocaleSet
from pwa.settings import PROJECT_ROOT, Settings


def test_readme_opens_with_the_two_commands() -> None:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    first_block = re.search(r"```(?:sh|bash|console)?\n(.*?)```", readme, re.S)
    assert first_block, "the README must open with its commands"
    assert readme.index("```") < readme.index("\n## "), "commands come before any section"
    commands = [line.split("#")[0].strip() for line in first_block.group(1).splitlines()]
    assert "make run" in commands
    assert "make test" in commands


def test_ci_runs_exactly_the_readme_test_command() -> None:
    script = (PROJECT_ROOT / ".ci" / "run").read_text()
    lines = [line for line in script.splitlines() if line and not line.startswith("#")]
    assert "make test" in lines
    assert "set -euo pipefail" in lines


def test_the_test_extra_installs_the_browser_test_stack() -> None:
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]
    test_extra = " ".join(project["optional-dependencies"]["test"])
    for package in ("pytest", "pytest-playwright", "playwright"):
        assert package in test_extra


def test_serve_defaults_to_loopback_port_8000() -> None:
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port, args.reload) == ("127.0.0.1", 8000, False)
    args = build_parser().parse_args(["serve", "--host", "0.0.0.0", "--port", "9000", "--reload"])
    assert (args.host, args.port, args.reload) == ("0.0.0.0", 9000, True)


def test_the_server_keeps_no_request_log_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    """The about page says what a family reads stays on their phone."""
    from pwa.cli import main
    from tests.servers import record_granian

    calls = record_granian(monkeypatch)
    main(["serve"])
    main(["serve", "--access-log"])
    assert [call["log_access"] for call in calls] == [False, True]


def test_python_m_pwa_is_the_command_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pwa", "serve", "--help"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    for option in ("--host", "--port", "--reload"):
        assert option in result.stdout


def test_clinic_settings_come_from_the_environment() -> None:
    settings = Settings.from_env(
        {
            "GUIDE_CLINIC_NAME": "Sol",
            "GUIDE_EMERGENCY_NUMBER": "112",
            "GUIDE_ALLOWED_HOSTS": "guide.example.org, localhost",
        }
    )
    assert (settings.clinic_name, settings.emergency_number) == ("Sol", "112")
    assert settings.allowed_hosts == ("guide.example.org", "localhost")
    assert Settings.from_env({}).emergency_number == "911"


def test_the_languages_translating_md_lists_are_the_ones_served() -> None:
    """No stale row: every folder TRANSLATING.md names is a language the guide serves
    (a new language need not be listed to pass: the /translations/ page lists it)."""
    text = (PROJECT_ROOT / "TRANSLATING.md").read_text(encoding="utf-8")
    table = text.split("Today there are", 1)[1].split("\n\n", 2)[1]
    listed = set(re.findall(r"`([a-z]{2,3}(?:_[A-Za-z]+)?)`", table))
    served = {locale.gettext_id for locale in LocaleSet.discover(PROJECT_ROOT / "locales")}
    assert listed and listed <= served, listed - served
