#!/usr/bin/env python3
"""Recognition engines measured on the same cell images: Tesseract (as the pipeline reads a
cell) against PP-OCR (ocr-engine/ppocr_worker.py), scored against the born-digital twin.

For each image-only scan `X.scan.pdf` given:
  1. `formpipe convert X.scan.pdf` with FORMPIPE_CELL_IMAGES set dumps every cleaned cell image
     the page reader hands Tesseract, with the text the pipeline made of it (column-aware
     corrections included) and the time it took;
  2. `formpipe convert X.pdf --debug` (the born-digital twin, same layout) gives each cell's
     true text; a scan cell's truth is the twin's cell under its centre, after the page's
     offset between the two grids (median over the cells) is taken out;
  3. the same with pipeline.json {"ocrEngine": "ppocr"}: the same cell images (grid and clean-up
     do not depend on the engine) read by the PP-OCR worker through the same column-aware
     logic (number alternatives, the number-charset re-read, the comparison-sign test).
Times are per cell inside the pipeline (the recognizer calls and the corrections; the PP-OCR
figure includes the pipe to its worker process).
A reading is right when it equals the truth with all whitespace removed ("exact"); "nfkc" also
forgives full-width against half-width punctuation. Cells whose truth is empty are left out.

Usage (from the repository, with the engine installed by scripts/install-ocr-engine.sh):
  python3 bench/ocr_engines.py --formpipe .build/release/formpipe \
      --work /tmp/engines Tests/FormPipeTests/Fixtures/corpus/dev-*.scan.pdf \
      Tests/FormPipeTests/Fixtures/variants/var-*.scan.pdf
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NUMERIC = set("0123456789.%万元—")
ENGINES = ("tesseract", "ppocr")
CELL = re.compile(r'^r(\d+) c(\d+)(?: span \S+)? \[([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+)\] "(.*)"$')
# Scan levels of the fixtures: the variants' manifest says; the DEV corpus README marks dev-03
# and dev-08 as light scans, the others are normal.
DEV_LEVELS = {"dev-03": "light", "dev-08": "light"}


def level_of(scan):
    stem = scan.name[: -len(".scan.pdf")]
    manifest = scan.parent / "manifest.json"
    if manifest.exists():
        files = json.loads(manifest.read_text()).get("files", [])
        for entry in files if isinstance(files, list) else []:
            if entry.get("stem") == stem and entry.get("scan_level"):
                return entry["scan_level"]
    return DEV_LEVELS.get(stem, "normal")


def dump(formpipe, scan, work, engine):
    """The cells of `scan` as the pipeline reads them with `engine`, and the twin's truth."""
    stem = scan.name[: -len(".scan.pdf")]
    cells = work / engine / "cells" / stem
    config = work / engine / "pipeline.json"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(json.dumps({"ocrEngine": engine}))
    environment = dict(os.environ, OMP_THREAD_LIMIT="1", FORMPIPE_CELL_IMAGES=str(cells))
    if not (cells / "cells.jsonl").exists():
        subprocess.run([formpipe, "convert", str(scan), "--config", str(config), "--out", str(work / engine / "out"),
                        "--jobs", "1"], env=environment, check=False, capture_output=True)
    truth = work / "truth"
    if not (truth / stem / "debug").exists():
        twin = scan.with_name(stem + ".pdf")
        subprocess.run([formpipe, "convert", str(twin), "--out", str(truth), "--debug", "--jobs", "1"],
                       check=False, capture_output=True)
    return cells, truth / stem / "debug"


def truth_cells(debug):
    pages = {}
    for page_file in sorted(debug.glob("page-*.txt")):
        page = int(page_file.stem.split("-")[1])
        cells = []
        for line in page_file.read_text().splitlines():
            match = CELL.match(line)
            if match:
                x0, y0, x1, y1 = map(float, match.group(3, 4, 5, 6))
                cells.append(((x0, y0, x1, y1), match.group(7).replace("\\n", "\n")))
        pages[page] = cells
    return pages


def page_offset(scan_boxes, truth):
    """Median (dx, dy) from each scan cell's top-left to the nearest twin cell's."""
    dxs, dys = [], []
    for x0, y0, _, _ in scan_boxes:
        nearest = min(truth, key=lambda c: (c[0][0] - x0) ** 2 + (c[0][1] - y0) ** 2, default=None)
        if nearest:
            dxs.append(nearest[0][0] - x0)
            dys.append(nearest[0][1] - y0)
    return (statistics.median(dxs), statistics.median(dys)) if dxs else (0.0, 0.0)


