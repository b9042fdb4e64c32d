#!/usr/bin/env bash
# Installs the app into ./.venv (Python packages only; the Arabic MT model is installed from the app).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.txt
