#!/usr/bin/env bash
# Installs the Debian packages formpipe builds and runs with, if any is missing.
# Safe to run again: it only calls apt-get when something is not installed.
set -euo pipefail

packages=(
  pkg-config
  libpoppler-glib-dev   # PDF text and rendering (poppler-glib C API)
  libcairo2-dev         # page images for ruling-line detection
  poppler-data          # CJK CMaps for PDFs without embedded encodings
  libxml2-dev           # OCR HTML, XML output, XSD validation
  libssl-dev            # SHA-256 of inputs (libcrypto)
  libtesseract-dev      # OCR of image-only scans (C API)
  tesseract-ocr-chi-sim # Simplified Chinese model
  tesseract-ocr-eng     # English model
  tesseract-ocr-osd     # orientation detection: scans fed upside down or sideways
  libleptonica-dev      # scan clean-up: background normalization, skew, morphological ruling extraction
  fonts-noto-cjk        # renders CJK PDFs that do not embed their fonts
  chromium              # headless browser the review-page tests open review.html in
  systemd               # systemd-analyze: the tests verify packaging/systemd/formpipe.service
  libxlsxwriter-dev     # formpipe export --xlsx (spreadsheet sink)
  postgresql            # the PostgreSQL sink's tests run a throw-away server (scripts/test-postgres.sh)
  python3-openpyxl      # the export tests open the workbook with a real reader
  chromium-driver       # WebDriver for it: the browser review tests (formpipe review --serve) type into the page
  python3-selenium      # drives chromium-driver from Tests/browser/review_serve.py (run with /usr/bin/python3)
  python3-venv          # the PP-OCR engine's virtual environment (scripts/install-ocr-engine.sh)
)
packages+=("$@")

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "formpipe: all system packages present"
  exit 0
fi

echo "formpipe: installing ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
