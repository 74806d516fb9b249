#!/usr/bin/env bash
# Born-digital time per file with one worker (--jobs 1), for issue 13 (review from memory):
# 200 files (25 copies of the 8 dev-NN.pdf under distinct names), converted by FORMPIPE with
# hyperfine (RUNS runs, outbox emptied before each). Prints wall and CPU time per file: on a
# shared machine the CPU time (user + system) is the figure to compare.
#
#   bench/review_path.sh FORMPIPE [RUNS] [ENV=VALUE...]
#
# Extra ENV=VALUE arguments are set for the measured runs (the temporary switch that timed the
# old review path used FORMPIPE_MEASURE_OLD_REVIEW=1).
set -euo pipefail
cd "$(dirname "$0")/.."
formpipe=$(realpath "$1")
runs=${2:-5}
shift $(( $# >= 2 ? 2 : 1 ))
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/in"
for copy in $(seq -w 1 25); do
  for file in Tests/FormPipeTests/Fixtures/corpus/dev-[0-9][0-9].pdf; do
    cp "$file" "$work/in/c$copy-$(basename "$file")"
  done
done
echo '{"outputFormats": ["json", "xml"]}' > "$work/pipeline.json"
command="env $* OMP_THREAD_LIMIT=1 $formpipe convert $work/in/*.pdf --out $work/out --config $work/pipeline.json --jobs 1"
hyperfine --runs "$runs" --warmup 1 --prepare "rm -rf $work/out" --export-json "$work/hyperfine.json" "$command" >&2
python3 - "$work/hyperfine.json" <<'PY'
import json, statistics, sys
result = json.load(open(sys.argv[1]))["results"][0]
times = result["times"]
print(f"wall per file: median {statistics.median(times) / 200 * 1000:.1f} ms (runs {', '.join(f'{t / 200 * 1000:.1f}' for t in times)}); "
      f"CPU per file (mean): user {result['user'] / 200 * 1000:.1f} ms + system {result['system'] / 200 * 1000:.1f} ms")
PY
# The review step's share: `perf record -g` of one such run, then
#   perf report --children --sort symbol | swift demangle | grep -E 'ReviewedPublisher.publish|emitFiles'
