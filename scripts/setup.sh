#!/usr/bin/env bash
# Quick start, command 1: install everything, then build the whole publication (site/).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
.venv/bin/quangba build
