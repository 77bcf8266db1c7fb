# Sourced by `make test`: the programs the tests drive, from Debian's packages.
#
# Chromium, for Playwright: its own browser download does not work on every
# machine, so the tests prefer Debian's chromium package:
#   1. CHROMIUM_PATH set by the caller wins;
#   2. else a chromium already on PATH;
#   3. else, as root with apt-get, install Debian's chromium;
#   4. else let Playwright download its own build (where that can work).
# nginx with its brotli_static module, for tests/test_nginx.py (the sample config in
# deploy/nginx.conf serving the static export): installed as root with apt-get when
# missing; without it those tests are skipped (CI requires them: see .ci/run).
apt_install() {
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "Installing Debian's $* for the tests" >&2
        if [ -z "${APT_UPDATED:-}" ]; then
            apt-get update -qq && APT_UPDATED=1
        fi
        # No service starts inside a container, which is what we want here.
        apt-get install -y -qq --no-install-recommends "$@" >/dev/null
    fi
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
    apt_install chromium
    CHROMIUM_PATH=$(command -v chromium || true)
fi
if [ -z "${CHROMIUM_PATH:-}" ]; then
    echo "No chromium found: asking Playwright to download its own" >&2
    "${PY:-.venv/bin/python}" -m playwright install chromium
else
    export CHROMIUM_PATH
fi

if ! command -v nginx >/dev/null 2>&1 || ! ls /usr/lib/nginx/modules/ngx_http_brotli_static_module.so >/dev/null 2>&1; then
    apt_install nginx-light libnginx-mod-http-brotli-static
    # The package may start nginx on port 80; the tests run their own.
    nginx -s stop 2>/dev/null || true
fi
