#!/usr/bin/env python3
"""Compares two formpipe outboxes byte for byte, file by file.

    bench/compare_outboxes.py BEFORE AFTER [--show N]

Used to check that a restructuring changes no output: every document folder of BEFORE must be in
AFTER with the same files and the same bytes. Exits 1 when anything differs.

Ignored, because they legitimately differ between two runs of the same code:
- in `manifest.json`, the members `timingsMs` (stage durations), `formpipeVersion` (the build)
  and the note `ocr.milliseconds` (the OCR's duration); the rest of the file (source, sha256,
  pages, counts, other notes, outputs) must be byte-identical once those three are blanked;
- in the HTML pages (`review.html`, `index.html`), the outbox's own path, which the pages print in
  the commands they suggest (`formpipe review … --outbox PATH`);
- the outbox's own bookkeeping at its top level: `.formpipe-review-index.json` (it keys summaries
  by inode and modification time), `.formpipe-review.lock`, and hidden files in general;
- everything else is compared byte for byte: records, XML, repair logs, crops, ledgers, pages,
  `tables.json`, debug files, and the top-level `index.html`.
"""

import argparse
import re
import sys
from pathlib import Path

# The two manifest members a rerun changes; matched on their pretty-printed form (one member per
# line for formpipeVersion, an object spanning lines for timingsMs).
TIMINGS = re.compile(rb'"timingsMs": \{[^}]*\}')
VERSION = re.compile(rb'"formpipeVersion": "[^"]*"')
OCR_TIME = re.compile(rb'"ocr.milliseconds": "[^"]*"')


def normalized(path: Path, data: bytes, outbox: Path) -> bytes:
    if path.name == "manifest.json":
        data = TIMINGS.sub(b'"timingsMs": {}', data)
        data = VERSION.sub(b'"formpipeVersion": ""', data)
        data = OCR_TIME.sub(b'"ocr.milliseconds": ""', data)
    if path.suffix == ".html":
        # The pages print the commands to run, with the outbox's path in them.
        data = data.replace(str(outbox.resolve()).encode(), b"OUTBOX").replace(str(outbox).encode(), b"OUTBOX")
    return data


def files_of(root: Path) -> dict:
    found = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if path.is_dir():
            continue
        if rel.parts[0].startswith("."):
            continue  # the outbox's bookkeeping
        found[str(rel)] = path
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--show", type=int, default=10, help="differing files to print (default 10)")
    args = parser.parse_args()
    before, after = files_of(args.before), files_of(args.after)
    missing = sorted(set(before) - set(after))
    extra = sorted(set(after) - set(before))
    differing = []
    for rel in sorted(set(before) & set(after)):
        a = normalized(before[rel], before[rel].read_bytes(), args.before)
        b = normalized(after[rel], after[rel].read_bytes(), args.after)
        if a != b:
            differing.append(rel)
    folders = {rel.split("/")[0] for rel in before if "/" in rel}
    print(f"{len(before)} files in {len(folders)} folders compared: "
          f"{len(differing)} differ, {len(missing)} missing, {len(extra)} extra")
    for label, rels in (("differs", differing), ("missing", missing), ("extra", extra)):
        for rel in rels[: args.show]:
            print(f"  {label}: {rel}")
        if len(rels) > args.show:
            print(f"  … {len(rels) - args.show} more {label}")
    return 0 if not (differing or missing or extra) else 1


if __name__ == "__main__":
    sys.exit(main())
