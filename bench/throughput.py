"""Throughput and accuracy on one PDF set: formpipe, pdftotext -layout, pdfplumber, PyMuPDF."""

import json
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import accuracy
from common import CORPUS, FORMPIPE, POPPLER_FLOOR, VENV_PYTHON, corpus_files, log, median, run_timed

# How pdftotext is run "as users run it": one process per file, from a shell loop.
PDFTOTEXT_LOOP = 'out=$1; shift; for f in "$@"; do b=${f##*/}; pdftotext -layout "$f" "$out/${b%.pdf}.txt"; done'


@dataclass
class ToolResult:
    tool: str
    files: int
    pages: int
    wall: float
    cpu: float
    found: int = 0  # gold cell values intact
    values: int = 0  # gold cell values in the files measured
    matched_fields: int | None = None  # formpipe's record field accuracy
    fields: int | None = None
    failed: int = 0
    note: str = ""
    stage_ms: dict = field(default_factory=dict)

    @property
    def files_per_second(self):
        return self.files / self.wall if self.wall else 0

    @property
    def pages_per_second(self):
        return self.pages / self.wall if self.wall else 0

    def ratio_to(self, reference: "ToolResult"):
        """This tool's time per file divided by the reference's (1.0 = as fast)."""
        if not self.files or not reference.files:
            return float("inf")
        return (self.wall / self.files) / (reference.wall / reference.files)


@dataclass
class SetResult:
    name: str
    suffix: str
    copies: int
    files: int
    pages: int
    tools: list


def prepare(folder: Path, suffix: str, copies: int):
    """Copies the corpus `copies` times under distinct names: [(path, stem, pages)]."""
    folder.mkdir(parents=True)
    files = []
    for cycle in range(copies):
        for stem, pages in corpus_files():
            target = folder / f"r{cycle:02d}-{stem}{suffix}"
            shutil.copyfile(CORPUS / f"{stem}{suffix}", target)
            files.append((target, stem, pages))
    return files


