#!/usr/bin/env bash
# Builds the libFuzzer targets (Sources/formpipe-fuzz, the FormPipe* targets built with libFuzzer's coverage
# instrumentation and AddressSanitizer in its own scratch path .build-fuzz) and runs each for a while on its kept corpus.
#
#   scripts/fuzz.sh                      # every target, 60 s each (the short run the README names)
#   scripts/fuzz.sh 600 ocr-text html    # chosen targets, 600 s each
#   FUZZ_RUNS=1000000 scripts/fuzz.sh 0 config   # a fixed number of executions instead of a time
#   FUZZ_FORK=3 FUZZ_RUNS=1000000 scripts/fuzz.sh 0 html   # libFuzzer's -fork=3: three child processes,
#                                        # executions counted over all of them (the `#N:` lines)
#
# Seeds live in Tests/Fuzz/TARGET/seeds (kept in git); inputs libFuzzer finds that reach new code
# go to .build-fuzz/corpus/TARGET (not kept); a crash, leak or timeout is written to
# Tests/Fuzz/TARGET/crashers/ and the script exits non-zero — fix it, and the test suite replays
# that file from then on (FuzzCorpusTests).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(ocr-text html review-json config repair)
fi

# `-sanitize=fuzzer` given to the driver would link libFuzzer whole, with its own main, next to
# the Swift main of formpipe-fuzz (which passes its first argument, the target, before handing
# over to LLVMFuzzerRunDriver). So the frontend gets it — coverage instrumentation only — and
# the link gets libFuzzer without its main.
swiftc="$(readlink -f "$(command -v swiftc)")"
no_main=$(ls "$(dirname "$swiftc")"/../lib/clang/*/lib/linux/libclang_rt.fuzzer_no_main-x86_64.a | head -1)
swift build -c release --build-path .build-fuzz --product formpipe-fuzz \
    -Xswiftc -Xfrontend -Xswiftc -sanitize=fuzzer -Xswiftc -sanitize=address -Xswiftc -DFUZZING \
    -Xlinker "$no_main" -Xlinker -lstdc++ 2>&1 | grep -v "Cannot export local symbol" || true
binary=".build-fuzz/release/formpipe-fuzz"
[ -x "$binary" ] || { echo "fuzz.sh: the fuzz build failed" >&2; exit 1; }

# Without this the Swift backtracer keeps a crashed process alive and libFuzzer never writes the
# crash file (platform notes).
export SWIFT_BACKTRACE=enable=no
export OMP_THREAD_LIMIT=1
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
# Leaks in Swift globals' one-time initializers that LeakSanitizer cannot see as reachable
# (tagged enum payload pointers); the file says why. Every other leak stops the run.
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$PWD/Tests/Fuzz/lsan.supp:print_suppressions=0}"

status=0
for target in "${targets[@]}"; do
    seeds="Tests/Fuzz/$target/seeds"
    crashers="Tests/Fuzz/$target/crashers"
    corpus=".build-fuzz/corpus/$target"
    mkdir -p "$corpus" "$crashers"
    limit=(-max_total_time="$seconds")
    if [ "$seconds" = 0 ]; then limit=(); fi
    if [ -n "${FUZZ_RUNS:-}" ]; then limit+=(-runs="$FUZZ_RUNS"); fi
    if [ -n "${FUZZ_FORK:-}" ]; then limit+=(-fork="$FUZZ_FORK"); fi
    dictionary=()
    if [ -f "Tests/Fuzz/$target.dict" ]; then dictionary=(-dict="Tests/Fuzz/$target.dict"); fi
    echo "== $target: ${limit[*]}"
    # -rss_limit_mb: a hang or an allocation blow-up is a finding too, not a reason to swap.
    # libFuzzer's exit status tells a finding from a run stopped by hand: it exits 72 when
    # interrupted (SIGINT, SIGTERM; this libFuzzer has no flag to change it), writing no input.
    run_status=0
    "$binary" "$target" "${limit[@]}" "${dictionary[@]}" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$crashers/" -print_final_stats=1 "$corpus" "$seeds" || run_status=$?
    case $run_status in
        0) ;;
        72) echo "fuzz.sh: $target was interrupted before its limit; nothing found until then" >&2
            status=1 ;;
        *) echo "fuzz.sh: $target found a crash, leak, timeout or blow-up (exit $run_status); the input is in $crashers/" >&2
           status=1 ;;
    esac
done
exit $status
