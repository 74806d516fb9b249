#!/usr/bin/env bash
# Instruction profile of `formpipe convert` with valgrind's callgrind: counts that repeat
# whatever else the machine is doing, so a change to a hot path can be judged on a busy machine.
#
#   bench/profile.sh              the born-digital corpus PDFs (dev-NN.pdf)
#   bench/profile.sh FILE...      any inputs
#
# Builds a release binary with debug info in .build-profile (Debian 12's valgrind 3.19 cannot
# read DWARF 5, Swift 6's default, so DWARF 4 is asked for), runs it under callgrind, and prints
# the total and the top functions by inclusive and by self instruction count. The raw profile
# and the full annotated lists stay in bench/results/profile/ (callgrind_annotate, kcachegrind).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh valgrind
echo "profile: building .build-profile (release, -g, DWARF 4)"
swift build -c release --scratch-path .build-profile \
  -Xswiftc -g -Xswiftc -dwarf-version=4 -Xcc -gdwarf-4 > /dev/null

if [ $# -gt 0 ]; then
  files=("$@")
else
  files=(Tests/FormPipeTests/Fixtures/corpus/dev-0?.pdf)
fi
results=bench/results/profile
mkdir -p "$results"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
echo '{"outputFormats": ["json", "xml"]}' > "$scratch/pipeline.json"

# Set here so that formpipe does not execute itself again (under valgrind that would fail).
OMP_THREAD_LIMIT=1 valgrind --tool=callgrind --callgrind-out-file="$results/callgrind.out" \
  .build-profile/release/formpipe convert "${files[@]}" --out "$scratch/out" --config "$scratch/pipeline.json" \
  2> "$results/valgrind.log"
grep -h '"timingsMs"' -A5 "$scratch"/out/*/manifest.json | awk -F'[:,]' '/"(intake|extract|record|emit)"/ {
  gsub(/[ "]/, "", $1); ms[$1] += $2 } END { printf "manifest stage totals (ms, under valgrind):"; for (s in ms) printf " %s %.0f", s, ms[s]; print "" }'

callgrind_annotate --inclusive=yes "$results/callgrind.out" 2> /dev/null | swift demangle --simplified > "$results/inclusive.txt"
callgrind_annotate "$results/callgrind.out" 2> /dev/null | swift demangle --simplified > "$results/self.txt"

tidy() { sed -E 's#'"$PWD"'/Sources/##; s#\[[^]]*/([^/]+)\]#[\1]#; s#^ *##' | cut -c1-160; }
echo
grep -m1 'PROGRAM TOTALS' "$results/inclusive.txt" | tidy
echo
echo "top 30 by inclusive instructions (formpipe's own functions and the C libraries' entry points):"
grep -E '^ *[0-9,]+ \(' "$results/inclusive.txt" | grep -v 'PROGRAM TOTALS' \
  | grep -E 'Sources/FormPipe|poppler_|cairo_|xml[A-Z]|Tess' | head -30 | tidy
echo
echo "top 25 by self instructions:"
grep -E '^ *[0-9,]+ \(' "$results/self.txt" | grep -v 'PROGRAM TOTALS' | head -25 | tidy
echo
echo "full lists: $results/inclusive.txt, $results/self.txt"
