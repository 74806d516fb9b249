#!/usr/bin/env python3
"""Seconds per page of formpipe on image-only scans, side by side with bare `tesseract` on the
same page images at the same dpi (the JPEGs embedded in the PDFs, read as they are).

usage: bench/scan_speed.py FORMPIPE [--engines tesseract,ppocr] LABEL=FILE.scan.pdf[,FILE...] ...
  e.g. bench/scan_speed.py .build/release/formpipe \
         light=Tests/FormPipeTests/Fixtures/variants/var-04.scan.pdf,Tests/FormPipeTests/Fixtures/variants/var-11.scan.pdf \
         heavy=Tests/FormPipeTests/Fixtures/variants/var-06.scan.pdf,Tests/FormPipeTests/Fixtures/variants/var-09.scan.pdf

Both run on one thread (OMP_THREAD_LIMIT=1, formpipe --jobs 1), one after the other, so run it
niced on a quiet machine. formpipe's time is its whole `convert` (start-up, render, clean-up,
grid, OCR, records, review page); tesseract's is `tesseract IMAGE - -l chi_sim+eng --psm 3`
per page image, which does no rendering, no grid and writes nothing but text. `--engines`
times formpipe once per `ocrEngine` (a pipeline.json naming it), in one run, side by side.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def page_images(pdf: Path, folder: Path) -> list:
    """The page images of a scan PDF: its DCTDecode (JPEG) streams, in file order."""
    data = pdf.read_bytes()
    images = []
    for match in re.finditer(rb"stream\r?\n", data):
        start = match.end()
        if data[start:start + 2] != b"\xff\xd8":
            continue
        end = data.find(b"endstream", start)
        path = folder / f"{pdf.stem}-{len(images) + 1}.jpg"
        path.write_bytes(data[start:end].rstrip(b"\r\n"))
        images.append(path)
    return images


def timed(command: list, env: dict) -> float:
    start = time.monotonic()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.monotonic() - start


def main(argv):
    formpipe, groups = argv[0], argv[1:]
    engines = [None]
    if groups[:1] == ["--engines"]:
        engines, groups = groups[1].split(","), groups[2:]
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    names = ["formpipe" if e is None else f"formpipe {e}" for e in engines]
    print(f"{'pages':<8}{'n':>4}" + "".join(f"{n + ' s/page':>24}" for n in names) + f"{'tesseract s/page':>19}")
    for group in groups:
        label, files = group.split("=", 1)
        files = [Path(f) for f in files.split(",")]
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            images = [image for pdf in files for image in page_images(pdf, tmp)]
            tess = sum(timed(["tesseract", str(i), "-", "-l", "chi_sim+eng", "--psm", "3"], env) for i in images)
            ours = []
            for engine in engines:
                out = tmp / f"out-{engine}"
                config = []
                if engine is not None:
                    (tmp / f"{engine}.json").write_text(json.dumps({"ocrEngine": engine}))
                    config = ["--config", str(tmp / f"{engine}.json")]
                ours.append(timed([formpipe, "convert", *map(str, files), "--out", str(out), "--jobs", "1", *config], env))
        n = len(images)
        print(f"{label:<8}{n:>4}" + "".join(f"{t / n:>24.2f}" for t in ours) + f"{tess / n:>19.2f}")


if __name__ == "__main__":
    main(sys.argv[1:])
