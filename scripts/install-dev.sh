#!/usr/bin/env bash
# Installs everything the test suite needs on a fresh Debian machine: the Debian packages for the
# real-browser test (chromium, Arabic fonts) and for the PostgreSQL tests (postgresql: the tests run
# its server binaries themselves, a throw-away cluster on 127.0.0.1 in a temp dir, as the 'postgres'
# user when run as root), then a venv with the app's and the tests' Python packages.
#
# Debian's own cluster (15/main, port 5432) is left alone: in containers it is created but stays down;
# on a machine with systemd it runs on localhost. The tests never use it (their cluster has its own
# port, socket dir and data dir, with PG* variables removed from its environment).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
for pkg in chromium fonts-noto-core postgresql; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO="sudo"
  echo "installing Debian packages: ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-dev.txt
