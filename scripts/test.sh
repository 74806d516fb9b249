#!/usr/bin/env bash
# Runs the whole test suite: installs missing system packages, builds the formpipe binary
# (the integration tests start it as a real process), then runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
scripts/install-ocr-engine.sh   # the PP-OCR engine's tests start it for real
swift build
# Tesseract's OpenMP runtime reads this when it is loaded; the formpipe binary restarts itself
# with it, the test process cannot (OCR suites run ~5x slower without it).
export OMP_THREAD_LIMIT=1
swift test "$@"
