"""scripts/test-tools.sh: a fresh machine gets its browsers from Debian, or one clear line.

The script runs here against a fake `apt-get` on a PATH of its own, so each case
(a busy dpkg lock, no way to install, a browser given by hand) is played out without
touching the machine's packages.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from pwa.settings import PROJECT_ROOT

SCRIPT = PROJECT_ROOT / "scripts" / "test-tools.sh"
TOOLS = ("sh", "date", "tail", "grep", "sleep", "cat", "chmod", "touch", "mkdir")
ENGINES = {
    "FIREFOX_PATH": "firefox-esr",
    "WEBKIT_DRIVER_PATH": "WebKitWebDriver",
    "XVFB_PATH": "Xvfb",
}
FONTS = (("opentype", "NotoSansCJK-Regular.ttc"), ("truetype", "NotoSansArabic-Regular.ttf"))

# The fake apt-get: busy for the first $BUSY calls, then it "installs" each package
# as an empty program in $FAKE_BIN; with FAIL=1 every call fails.
FAKE_APT = """#!/bin/sh
count=$(cat "$STATE" 2>/dev/null || echo 0); count=$((count + 1)); echo $count > "$STATE"
echo "apt-get $*" >> "$CALLS"
if [ "$count" -le "${BUSY:-0}" ]; then
    echo "E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 42" >&2
    exit 100
fi
[ "${FAIL:-0}" = 1 ] && { echo "E: Unable to locate package $*" >&2; exit 100; }
program() { printf '#!/bin/sh\\nexit 0\\n' > "$FAKE_BIN/$1"; chmod +x "$FAKE_BIN/$1"; }
font() { mkdir -p "$GUIDE_TEST_FONTS_DIR/$1/noto"; touch "$GUIDE_TEST_FONTS_DIR/$1/noto/$2"; }
for package in "$@"; do
    case "$package" in
        chromium|nginx-light) program "${package%-light}";;
        firefox-esr) program firefox-esr;;
        webkit2gtk-driver) program WebKitWebDriver;;
        xvfb) program Xvfb;;
        fonts-noto-core) font truetype NotoSansArabic-Regular.ttf;;
        fonts-noto-cjk) font opentype NotoSansCJK-Regular.ttc;;
    esac
