#!/usr/bin/env bash
# The benchmark, in one command: formpipe beside pdftotext, pdfplumber and PyMuPDF (throughput
# and accuracy), the daemon's latency and backlog, and time per page of long PDFs.
#
#   bench/run.sh            full run (< 15 minutes on 2 cores); writes docs/benchmarks.md
#   bench/run.sh --quick    smoke run (< 2 minutes); prints, writes no doc
#   bench/run.sh --only throughput,latency,backlog,scale [--doc PATH] [--keep]
#
# Installs what is missing: Debian's poppler-utils (pdftotext, pdfunite), qpdf and python3-venv
# besides formpipe's own build packages; a virtual environment bench/.venv with the versions of
# pdfplumber and PyMuPDF in bench/requirements.txt; then builds formpipe in release mode.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh poppler-utils qpdf python3 python3-venv

venv=bench/.venv
stamp="$venv/.requirements"
if [ ! -x "$venv/bin/python" ] || ! cmp -s bench/requirements.txt "$stamp"; then
  echo "bench: installing pdfplumber and PyMuPDF into $venv"
  rm -rf "$venv"
  /usr/bin/python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r bench/requirements.txt
  cp bench/requirements.txt "$stamp"
fi

echo "bench: building formpipe (release)"
mkdir -p bench/results
started=$(date +%s)
if ! swift build -c release > bench/results/build.log 2>&1; then
  cat bench/results/build.log
  exit 1
fi
echo "bench: build took $(( $(date +%s) - started )) s"

# Poppler's share of a conversion, as a C program (clang comes with the Swift toolchain).
compiler=$(command -v clang || command -v cc)
"$compiler" -O2 -o bench/results/poppler_floor bench/poppler_floor.c $(pkg-config --cflags --libs poppler-glib cairo)

exec "$venv/bin/python" bench/bench.py "$@"
