#!/usr/bin/env bash
# Quick start, command 2: install what is missing, then run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh --test
# The code's own checks first (quick): lint, formatting, types (strict on scripts/quangba/core).
.venv/bin/ruff check scripts tests bench
.venv/bin/ruff format --check scripts tests bench
.venv/bin/mypy
status=0
.venv/bin/python -m pytest "$@" || status=$?
# pytest exits 5 when it collected no test: that is not a pass.
if [ "$status" -eq 5 ]; then echo "No tests were collected." >&2; exit 1; fi
exit "$status"