done
exit 0
"""


def fake_program(path: Path) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n")
    path.chmod(0o755)
    return str(path)


def with_engines(tmp_path: Path) -> dict[str, str]:
    """Firefox, WebKitWebDriver and Xvfb given by hand, and the fonts in place: for
    the cases about Chromium and nginx."""
    fonts = tmp_path / "fonts"
    for folder, name in FONTS:
        (fonts / folder / "noto").mkdir(parents=True, exist_ok=True)
        (fonts / folder / "noto" / name).touch()
    given = {name: fake_program(tmp_path / "given" / program) for name, program in ENGINES.items()}
    return {**given, "GUIDE_TEST_FONTS_DIR": str(fonts)}


def run(tmp_path: Path, root: bool = True, **env: str) -> subprocess.CompletedProcess[str]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    for tool in TOOLS:
        target = bin_dir / tool
        if not target.exists():
            target.symlink_to(shutil.which(tool) or f"/bin/{tool}")
    (bin_dir / "apt-get").write_text(FAKE_APT)
    (bin_dir / "id").write_text(f"#!/bin/sh\necho {0 if root else 1000}\n")
    for fake in ("apt-get", "id"):
        (bin_dir / fake).chmod(0o755)
    environment = {
        "PATH": str(bin_dir),
        "FAKE_BIN": str(bin_dir),
        "STATE": str(tmp_path / "state"),
        "CALLS": str(tmp_path / "calls"),
        "APT_LOG": str(tmp_path / "apt.log"),
        "APT_RETRY_SECONDS": "0.1",
        "HOME": os.environ.get("HOME", "/root"),
        "GUIDE_TEST_FONTS_DIR": str(tmp_path / "no-fonts"),
        **env,
    }
    shown = " ".join(f"{name}=${name}" for name in ("CHROMIUM_PATH", *ENGINES))
    return subprocess.run(
        [str(bin_dir / "sh"), "-c", f'. "{SCRIPT}" && echo "{shown}"'],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def calls(tmp_path: Path) -> str:
    path = tmp_path / "calls"
    return path.read_text() if path.exists() else ""


def test_a_busy_dpkg_lock_is_waited_for(tmp_path: Path) -> None:
    result = run(tmp_path, BUSY="2")
    assert result.returncode == 0, result.stderr
    assert "Waiting for another apt process to finish" in result.stderr
    assert f"CHROMIUM_PATH={tmp_path / 'bin' / 'chromium'}" in result.stdout
    assert "install --no-install-recommends chromium" in calls(tmp_path)
    # apt-get itself is asked to wait for the dpkg lock too.
    assert "DPkg::Lock::Timeout" in calls(tmp_path)


def test_a_lock_that_stays_busy_ends_in_one_clear_line(tmp_path: Path) -> None:
    result = run(tmp_path, BUSY="100000", APT_LOCK_WAIT="1")
    assert result.returncode == 1
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("make test: Chromium is missing and could not be installed")
    assert "CHROMIUM_PATH=/path/to/chromium" in last
    assert "playwright" not in result.stderr + calls(tmp_path)


@pytest.mark.parametrize("root", [True, False], ids=["apt fails", "not root"])
def test_no_way_to_install_chromium_is_one_line_and_no_download(tmp_path: Path, root: bool) -> None:
    result = run(tmp_path, root=root, FAIL="1")
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith("make test:")]
    assert len(lines) == 1 and "CHROMIUM_PATH=" in lines[0]
    assert "CHROMIUM_PATH=" not in result.stdout  # stopped before the tests
    assert "playwright" not in result.stderr + calls(tmp_path)
    if not root:
        assert calls(tmp_path) == ""


def test_a_chromium_given_by_hand_is_used_without_apt(tmp_path: Path) -> None:
    browser = tmp_path / "my-chromium"
    browser.write_text("#!/bin/sh\n")
    browser.chmod(0o755)
    engines = with_engines(tmp_path)
    result = run(tmp_path, root=False, CHROMIUM_PATH=str(browser), **engines)
    assert result.returncode == 0, result.stderr
    assert f"CHROMIUM_PATH={browser}" in result.stdout
    for variable in ENGINES:
        assert f"{variable}={engines[variable]}" in result.stdout
    assert "nginx is missing: its tests will be skipped" in result.stderr
    assert calls(tmp_path) == ""


def test_ci_stops_when_nginx_cannot_be_installed(tmp_path: Path) -> None:
    browser = tmp_path / "my-chromium"
    browser.write_text("#!/bin/sh\n")
    browser.chmod(0o755)
    result = run(
        tmp_path,
        FAIL="1",
        CHROMIUM_PATH=str(browser),
        GUIDE_TEST_REQUIRE_NGINX="1",
        **with_engines(tmp_path),
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1].startswith("make test: nginx is missing")


def test_firefox_webkit_xvfb_and_fonts_come_from_debian_in_one_install(tmp_path: Path) -> None:
    browser = fake_program(tmp_path / "my-chromium")
    result = run(tmp_path, CHROMIUM_PATH=browser)
    assert result.returncode == 0, result.stderr
    wanted = "firefox-esr webkit2gtk-driver xvfb fonts-noto-core fonts-noto-cjk"
    assert f"install --no-install-recommends {wanted}" in calls(tmp_path)
    for variable, name in ENGINES.items():
        assert f"{variable}={tmp_path / 'bin' / name}" in result.stdout


@pytest.mark.parametrize(
    ("missing", "said"),
    [
        ("FIREFOX_PATH", "Firefox is missing"),
        ("WEBKIT_DRIVER_PATH", "WebKitWebDriver is missing"),
        ("XVFB_PATH", "Xvfb is missing"),
        ("GUIDE_TEST_FONTS_DIR", "the Noto fonts for Chinese and Arabic are missing"),
    ],
)
def test_an_engine_or_font_that_cannot_be_installed_is_one_clear_line(
    tmp_path: Path, missing: str, said: str
) -> None:
    given = with_engines(tmp_path)
    given[missing] = "" if missing in ENGINES else str(tmp_path / "empty")
    result = run(tmp_path, FAIL="1", CHROMIUM_PATH=fake_program(tmp_path / "c"), **given)
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith("make test:")]
    assert len(lines) == 1 and lines[0].startswith(f"make test: {said}"), result.stderr
    assert "as root" in lines[0]
    assert "CHROMIUM_PATH=" not in result.stdout  # stopped before the tests
