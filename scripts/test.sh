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
# The PostgreSQL sink's tests need a real server: a throw-away cluster in a temp folder on a free
# port (scripts/test-postgres.sh), stopped and removed when this script exits, pass or fail.
pg_root=$(mktemp -d /tmp/formpipe-test-pg.XXXXXX)
trap 'scripts/test-postgres.sh stop-all "$pg_root"' EXIT
eval "$(scripts/test-postgres.sh start "$pg_root")"
# One test at a time: the daemon tests time what a real process does, and on a 2-core machine
# the test runner's few threads, held by other tests' blocking work, resumed them late (a
# worker killed after it had finished, a drain judged before it ran). Serial: ~6 minutes.
swift test --no-parallel "$@"
