"""A restart of the same deployment reads its built site back instead of rendering it
again (pwa/site_cache.py): the same bytes, in a fraction of the time, and any change
to what the site is made of builds it anew."""

from __future__ import annotations

import logging
import shutil
import threading
from pathlib import Path

import pytest

from pwa import build, site_cache
from pwa.assets import AssetManifest
from pwa.build import Site, build_site
from pwa.i18n.locales import LocaleSet
from pwa.settings import Settings, default_cache_dir
from tests.conftest import set_translation
from tests.servers import journey_locales


@pytest.fixture
def locales(tmp_path: Path) -> Path:
    return Path(shutil.copytree(journey_locales(), tmp_path / "locales"))


def built(settings: Settings, folder: Path) -> Site:
    return build_site(settings, folder / "static")


def same_site(one: Site, other: Site) -> None:
    assert one.documents.keys() == other.documents.keys()
    for path, document in one.documents.items():
        again = other.documents[path]
        assert (again.body, again.media_type, again.tag) == (
            document.body,
            document.media_type,
            document.tag,
        ), path
    assert (one.not_found, one.root_page, one.unbuilt) == (
        other.not_found,
        other.root_page,
        other.unbuilt,
    )


def test_a_restart_reads_the_same_site_back_without_rendering(
    tmp_path: Path, locales: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(locales_dir=locales, cache_dir=tmp_path / "cache", clinic_name="Sol")
    first = built(settings, tmp_path / "one")
    assert len(list((tmp_path / "cache").glob("*.site"))) == 1

    def no_rendering(*args: object) -> None:
        raise AssertionError("rendered again")

    monkeypatch.setattr(build, "_build", no_rendering)
    again = built(settings, tmp_path / "two")
    same_site(first, again)
    assert "Sol" in again.documents["/es/about/"].body.decode()


def test_workers_started_together_build_once_and_the_others_read_it(
    tmp_path: Path, locales: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """`serve --workers 4` on a first start: one builds (on every core), the others
    wait for its build instead of building the same site at the same time."""
    settings = Settings(locales_dir=locales, cache_dir=tmp_path / "cache")
    cache = site_cache.SiteCache(tmp_path / "cache")
    waiting: list[Site] = []
    other = threading.Thread(target=lambda: waiting.append(built(settings, tmp_path / "two")))
    with caplog.at_level(logging.INFO, logger="pwa"):
        with cache.turn():  # the first worker is building
            other.start()
            first = build._build_and_store(
                settings,
                LocaleSet.discover(locales),
                AssetManifest.build(settings.static_dir, tmp_path / "one"),
                cache,
                site_cache.key(settings),
            )
            assert other.is_alive(), "the second worker did not wait for the first"
        other.join(timeout=60)
    assert any("guide ready from the stored build" in r.getMessage() for r in caplog.records)
    same_site(waiting[0], built(settings, tmp_path / "three"))
    assert first.documents == [waiting[0].documents[d.path] for d in first.documents]


@pytest.mark.parametrize("change", ["catalog", "template", "setting", "asset"])
def test_any_change_to_what_the_site_is_made_of_builds_it_again(
    tmp_path: Path, locales: Path, change: str
) -> None:
    templates = Path(shutil.copytree(Settings().templates_dir, tmp_path / "templates"))
    static = Path(shutil.copytree(Settings().static_dir, tmp_path / "static"))
    settings = Settings(
        locales_dir=locales,
        templates_dir=templates,
        static_dir=static,
        cache_dir=tmp_path / "cache",
    )
    before = built(settings, tmp_path / "one")
    if change == "catalog":
        set_translation(locales / "es" / "LC_MESSAGES" / "messages.po", "Treatment", "Terapia")
        expected = ("/es/treatment/", "Terapia")
    elif change == "template":
        page = templates / "pages" / "treatment.html"
        text = page.read_text("utf-8")
        page.write_text(text.replace('<h2 id="surgery">', '<p>Nuevo</p><h2 id="surgery">', 1))
        expected = ("/es/treatment/", "<p>Nuevo</p>")
    elif change == "setting":
        settings = Settings(**{**settings.__dict__, "clinic_name": "Clínica Sol"})
        expected = ("/es/about/", "Sol")
    else:
        stylesheet = static / "css" / "guide.css"
        stylesheet.write_text(stylesheet.read_text("utf-8") + "\n/* changed */\n")
        expected = ("/es/treatment/", "")
    after = built(settings, tmp_path / "two")
    path, text = expected
    assert after.documents[path].body != before.documents[path].body
    assert text in after.documents[path].body.decode()
    assert len(list((tmp_path / "cache").glob("*.site"))) == 2


def test_what_the_build_logged_is_logged_again_on_a_restart(
    tmp_path: Path, locales: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A clinic restarting the server still reads why a translation is not shown."""
    po = locales / "fr" / "LC_MESSAGES" / "messages.po"
    set_translation(po, "Treatment", "Traitement <script>")
    settings = Settings(locales_dir=locales, cache_dir=tmp_path / "cache")
    warnings = []
    for run in ("first", "again"):
        caplog.clear()
        with caplog.at_level(logging.INFO):
            built(settings, tmp_path / run)
        warnings.append([r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING])
        ready = [r.getMessage() for r in caplog.records if "guide ready from" in r.getMessage()]
        assert bool(ready) is (run == "again")
    assert warnings[0] and any("'Treatment'" in message for message in warnings[0])
    assert warnings[1] == warnings[0]


def test_a_damaged_or_unwritable_cache_costs_only_the_time_to_build(
    tmp_path: Path, locales: Path, caplog: pytest.LogCaptureFixture
) -> None:
    cache = tmp_path / "cache"
    settings = Settings(locales_dir=locales, cache_dir=cache)
    good = built(settings, tmp_path / "one")
    (stored,) = cache.glob("*.site")
    for damage in (b"", b"{}\n", stored.read_bytes()[:-10], stored.read_bytes() + b"x"):
        stored.write_bytes(damage)
        with caplog.at_level(logging.WARNING):
            same_site(good, built(settings, tmp_path / "again"))
        if damage:
            assert "cannot use this stored build" in caplog.text
        caplog.clear()
    # A file where the folder should be: nothing stored, the site still built.
    blocked = Settings(locales_dir=locales, cache_dir=stored)
    with caplog.at_level(logging.INFO):
        same_site(good, built(blocked, tmp_path / "blocked"))
    assert "each start builds the site" in caplog.text
    # No cache at all.
    same_site(good, built(Settings(locales_dir=locales, cache_dir=None), tmp_path / "none"))


def test_only_the_newest_builds_are_kept(tmp_path: Path, locales: Path) -> None:
    cache = tmp_path / "cache"
    for number in range(site_cache.KEEP + 2):
        built(Settings(locales_dir=locales, cache_dir=cache, clinic_name=f"C{number}"), tmp_path)
    assert len(list(cache.glob("*.site"))) == site_cache.KEEP


def test_the_cache_folder_is_a_setting_with_a_default_in_the_users_cache() -> None:
    assert default_cache_dir({"HOME": "/home/clinic"}) == Path(
        "/home/clinic/.cache/lms-guide/site"
    )
    assert default_cache_dir({"XDG_CACHE_HOME": "/var/cache", "HOME": "/h"}) == Path(
        "/var/cache/lms-guide/site"
    )
    assert default_cache_dir({"GUIDE_CACHE_DIR": "off", "HOME": "/h"}) is None
    assert default_cache_dir({}) is None
    assert Settings.from_env({"GUIDE_CACHE_DIR": "/srv/cache"}).cache_dir == Path("/srv/cache")
    assert Settings.from_env({"GUIDE_CACHE_DIR": ""}).cache_dir is None
    # The variables given, not this process's own (where the tests set GUIDE_CACHE_DIR).
    assert Settings.from_env({"HOME": "/home/clinic"}).cache_dir == Path(
        "/home/clinic/.cache/lms-guide/site"
    )
