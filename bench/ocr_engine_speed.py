#!/usr/bin/env python3
"""Seconds per image-only page: formpipe with each OCR engine against bare `tesseract` on the
same page images at the same dpi, side by side, grouped by scan level (light / normal / heavy).

- bare tesseract: each page's embedded JPEG (the scan itself, cut out of the PDF unchanged) read
  by `tesseract PAGE.jpg - -l chi_sim+eng --psm 3`, OMP_THREAD_LIMIT=1, one process per page;
- formpipe: `formpipe convert FILES... --jobs 1` (one process, so the engine loads once, as in a
  daemon's worker) with pipeline.json {"ocrEngine": ENGINE}, wall clock over the level's pages,
  start-up included; everything formpipe does (grid, cells, records, review page) is counted.
One process at a time on the 2-core machine; run it with nothing else busy.

Usage: python3 bench/ocr_engine_speed.py [--formpipe .build/release/formpipe] SCAN.pdf...
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from ocr_engines import level_of  # noqa: E402

JPEG = re.compile(rb"/DCTDecode.*?stream\r?\n", re.S)


def page_images(pdf, folder):
    """The scan's page JPEGs, in file order (one image per page in these scans)."""
    data = pdf.read_bytes()
    images = []
    for number, match in enumerate(JPEG.finditer(data), 1):
        end = data.index(b"endstream", match.end())
        path = folder / f"{pdf.stem}-{number:02d}.jpg"
        path.write_bytes(data[match.end():end].rstrip(b"\r\n"))
        images.append(path)
    return images


def timed(command, check=True, **kwargs):
    start = time.perf_counter()
    # formpipe exits 1 when a file fails ("no form found" on a heavy scan): its time still counts.
    subprocess.run(command, check=check, capture_output=True, **kwargs)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--formpipe", default=str(ROOT / ".build/release/formpipe"))
    parser.add_argument("--engines", default="tesseract,ppocr")
    parser.add_argument("scans", nargs="+", type=Path)
    args = parser.parse_args()
    environment = dict(os.environ, OMP_THREAD_LIMIT="1")
    levels = {}
    for scan in args.scans:
        levels.setdefault(level_of(scan), []).append(scan)
    rows = []
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        for level in ("light", "normal", "heavy"):
            scans = levels.get(level)
            if not scans:
                continue
            images = [image for scan in scans for image in page_images(scan, work)]
            bare = sum(timed(["tesseract", str(image), "-", "-l", "chi_sim+eng", "--psm", "3"], env=environment)
                       for image in images)
            row = {"level": level, "files": len(scans), "pages": len(images), "tesseract-cli": bare / len(images)}
            for engine in args.engines.split(","):
                config = work / f"{engine}.json"
                config.write_text(json.dumps({"ocrEngine": engine}))
                seconds = timed([args.formpipe, "convert", *map(str, scans), "--jobs", "1", "--config", str(config),
                                 "--out", str(work / f"out-{engine}-{level}")], check=False, env=environment)
                row[f"formpipe {engine}"] = seconds / len(images)
            rows.append(row)
            print(json.dumps(row), file=sys.stderr)
    columns = ["tesseract-cli"] + [f"formpipe {e}" for e in args.engines.split(",")]
    print("| scans | files | pages | " + " | ".join(f"{c} s/page" for c in columns) + " |")
    print("|---|---|---|" + "---|" * len(columns))
    for row in rows:
        print(f"| {row['level']} | {row['files']} | {row['pages']} | "
              + " | ".join(f"{row[c]:.2f}" for c in columns) + " |")


if __name__ == "__main__":
    main()