def truth_of(box, truth, offset):
    cx = (box[0] + box[2]) / 2 + offset[0]
    cy = (box[1] + box[3]) / 2 + offset[1]
    inside = [c for c in truth if c[0][0] <= cx <= c[0][2] and c[0][1] <= cy <= c[0][3]]
    if not inside:
        return None
    return min(inside, key=lambda c: (c[0][2] - c[0][0]) * (c[0][3] - c[0][1]))[1]


def squeezed(text):
    return "".join(text.split())


def kind_of_truth(text):
    text = squeezed(text)
    if text and all(c in NUMERIC or c in ",≥≤-" for c in text):
        return "number"
    if any("\u4e00" <= c <= "\u9fff" for c in text):
        return "cjk"
    return "other"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--formpipe", default=str(ROOT / ".build/release/formpipe"))
    parser.add_argument("--work", default="/tmp/formpipe-ocr-engines")
    parser.add_argument("--json", help="write the per-cell results here")
    parser.add_argument("scans", nargs="+", type=Path)
    args = parser.parse_args()
    work = Path(args.work)
    rows = []
    for scan in args.scans:
        readings = {}
        for engine in ENGINES:
            cells_dir, debug = dump(args.formpipe, scan, work, engine)
            index = cells_dir / "cells.jsonl"
            if index.exists():
                readings[engine] = {c["image"]: c for c in map(json.loads, index.read_text().splitlines())}
        if len(readings) < len(ENGINES):
            print(f"{scan.name}: no cells dumped for {set(ENGINES) - set(readings)}", file=sys.stderr)
            continue
        truth = truth_cells(debug)
        # The same cell images either way: the grid and the clean-up do not depend on the engine.
        cells = [c for name, c in readings["tesseract"].items() if name in readings["ppocr"]]
        offsets = {}
        for page in {c["page"] for c in cells}:
            offsets[page] = page_offset([c["box"] for c in cells if c["page"] == page], truth.get(page, []))
        level = level_of(scan)
        for cell in cells:
            expected = truth_of(cell["box"], truth.get(cell["page"], []), offsets[cell["page"]])
            if expected is None or not squeezed(expected):
                continue
            other = readings["ppocr"][cell["image"]]
            rows.append({
                "file": scan.name, "level": level, "kind": kind_of_truth(expected), "truth": expected,
                "tesseract": cell["text"], "ppocr": other["text"], "tesseract_ms": cell["ms"], "ppocr_ms": other["ms"],
            })
        print(f"{scan.name}: {sum(r['file'] == scan.name for r in rows)} cells", file=sys.stderr)
    if args.json:
        Path(args.json).write_text(json.dumps(rows, ensure_ascii=False, indent=1))
    report(rows)


def right(row, engine, loose=False):
    got, expected = squeezed(row[engine]), squeezed(row["truth"])
    if loose:
        got, expected = unicodedata.normalize("NFKC", got), unicodedata.normalize("NFKC", expected)
    return got == expected


def report(rows):
    print("| scans | cells | kind | Tesseract exact | PP-OCR exact | Tesseract nfkc | PP-OCR nfkc | Tesseract ms/cell | PP-OCR ms/cell |")
    print("|---|---|---|---|---|---|---|---|---|")
    groups = [(lvl, kind) for lvl in ("light", "normal", "heavy", "all") for kind in ("number", "cjk", "all")]
    for level, kind in groups:
        chosen = [r for r in rows if (level == "all" or r["level"] == level) and (kind == "all" or r["kind"] == kind)]
        if not chosen:
            continue
        n = len(chosen)

        def rate(engine, loose=False):
            return f"{100 * sum(right(r, engine, loose) for r in chosen) / n:.1f} %"

        print(f"| {level} | {n} | {kind} | {rate('tesseract')} | {rate('ppocr')} | {rate('tesseract', True)} | "
              f"{rate('ppocr', True)} | {statistics.mean(r['tesseract_ms'] for r in chosen):.0f} | "
              f"{statistics.mean(r['ppocr_ms'] for r in chosen):.0f} |")


if __name__ == "__main__":
    main()
