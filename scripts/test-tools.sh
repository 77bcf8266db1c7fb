# Sourced by `make test`: the programs the tests drive, from Debian's packages.
#
# Nothing here downloads from the open internet: browsers come from Debian's packages
# (Playwright's own browser downloads do not work on every machine), installed as
# root with apt-get when missing. When a program can be neither found nor installed,
# this stops with one line that says what is missing and how to provide it.
#
# - Chromium, for Playwright: CHROMIUM_PATH set by the caller wins; else a chromium
#   on PATH; else Debian's chromium package.
# - Firefox ESR, and WebKitGTK's WebDriver with an X server to draw on (Xvfb), for the
#   family journeys in Gecko and WebKit (tests/browser/test_engines.py):
#   FIREFOX_PATH, WEBKIT_DRIVER_PATH and XVFB_PATH set by the caller win; else the
#   programs on PATH; else Debian's firefox-esr, webkit2gtk-driver and xvfb packages.
# - Fonts for every script the guide serves, so that screenshots show text and not
#   empty boxes: Debian's Noto fonts (fonts-noto-core: Latin, Cyrillic, Arabic,
#   Ethiopic, Devanagari, Bengali and most others; fonts-noto-cjk: Chinese, Japanese
#   and Korean), looked for under GUIDE_TEST_FONTS_DIR (/usr/share/fonts).
# - nginx with its brotli_static module, for tests/test_nginx.py (the sample config
#   in deploy/nginx.conf serving the static export). Without it those tests are
#   skipped, unless GUIDE_TEST_REQUIRE_NGINX=1 (as in CI: see .ci/run).

# How long to wait for another apt or dpkg process (unattended upgrades, a second
# `make test`) to let go of its lock before giving up.
APT_LOCK_WAIT=${APT_LOCK_WAIT:-300}
APT_RETRY_SECONDS=${APT_RETRY_SECONDS:-5}
APT_LOG=${APT_LOG:-${TMPDIR:-/tmp}/lms-guide-apt.log}

test_tools_fail() {
    echo "make test: $*" >&2
    exit 1
}

# apt-get, waiting for a busy dpkg lock (apt's own DPkg::Lock::Timeout) and for the
# package lists' lock (which that option does not cover: retried until the deadline).
apt_get() {
    deadline=$(($(date +%s) + APT_LOCK_WAIT))
    while :; do
        if apt-get -o DPkg::Lock::Timeout="$APT_LOCK_WAIT" -y -qq "$@" >>"$APT_LOG" 2>&1; then
            return 0
        fi
        if ! tail -n 5 "$APT_LOG" | grep -qi 'could not get lock\|unable to lock'; then
            return 1
        fi
        [ "$(date +%s)" -lt "$deadline" ] || return 1
        echo "Waiting for another apt process to finish..." >&2
        sleep "$APT_RETRY_SECONDS"
    done
}

apt_install() {
    [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 || return 1
    echo "Installing Debian's $* for the tests" >&2
    if [ -z "${APT_UPDATED:-}" ]; then
        apt_get update && APT_UPDATED=1 || return 1
    fi
    # No service starts inside a container, which is what we want here.
    apt_get install --no-install-recommends "$@"
}

if [ -z "${CHROMIUM_PATH:-}" ]; then
    for candidate in chromium chromium-browser; do
        if command -v "$candidate" >/dev/null 2>&1; then
            CHROMIUM_PATH=$(command -v "$candidate")
            break
        fi
    done
fi
if [ -z "${CHROMIUM_PATH:-}" ]; then
    apt_install chromium || true
    CHROMIUM_PATH=$(command -v chromium || true)
fi
[ -n "$CHROMIUM_PATH" ] && [ -x "$CHROMIUM_PATH" ] || test_tools_fail \
    "Chromium is missing and could not be installed (see $APT_LOG):" \
    "install Debian's chromium package as root, or set CHROMIUM_PATH=/path/to/chromium."
export CHROMIUM_PATH

# The first of the named programs on PATH, or nothing.
find_program() {
    for candidate in "$@"; do
        if command -v "$candidate" >/dev/null 2>&1; then
            command -v "$candidate"
            return 0
        fi
    done
    return 1
}

# True when a file matching the pattern exists (the shell's own glob: no find).
have_file() {
    for file in $1; do
        [ -e "$file" ] && return 0
    done
    return 1
}

FONTS_DIR=${GUIDE_TEST_FONTS_DIR:-/usr/share/fonts}
fonts_present() {
    have_file "$FONTS_DIR/*/noto/NotoSansCJK*" && have_file "$FONTS_DIR/*/noto/NotoSansArabic-*"
}

FIREFOX_PATH=${FIREFOX_PATH:-$(find_program firefox-esr firefox || true)}
WEBKIT_DRIVER_PATH=${WEBKIT_DRIVER_PATH:-$(find_program WebKitWebDriver || true)}
XVFB_PATH=${XVFB_PATH:-$(find_program Xvfb || true)}
missing=""
[ -n "$FIREFOX_PATH" ] || missing="$missing firefox-esr"
[ -n "$WEBKIT_DRIVER_PATH" ] || missing="$missing webkit2gtk-driver"
[ -n "$XVFB_PATH" ] || missing="$missing xvfb"
fonts_present || missing="$missing fonts-noto-core fonts-noto-cjk"
if [ -n "$missing" ]; then
    # One apt-get for all of them: each package is word-split on purpose.
    # shellcheck disable=SC2086
    apt_install $missing || true
    FIREFOX_PATH=${FIREFOX_PATH:-$(find_program firefox-esr || true)}
    WEBKIT_DRIVER_PATH=${WEBKIT_DRIVER_PATH:-$(find_program WebKitWebDriver || true)}
    XVFB_PATH=${XVFB_PATH:-$(find_program Xvfb || true)}
fi
[ -n "$FIREFOX_PATH" ] && [ -x "$FIREFOX_PATH" ] || test_tools_fail \
    "Firefox is missing and could not be installed (see $APT_LOG):" \
    "install Debian's firefox-esr package as root, or set FIREFOX_PATH=/path/to/firefox."
[ -n "$WEBKIT_DRIVER_PATH" ] && [ -x "$WEBKIT_DRIVER_PATH" ] || test_tools_fail \
    "WebKitWebDriver is missing and could not be installed (see $APT_LOG):" \
    "install Debian's webkit2gtk-driver package as root, or set WEBKIT_DRIVER_PATH=/path/to/WebKitWebDriver."
[ -n "$XVFB_PATH" ] && [ -x "$XVFB_PATH" ] || test_tools_fail \
    "Xvfb is missing and could not be installed (see $APT_LOG):" \
    "install Debian's xvfb package as root, or set XVFB_PATH=/path/to/Xvfb."
fonts_present || test_tools_fail \
    "the Noto fonts for Chinese and Arabic are missing and could not be installed (see $APT_LOG):" \
    "install Debian's fonts-noto-core and fonts-noto-cjk packages as root."
export FIREFOX_PATH WEBKIT_DRIVER_PATH XVFB_PATH

if ! command -v nginx >/dev/null 2>&1 || ! [ -e /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ]; then
    if apt_install nginx-light libnginx-mod-http-brotli-static; then
        # The package may start nginx on port 80; the tests run their own.
        nginx -s stop 2>/dev/null || true
    elif [ "${GUIDE_TEST_REQUIRE_NGINX:-}" = 1 ]; then
        test_tools_fail "nginx is missing and could not be installed (see $APT_LOG):" \
            "install Debian's nginx-light and libnginx-mod-http-brotli-static as root."
    else
        echo "nginx is missing: its tests will be skipped" >&2
    fi
fi
