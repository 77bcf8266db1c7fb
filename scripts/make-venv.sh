#!/bin/sh
# Create the project's virtual environment. Debian splits `venv` out of its
# Python package (python3-venv), so a fresh machine may need it installed first.
set -eu
python=${1:-python3}
venv=${2:-.venv}

if "$python" -m venv "$venv" 2>/dev/null; then
    exit 0
fi
rm -rf "$venv"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    version=$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
    echo "Installing Debian's venv support for Python $version" >&2
    apt-get update -qq
    apt-get install -y -qq "python$version-venv" >/dev/null || apt-get install -y -qq python3-venv >/dev/null
    exec "$python" -m venv "$venv"
fi
echo "Cannot create a virtual environment with $python: install its venv module (Debian: python3-venv)." >&2
exit 1
