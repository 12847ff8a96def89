#!/usr/bin/env bash
# Install everything quangba needs into .venv (idempotent: quick when nothing changed).
# Used by scripts/setup.sh and, with --test, by scripts/test.sh (which also needs a browser).
# Needs Python 3.11+ and root or sudo for apt.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian packages the project cannot vendor. Listed here, installed only where missing.
# WeasyPrint (print leaflets) lays text out with Pango.
SYSTEM_PACKAGES=(python3-venv libpango-1.0-0 libpangoft2-1.0-0)
# The browser tests drive Debian's Chromium (Playwright never downloads one of its own);
# the deployment tests start Debian's nginx with deploy/nginx.conf; the leaflet tests check the
# print PDFs with poppler's pdfinfo, pdffonts and pdfimages (tools independent of quangba's own)
# and render them with Ghostscript, MuPDF and pdf.js (npm, into tests/js/node_modules); the
# HTML tests run the Nu Html Checker (npm vnu-jar) with Java.
TEST_PACKAGES=(chromium nginx curl openssl poppler-utils ghostscript mupdf-tools nodejs npm default-jre-headless)
if [ "${1:-}" = "--test" ]; then SYSTEM_PACKAGES+=("${TEST_PACKAGES[@]}"); fi
# bench/lighthouse.py (--bench) serves the demo as the deployment tests do and runs Lighthouse
# (npm, into bench/js/node_modules) with the same Chromium.
if [ "${1:-}" = "--bench" ]; then SYSTEM_PACKAGES+=("${TEST_PACKAGES[@]}"); fi

PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "quangba needs Python 3.11 or newer (found: $("$PYTHON" --version 2>&1))." >&2
  exit 1
fi

missing=()
for pkg in "${SYSTEM_PACKAGES[@]}"; do
  # python3-venv only matters if the interpreter cannot make a venv by itself (e.g. pyenv can).
  if [ "$pkg" = python3-venv ] && "$PYTHON" -c 'import ensurepip, venv' 2>/dev/null; then continue; fi
  # Node.js from elsewhere (NodeSource's package brings its own npm) is as good as Debian's.
  if { [ "$pkg" = nodejs ] || [ "$pkg" = npm ]; } && command -v "$pkg" >/dev/null 2>&1; then continue; fi
  # Any Java 11+ runs the Nu Html Checker (vnu.jar), not only Debian's default one.
  if [ "$pkg" = default-jre-headless ] && command -v java >/dev/null 2>&1; then continue; fi
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi

if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.quangba-installed
wanted=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
  echo "Installing Python packages into .venv …"
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e '.[test]'
  echo "$wanted" > "$stamp"
fi

if [ "${1:-}" = "--test" ]; then
  # pdf.js for the print tests, exactly as tests/js/package-lock.json pins it (no optional
  # native canvas: the tests run pdf.js in Chromium).
  js_stamp=tests/js/node_modules/.quangba-installed
  js_wanted=$(sha256sum tests/js/package-lock.json | cut -d' ' -f1)
  if [ "$(cat "$js_stamp" 2>/dev/null)" != "$js_wanted" ]; then
    echo "Installing the tests' JavaScript tools into tests/js/node_modules …"
    npm ci --prefix tests/js --omit=optional --no-audit --no-fund --loglevel=error
    echo "$js_wanted" > "$js_stamp"
  fi
fi

if [ "${1:-}" = "--bench" ]; then
  # Lighthouse for bench/lighthouse.py, exactly as bench/js/package-lock.json pins it (it runs
  # Debian's Chromium through CHROME_PATH and downloads no browser of its own).
  js_stamp=bench/js/node_modules/.quangba-installed
  js_wanted=$(sha256sum bench/js/package-lock.json | cut -d' ' -f1)
  if [ "$(cat "$js_stamp" 2>/dev/null)" != "$js_wanted" ]; then
    echo "Installing the benchmarks' JavaScript tools into bench/js/node_modules …"
    npm ci --prefix bench/js --no-audit --no-fund --loglevel=error
    echo "$js_wanted" > "$js_stamp"
  fi
fi
