"""A first start builds the languages in worker processes (pwa/language_builds.py):
the same bytes as building them in the server process, what they log said once,
and a worker that dies costs only time."""

from __future__ import annotations

import logging
import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from pwa import language_builds
from pwa.build import Site, build_site
from pwa.settings import Settings
from tests.servers import journey_locales


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    locales = Path(shutil.copytree(journey_locales(), tmp_path / "locales"))
    # A missing script: each build process notices it; the log must say it once.
    static = Path(shutil.copytree(Settings.from_env().static_dir, tmp_path / "static"))
    (static / "js" / "common.js").unlink()
    return Settings.from_env(
        {
            "GUIDE_LOCALES_DIR": str(locales),
            "GUIDE_CACHE_DIR": "off",
            "GUIDE_STATIC_DIR": str(static),
        }
    )


def built(
    settings: Settings, folder: Path, processes: int, monkeypatch: pytest.MonkeyPatch
) -> Site:
    monkeypatch.setattr(language_builds, "processes_to_use", lambda: processes)
    return build_site(settings, folder)


def test_languages_built_in_worker_processes_are_the_bytes_built_here(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pids = tmp_path / "pids"
    pids.mkdir()
    language = language_builds.Builder.language

    def noting_the_process(builder: language_builds.Builder, tag: str) -> object:
        (pids / str(os.getpid())).touch()
        return language(builder, tag)

    monkeypatch.setattr(language_builds.Builder, "language", noting_the_process)
    forked = built(settings, tmp_path / "one", 2, monkeypatch)
    assert {int(p.name) for p in pids.iterdir()} - {os.getpid()}, "built in this process"
    assert len(list(pids.iterdir())) == 2
    here = built(settings, tmp_path / "two", 0, monkeypatch)
    assert forked.documents.keys() == here.documents.keys()
    for path, document in here.documents.items():
        assert forked.documents[path].body == document.body, path
    assert (forked.not_found, forked.root_page, forked.unbuilt) == (
        here.not_found,
        here.root_page,
        here.unbuilt,
    )


def test_what_the_workers_log_reaches_the_servers_log_once(
    settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.INFO, logger="pwa"):
        built(settings, tmp_path / "site", 2, monkeypatch)
    missing = [r for r in caplog.records if "static/js/common.js is missing" in r.getMessage()]
    assert len(missing) == 1
    assert missing[0].levelno == logging.ERROR


def test_a_worker_that_dies_costs_only_the_time_to_build_here(
    settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The kernel may end a worker that asks for more memory than it may have."""
    server = os.getpid()
    language = language_builds.Builder.language

    def dying_elsewhere(builder: language_builds.Builder, tag: str) -> object:
        if os.getpid() != server:
            os._exit(9)
        return language(builder, tag)

    monkeypatch.setattr(language_builds.Builder, "language", dying_elsewhere)
    with caplog.at_level(logging.WARNING, logger="pwa"):
        site = built(settings, tmp_path / "site", 2, monkeypatch)
    assert {"/en/", "/es/", "/ar/treatment/", "/sw.js"} <= site.documents.keys()
    assert any("could not start or stopped" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize(
    "refusal",
    [
        # A container's limit on processes: fork fails with EAGAIN.
        BlockingIOError(11, "Resource temporarily unavailable"),
        # The guide run inside a daemonic multiprocessing worker.
        AssertionError("daemonic processes are not allowed to have children"),
    ],
)
def test_a_worker_that_cannot_start_costs_only_the_time_to_build_here(
    settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    refusal: Exception,
) -> None:
    def refused(*args: object, **kwargs: object) -> None:
        raise refusal

    monkeypatch.setattr(ProcessPoolExecutor, "submit", refused)
    with caplog.at_level(logging.WARNING, logger="pwa"):
        site = built(settings, tmp_path / "site", 2, monkeypatch)
    assert {"/en/", "/es/", "/ar/treatment/", "/translations/", "/sw.js"} <= site.documents.keys()
    assert any("could not start or stopped" in r.getMessage() for r in caplog.records)
