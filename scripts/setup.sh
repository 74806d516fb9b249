#!/usr/bin/env bash
# One command from a fresh machine to a running daemon: installs the system packages that
# are missing, builds formpipe in release mode, and starts it on ./pipeline.json
# (inbox/ → outbox/). Stop it with Ctrl-C; it finishes the files in flight first.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
# The PP-OCR engine, when pipeline.json chooses it ("ocrEngine": "ppocr").
if grep -Eq '"ocrEngine"[[:space:]]*:[[:space:]]*"ppocr"' pipeline.json; then scripts/install-ocr-engine.sh; fi
swift build -c release
echo "formpipe: built .build/release/formpipe; starting the daemon on pipeline.json (Ctrl-C stops it)"
exec .build/release/formpipe run --config pipeline.json
