"""formpipe's benchmark: run by bench/run.sh after it has installed the tools and built formpipe.

    bench/.venv/bin/python bench/bench.py [--quick] [--only SECTIONS] [--doc PATH] [--keep]

Sections: throughput (born-digital and text-layer PDFs beside pdftotext, pdfplumber, PyMuPDF,
with accuracy), latency (daemon, one drop at a time), backlog (thousands of files waiting at
start), scale (1-, 10- and 100-page PDFs). Prints the results and writes them to --doc
(docs/benchmarks.md for a full run; a --quick or --only run writes no doc unless --doc is given).
"""

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from dataclasses import asdict
from datetime import datetime, timezone
from pathlib import Path

import backlog
import daemon_bench
import report
import scale
import throughput
from common import REPO, log, machine, versions

FULL = {
    "quick": False, "copies": 25, "repeats": 3, "formpipe_repeats": 3, "formpipe_budget": 150.0, "python_budget": 40.0, "whole_passes": True,
    "drops": 100, "settle": 0.2,
    "backlog_files": 5000, "backlog_interval": 10.0, "backlog_timeout": 300.0,
    "scale_sizes": [1, 10, 100], "scale_pages": 100,
}
QUICK = {
    "quick": True, "copies": 2, "repeats": 1, "formpipe_repeats": 1, "formpipe_budget": 15.0, "python_budget": 2.0, "whole_passes": False,
    "drops": 10, "settle": 0.2,
    "backlog_files": 200, "backlog_interval": 2.0, "backlog_timeout": 60.0,
    "scale_sizes": [1, 10, 100], "scale_pages": 10,
}
# The backlog mix: small OCR renditions with some PDFs, so that 5,000 files fit in the run.
BACKLOG_SHARES = {".txt": 0.45, ".html": 0.45, ".pdf": 0.10}
SECTIONS = ["throughput", "latency", "backlog", "scale"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a smoke run (< 2 minutes)")
    parser.add_argument("--only", default=",".join(SECTIONS), help="comma-separated sections to run")
    parser.add_argument("--doc", help="where to write the results (default docs/benchmarks.md; none for --quick or --only)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--rerender", action="store_true",
                        help="write --doc (default docs/benchmarks.md) again from bench/results/last.json, measuring nothing")
    args = parser.parse_args()
    if args.rerender:
        return rerender(Path(args.doc) if args.doc else REPO / "docs" / "benchmarks.md")
    settings = dict(QUICK if args.quick else FULL)
    sections = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections {sorted(unknown)}; choose from {SECTIONS}")
    partial = args.quick or set(sections) != set(SECTIONS)
    doc = Path(args.doc) if args.doc else (None if partial else REPO / "docs" / "benchmarks.md")

    started = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    host = machine()
    tool_versions = versions()
    workers = os.cpu_count() or 1
    work = Path(tempfile.mkdtemp(prefix="formpipe-bench-"))
    log(f"working in {work}")
    config = work / "convert-pipeline.json"
    config.write_text(json.dumps({"outputFormats": ["json", "xml"]}))
    clock = time.monotonic()
    results = {}
    try:
        if "throughput" in sections:
            results["sets"] = [
                throughput.run_set("Born-digital PDFs", ".pdf", settings["copies"], work / "born-digital", settings, config),
                throughput.run_set("Text-layer PDFs (scans with an OCR text layer)", ".ocr.pdf", settings["copies"],
                                   work / "text-layer", settings, config),
            ]
        if "latency" in sections:
            log(f"[latency] {settings['drops']} drops")
            results["latency"] = daemon_bench.latency(work / "latency", settings["drops"], settings["settle"], workers)
        if "backlog" in sections:
            results["backlog"] = backlog.backlog(
                work / "backlog", settings["backlog_files"], BACKLOG_SHARES, settings["settle"],
                settings["backlog_interval"], settings["backlog_timeout"], recycle_after=1_000_000)
        if "scale" in sections:
            results["scale"] = scale.scale(work / "scale", settings["scale_sizes"], settings["scale_pages"], config)
    finally:
        if args.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    elapsed = time.monotonic() - clock
    load = os.getloadavg()
    host["load_end"] = f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"

    print("\n".join(report.results_markdown(results)))
    print(f"\n(benchmark time {elapsed / 60:.1f} min; machine: {host['cores']} cores, {host['memory']}, {host['cpu']}; "
          f"load {host['load']} → {host['load_end']})")
    results_folder = REPO / "bench" / "results"
    results_folder.mkdir(exist_ok=True)
    raw = {key: ([asdict(v) for v in value] if isinstance(value, list) else asdict(value))
           for key, value in results.items()}
    (results_folder / "last.json").write_text(json.dumps(
        {"started": started, "machine": host, "versions": tool_versions, "settings": settings, "results": raw},
        indent=2, ensure_ascii=False))
    if doc:
        doc.parent.mkdir(parents=True, exist_ok=True)
        doc.write_text(report.document(results, host, tool_versions, settings, started), "utf-8")
        print(f"wrote {doc}")


def rerender(doc: Path):
    """The document of the last run, from its raw results: for a change to the report's wording."""
    raw = json.loads((REPO / "bench" / "results" / "last.json").read_text())
    found = raw["results"]
    results = {}
    if "sets" in found:
        results["sets"] = [throughput.SetResult(**{**entry, "tools": [throughput.ToolResult(**tool) for tool in entry["tools"]]})
                           for entry in found["sets"]]
    if "latency" in found:
        results["latency"] = daemon_bench.Latency(**found["latency"])
    if "backlog" in found:
        entry = found["backlog"]
        results["backlog"] = backlog.Backlog(**{**entry, "intervals": [backlog.Interval(**i) for i in entry["intervals"]]})
    if "scale" in found:
        results["scale"] = [scale.ScaleRow(**row) for row in found["scale"]]
    doc.write_text(report.document(results, raw["machine"], raw["versions"], raw["settings"], raw["started"]), "utf-8")
    print(f"wrote {doc} from the run of {raw['started']}")


if __name__ == "__main__":
    sys.exit(main())
