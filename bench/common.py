"""Shared helpers: timing a child process, the corpus, the machine and tool versions."""

import json
import math
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "Tests" / "FormPipeTests" / "Fixtures" / "corpus"
FORMPIPE = REPO / ".build" / "release" / "formpipe"
VENV_PYTHON = REPO / "bench" / ".venv" / "bin" / "python"
POPPLER_FLOOR = REPO / "bench" / "results" / "poppler_floor"


@dataclass
class Timed:
    wall: float  # seconds
    cpu: float  # user + system seconds of the process and the children it waited for
    status: int
    stopped: bool = False


def run_timed(command, cwd=None, env=None, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
              limit: float | None = None) -> Timed:
    """Runs `command` to completion, or kills it after `limit` seconds; wall time from spawn to
    exit, CPU from wait4's rusage. `stopped` tells whether the limit ended it."""
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=stdout, stderr=stderr)
    stopped = False
    if limit is not None:
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - started > limit:
                process.kill()
                stopped = True
                _, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.05)
    else:
        _, status, usage = os.wait4(process.pid, 0)
    wall = time.monotonic() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return Timed(wall, usage.ru_utime + usage.ru_stime, process.returncode, stopped)


def median(values):
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def percentile(values, fraction):
    """Nearest-rank percentile (p95 of 100 samples is the 95th smallest)."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(fraction * len(ordered))))
    return ordered[rank - 1]


def corpus_files():
    """[(stem, pages)] of the DEV corpus, from its manifest."""
    manifest = json.loads((CORPUS / "manifest.json").read_text("utf-8"))
    return [(entry["stem"], entry["pages"]) for entry in manifest["files"]]


def log(message):
    print(message, file=sys.stderr, flush=True)


def _first_line(command, stream="stdout"):
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return "not found"
    text = (result.stdout if stream == "stdout" else result.stderr) or result.stdout or result.stderr
    return text.strip().splitlines()[0] if text.strip() else "unknown"


def machine():
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "unknown"
    try:
        match = re.search(r"MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text())
        if match:
            memory = f"{int(match.group(1)) / 1048576:.1f} GiB"
    except OSError:
        pass
    load = os.getloadavg()
    return {
        "cores": os.cpu_count(),
        "memory": memory,
        "cpu": model,
        "kernel": platform.release(),
        "load": f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}",
    }


def versions():
    script = "import pdfplumber, pymupdf; print(pdfplumber.__version__); print(pymupdf.__version__, pymupdf.mupdf_version)"
    python_versions = ["unknown", "unknown"]
    try:
        result = subprocess.run([str(VENV_PYTHON), "-c", script], capture_output=True, text=True, timeout=60)
        lines = result.stdout.strip().splitlines()
        if len(lines) == 2:
            python_versions = lines
    except (OSError, subprocess.SubprocessError):
        pass
    pymupdf = python_versions[1].split()
    return {
        "formpipe": _first_line([str(FORMPIPE), "--version"]),
        "swift": _first_line(["swift", "--version"]) if shutil.which("swift") else "not found",
        "poppler (pdftotext)": _first_line(["pdftotext", "-v"], "stderr").replace("pdftotext version ", ""),
        "pdfplumber": python_versions[0],
        "PyMuPDF": f"{pymupdf[0]} (MuPDF {pymupdf[1]})" if len(pymupdf) == 2 else python_versions[1],
        "tesseract": _first_line(["tesseract", "--version"]).replace("tesseract ", ""),
        "python": _first_line([str(VENV_PYTHON), "--version"]).replace("Python ", ""),
    }