def run_set(name, suffix, copies, work: Path, settings: dict, config: Path) -> SetResult:
    repeats, python_budget = settings["repeats"], settings["python_budget"]
    files = prepare(work / "in", suffix, copies)
    paths = [str(path) for path, _, _ in files]
    total_pages = sum(pages for _, _, pages in files)
    stems = corpus_files()
    gold = {stem: accuracy.gold_records(CORPUS, stem) for stem, _ in stems}
    base = suffix[: -len(".pdf")]  # "" or ".ocr"
    log(f"[{name}] {len(files)} files, {total_pages} pages")

    results = []

    # formpipe: one `convert` for the whole batch, every output written, as a user runs it (its
    # default --jobs: one worker process per core), and again with --jobs 1 (one process, one
    # core) on born-digital files. OCR'd pages cost seconds each, so the batch is stopped after
    # its time budget like the Python tools; what it finished is found from the output folders
    # and the error lines.
    variants = [("formpipe convert", [], settings["formpipe_repeats"] if base == "" else 1)]
    if base == "":
        variants.append(("formpipe convert --jobs 1", ["--jobs", "1"], 1))
    for label, extra, repeats_here in variants:
        out = work / "formpipe"
        errors = work / "formpipe-errors.txt"
        runs = []
        for _ in range(repeats_here):
            shutil.rmtree(out, ignore_errors=True)
            with open(errors, "w") as stderr:
                runs.append(run_timed([str(FORMPIPE), "convert", *paths, "--out", str(out), "--config", str(config),
                                       *extra], stderr=stderr, limit=settings["formpipe_budget"]))
        chosen = sorted(runs, key=lambda r: r.wall)[len(runs) // 2]
        done = _finished(files, out, errors.read_text(errors="replace"))
        formpipe = ToolResult(label, len(done), sum(pages for _, _, pages in done), chosen.wall, chosen.cpu)
        notes = []
        if not extra:
            notes.append(f"{os.cpu_count()} worker processes (the default --jobs: one per core)")
        if repeats_here > 1:
            notes.append(f"median of {repeats_here} runs")
        if chosen.stopped:
            notes.append(f"stopped after {len(done)} of {len(files)} files (time budget {settings['formpipe_budget']:.0f} s)")
        formpipe.note = "; ".join(notes)
        formpipe.failed = sum(1 for path, _, _ in done if not (out / path.name[:-4] / "manifest.json").exists())
        formpipe.stage_ms = _stage_totals(out, done)
        finished_stems = {stem for path, stem, _ in done if path.name.startswith("r00-")}
        for stem, _ in stems:
            if stem not in finished_stems:
                continue
            folder = out / f"r00-{stem}{base}"
            records = [_load_json(folder / f"form-{n:02d}.json") for n in range(1, len(gold[stem]) + 1)]
            values = accuracy.gold_values(gold[stem])
            formpipe.values += len(values)
            formpipe.found += accuracy.match_pieces(values, accuracy.record_leaves(records))
            for produced, expected in zip(records, gold[stem]):
                matched, fields = accuracy.field_accuracy(produced, expected)
                formpipe.matched_fields = (formpipe.matched_fields or 0) + matched
                formpipe.fields = (formpipe.fields or 0) + fields
        results.append(formpipe)
        log(f"[{name}] {label}: {formpipe.wall:.2f} s")

    # The part of formpipe's work that is Poppler's (born-digital only): open each PDF, render
    # every page at formpipe's 72 dpi and take its text, in one process of a small C program.
    if base == "" and POPPLER_FLOOR.exists():
        runs = [run_timed([str(POPPLER_FLOOR), *paths]) for _ in range(repeats)]
        chosen = sorted(runs, key=lambda r: r.wall)[len(runs) // 2]
        floor = ToolResult("Poppler render 72 dpi + text only (formpipe's floor)", len(files), total_pages,
                           chosen.wall, chosen.cpu)
        floor.note = ("bench/poppler_floor.c: poppler_page_render + poppler_page_get_text per page, one process, "
                      "nothing written; no tables, so no accuracy")
        results.append(floor)

    # pdftotext -layout: one process per file (median of `repeats` runs) ...
    out = work / "pdftotext"
    out.mkdir()
    runs = [run_timed(["bash", "-c", PDFTOTEXT_LOOP, "loop", str(out), *paths]) for _ in range(repeats)]
    chosen = sorted(runs, key=lambda r: r.wall)[len(runs) // 2]
    pdftotext = ToolResult("pdftotext -layout", len(files), total_pages, chosen.wall, chosen.cpu)
    for stem, _ in stems:
        values = accuracy.gold_values(gold[stem])
        text = (out / f"r00-{stem}{base}.txt").read_text("utf-8", errors="replace")
        pdftotext.values += len(values)
        pdftotext.found += accuracy.match_layout_text(values, text)
    results.append(pdftotext)
    log(f"[{name}] pdftotext: {pdftotext.wall:.2f} s")

    # ... and its single-process floor: the same pages joined into one PDF, one process.
    joined = work / "joined.pdf"
    subprocess.run(["pdfunite", *paths, str(joined)], check=True, stderr=subprocess.DEVNULL)
    runs = [run_timed(["pdftotext", "-layout", str(joined), str(work / "joined.txt")]) for _ in range(repeats)]
    chosen = sorted(runs, key=lambda r: r.wall)[len(runs) // 2]
    floor = ToolResult("pdftotext -layout, one process", len(files), total_pages, chosen.wall, chosen.cpu)
    floor.note = "all files joined by pdfunite into one PDF; accuracy as above"
    floor.found, floor.values = pdftotext.found, pdftotext.values
    results.append(floor)

    # Python libraries: one process each over the list, within a time budget.
    listing = work / "files.txt"
    listing.write_text("\n".join(paths) + "\n")
    for tool, label in [
        ("pdfplumber", "pdfplumber extract_tables"),
        ("pymupdf-lines", "PyMuPDF find_tables(use_layout=False)"),
        ("pymupdf", "PyMuPDF find_tables (default)"),
    ]:
        out = work / tool
        command = [str(VENV_PYTHON), str(Path(__file__).parent / "tables_runner.py"), tool, str(listing), str(out),
                   "--budget", str(python_budget), "--cycle", str(len(stems) if settings["whole_passes"] else 1)]
        timed = run_timed(command, stderr=None)
        summary = json.loads((out / "_summary.json").read_text())
        result = ToolResult(label, summary["files"], summary["pages"], timed.wall, timed.cpu)
        if summary["files"] < len(files):
            result.note = f"stopped after {summary['files']} of {len(files)} files (time budget {python_budget:.0f} s)"
        for stem, _ in stems:
            tables = _load_json(out / f"r00-{stem}{base}.json")
            if tables is None:
                continue  # not reached within the time budget
            values = accuracy.gold_values(gold[stem])
            cells = [cell for table in tables for row in table for cell in row if cell is not None]
            result.values += len(values)
            result.found += accuracy.match_pieces(values, cells)
        results.append(result)
        log(f"[{name}] {label}: {result.files} files in {result.wall:.2f} s")

    return SetResult(name, suffix, copies, len(files), total_pages, results)


def _load_json(path: Path):
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None


def _finished(files, out: Path, errors: str):
    """The files a (possibly stopped) batch got through: those with an output folder or an
    error line (workers finish files out of order)."""
    return [entry for entry in files
            if (out / entry[0].name[:-4] / "manifest.json").exists() or f"{entry[0].name}:" in errors]


def _stage_totals(out: Path, files) -> dict:
    """Sum of each stage's milliseconds over the batch, from the manifests."""
    totals: dict[str, float] = {}
    for path, _, _ in files:
        manifest = _load_json(out / path.name[:-4] / "manifest.json")
        for stage, ms in ((manifest or {}).get("timingsMs") or {}).items():
            totals[stage] = totals.get(stage, 0.0) + ms
    return totals
