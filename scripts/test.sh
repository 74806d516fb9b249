#!/usr/bin/env bash
# Runs the whole test suite: installs missing system packages, builds the formpipe binary
# (the integration tests start it as a real process), then runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
swift build
swift test "$@"
