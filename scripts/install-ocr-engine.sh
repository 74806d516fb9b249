#!/usr/bin/env bash
# Installs the PP-OCR engine (pipeline.json "ocrEngine": "ppocr"): a Python virtual environment
# in ocr-engine/.venv with the pinned wheels of ocr-engine/requirements.txt (PP-OCR models inside
# the rapidocr wheel, onnxruntime to run them), then starts the worker once to prove it loads.
# Safe to run again: it does nothing when the environment already holds these requirements.
set -euo pipefail
cd "$(dirname "$0")/.."

engine=ocr-engine
venv="$engine/.venv"
stamp="$venv/.formpipe-requirements"
python=${FORMPIPE_PYTHON:-/usr/bin/python3}

if [ -x "$venv/bin/python3" ] && [ -f "$stamp" ] && cmp -s "$stamp" "$engine/requirements.txt"; then
  echo "formpipe: PP-OCR engine present ($venv)"
  exit 0
fi

echo "formpipe: installing the PP-OCR engine into $venv"
rm -rf "$venv"
"$python" -m venv "$venv"
"$venv/bin/python3" -m pip install --quiet --disable-pip-version-check --no-cache-dir -r "$engine/requirements.txt"
# The worker prints one JSON line when its models are loaded, and exits when stdin closes.
ready=$(OMP_NUM_THREADS=1 "$venv/bin/python3" "$engine/ppocr_worker.py" </dev/null | head -n 1)
case "$ready" in
  *'"ready": true'*) echo "formpipe: PP-OCR engine ready: $ready" ;;
  *) echo "formpipe: the PP-OCR engine does not start: $ready" >&2; exit 1 ;;
esac
cp "$engine/requirements.txt" "$stamp"
