"""Scale with work: time per page of 1-, 10- and 100-page PDFs made of the same two-form pages."""

import json
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from common import CORPUS, FORMPIPE, log, run_timed
from throughput import PDFTOTEXT_LOOP


@dataclass
class ScaleRow:
    pages: int  # pages per PDF
    files: int  # copies converted in one batch
    forms: int  # forms formpipe found in one PDF
    wall: float
    cpu: float
    pdftotext_wall: float
    stage_ms: dict = field(default_factory=dict)  # per page, from the manifests

    @property
    def ms_per_page(self):
        return self.wall * 1000 / (self.pages * self.files)

    @property
    def pdftotext_ms_per_page(self):
        return self.pdftotext_wall * 1000 / (self.pages * self.files)


def build(folder: Path, pages: int) -> Path:
    """dev-02.pdf holds two one-page forms: its first page alone, or the file repeated."""
    source = str(CORPUS / "dev-02.pdf")
    target = folder / f"long-{pages:03d}.pdf"
    selection = [source, "1"] if pages == 1 else [source] * (pages // 2)
    subprocess.run(["qpdf", "--empty", "--pages", *selection, "--", str(target)], check=True)
    return target


def scale(work: Path, sizes, pages_per_batch: int, config: Path) -> list[ScaleRow]:
    rows = []
    for size in sizes:
        folder = work / f"p{size}"
        (folder / "in").mkdir(parents=True)
        original = build(folder, size)
        copies = max(1, pages_per_batch // size)
        files = []
        for number in range(copies):
            copy = folder / "in" / f"c{number:03d}-{original.name}"
            shutil.copyfile(original, copy)
            files.append(str(copy))
        out = folder / "out"
        # --jobs 1: a per-page cost comparable between one 100-page PDF and 100 one-page PDFs.
        timed = run_timed([str(FORMPIPE), "convert", *files, "--out", str(out), "--config", str(config),
                           "--jobs", "1"])
        text = folder / "text"
        text.mkdir()
        reference = run_timed(["bash", "-c", PDFTOTEXT_LOOP, "loop", str(text), *files])
        stages: dict[str, float] = {}
        forms = 0
        for number, path in enumerate(files):
            manifest = json.loads((out / Path(path).name[:-4] / "manifest.json").read_text())
            if number == 0:
                forms = manifest["forms"]
            for stage, ms in manifest["timingsMs"].items():
                stages[stage] = stages.get(stage, 0.0) + ms / (size * copies)
        row = ScaleRow(size, copies, forms, timed.wall, timed.cpu, reference.wall, stages)
        rows.append(row)
        log(f"[scale] {size} pages × {copies}: {row.ms_per_page:.1f} ms/page, {forms} forms per PDF")
    return rows
