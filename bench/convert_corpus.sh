#!/usr/bin/env bash
# Converts the whole corpus, one outbox per rendition, with one worker (--jobs 1), for
# bench/compare_outboxes.py to compare two builds' outputs byte for byte.
#
#   bench/convert_corpus.sh FORMPIPE OUTROOT [SETS...]
#
# SETS (default: all but the variant scans, which take minutes each): dev-pdf dev-txt dev-html
# dev-ocr dev-scan var-pdf var-txt var-html var-ocr var-scan. Each set goes to OUTROOT/SET/.
set -euo pipefail
cd "$(dirname "$0")/.."
formpipe=$(realpath "$1")
root=$2
shift 2
sets=("$@")
[ ${#sets[@]} -gt 0 ] || sets=(dev-pdf dev-txt dev-html dev-ocr dev-scan var-pdf var-txt var-html var-ocr)
corpus=Tests/FormPipeTests/Fixtures/corpus
variants=Tests/FormPipeTests/Fixtures/variants
mkdir -p "$root"
config=$(mktemp)
trap 'rm -f "$config"' EXIT
echo '{"outputFormats": ["json", "xml"]}' > "$config"
for set in "${sets[@]}"; do
  case $set in
    dev-pdf) files=("$corpus"/dev-[0-9][0-9].pdf) ;;
    dev-txt) files=("$corpus"/dev-*.txt) ;;
    dev-html) files=("$corpus"/dev-*.html) ;;
    dev-ocr) files=("$corpus"/dev-*.ocr.pdf) ;;
    dev-scan) files=("$corpus"/dev-*.scan.pdf) ;;
    var-pdf) files=("$variants"/var-[0-9][0-9].pdf) ;;
    var-txt) files=("$variants"/var-*.txt) ;;
    var-html) files=("$variants"/var-*.html) ;;
    var-ocr) files=("$variants"/var-*.ocr.pdf) ;;
    var-scan) files=("$variants"/var-*.scan.pdf) ;;
    *) echo "unknown set $set" >&2; exit 2 ;;
  esac
  rm -rf "${root:?}/$set"
  start=$(date +%s.%N)
  status=0
  OMP_THREAD_LIMIT=1 "$formpipe" convert "${files[@]}" --out "$root/$set" --config "$config" --jobs 1 > "$root/$set.log" 2>&1 || status=$?
  printf '%s: %d files, exit %d, %.1f s\n' "$set" "${#files[@]}" "$status" "$(echo "$(date +%s.%N) - $start" | bc)"
done
