# Sourced by `make test`: find a Chromium for Playwright and export CHROMIUM_PATH.
# Playwright's own browser download does not work on every machine, so the
# tests prefer Debian's chromium package:
#   1. CHROMIUM_PATH set by the caller wins;
#   2. else a chromium already on PATH;
#   3. else, as root with apt-get, install Debian's chromium;
#   4. else let Playwright download its own build (where that can work).
if [ -z "${CHROMIUM_PATH:-}" ]; then
    for candidate in chromium chromium-browser; do
        if command -v "$candidate" >/dev/null 2>&1; then
            CHROMIUM_PATH=$(command -v "$candidate")
            break
        fi
    done
fi
if [ -z "${CHROMIUM_PATH:-}" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's chromium for the browser tests" >&2
    apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium >/dev/null
    CHROMIUM_PATH=$(command -v chromium || true)
fi
if [ -z "${CHROMIUM_PATH:-}" ]; then
    echo "No chromium found: asking Playwright to download its own" >&2
    "${PY:-.venv/bin/python}" -m playwright install chromium
else
    export CHROMIUM_PATH
fi
