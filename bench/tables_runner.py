"""One Python process that extracts the tables of many PDFs, as a user's script would.

    python tables_runner.py TOOL LIST OUT [--budget SECONDS] [--cycle N]

TOOL is `pdfplumber` (page.extract_tables()), `pymupdf` (page.find_tables(), the library's
default, which in PyMuPDF 2 runs its layout model first) or `pymupdf-lines`
(page.find_tables(use_layout=False), the line-based finder alone). LIST holds one PDF path a
line. For each PDF it writes OUT/NAME.json: a list of tables, each a list of rows of cells.

With --budget the run stops at the first whole multiple of --cycle files after SECONDS of
work, so a slow tool still covers every corpus file at least once with the same mix. At the
end it writes OUT/_summary.json: files and pages done, seconds inside the process.
"""

import argparse
import json
import time
from pathlib import Path


def pdfplumber_tables(path):
    import pdfplumber

    pages = 0
    tables = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            pages += 1
            tables.extend(page.extract_tables())
            page.close()
    return pages, tables


def pymupdf_tables(path, use_layout):
    import pymupdf

    pages = 0
    tables = []
    with pymupdf.open(path) as document:
        for page in document:
            pages += 1
            found = page.find_tables() if use_layout else page.find_tables(use_layout=False)
            tables.extend(table.extract() for table in found.tables)
    return pages, tables


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("tool", choices=["pdfplumber", "pymupdf", "pymupdf-lines"])
    parser.add_argument("list")
    parser.add_argument("out")
    parser.add_argument("--budget", type=float, default=0)
    parser.add_argument("--cycle", type=int, default=1)
    args = parser.parse_args()

    if args.tool == "pdfplumber":
        extract = pdfplumber_tables
    else:
        use_layout = args.tool == "pymupdf"
        extract = lambda path: pymupdf_tables(path, use_layout)  # noqa: E731

    files = [line for line in Path(args.list).read_text().splitlines() if line]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    done = pages = 0
    for path in files:
        count, tables = extract(path)
        pages += count
        done += 1
        name = Path(path).name.rsplit(".pdf", 1)[0]
        (out / f"{name}.json").write_text(json.dumps(tables, ensure_ascii=False), "utf-8")
        if args.budget and time.monotonic() - started > args.budget and done % args.cycle == 0:
            break
    summary = {"files": done, "pages": pages, "seconds": time.monotonic() - started, "of": len(files)}
    (out / "_summary.json").write_text(json.dumps(summary))


if __name__ == "__main__":
    main()
