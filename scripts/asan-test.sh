#!/usr/bin/env bash
# Runs the test suite under AddressSanitizer: the package (formpipe, its workers, the tests)
# built with `--sanitize=address` in its own scratch path .build-asan, so the integration tests
# start the sanitized binary too. Arguments go to `swift test` (e.g. --filter DaemonIntegrationTests).
# Sanitized workers run without their RLIMIT_AS memory limit (AddressSanitizer's shadow memory
# cannot be mapped under one), so tests that expect a worker to run out of memory fail here.
#
#   scripts/asan-test.sh                                # everything (2–3× the plain suite's time)
#   scripts/asan-test.sh --filter 'HTMLReader|Review'   # some suites
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
swift build --build-path .build-asan --sanitize=address --build-tests
export OMP_THREAD_LIMIT=1
# A sanitizer report must end the process at once, not wait for the Swift backtracer.
export SWIFT_BACKTRACE=enable=no
# halt_on_error: the first report fails the run. Leaks are the fuzzers' job (scripts/fuzz.sh runs
# with detect_leaks=1): in a test runner, Foundation's and the Swift runtime's caches that live until
# exit are reported as leaks at exit, which says nothing about formpipe.
export ASAN_OPTIONS="${ASAN_OPTIONS:-halt_on_error=1:detect_leaks=0}"
swift test --skip-build --build-path .build-asan --sanitize=address "$@"
