"""The real daemon (`formpipe run`): drop-to-outbox latency, and a backlog of thousands of files."""

import ctypes
import json
import os
import select
import signal
import struct
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from common import CORPUS, FORMPIPE, log, median, percentile

IN_CREATE = 0x100
IN_MOVED_TO = 0x80
_EVENT = struct.Struct("iIII")


class Inotify:
    """The names created or moved into one folder, through inotify (Linux)."""

    def __init__(self, folder: Path):
        self._libc = ctypes.CDLL(None, use_errno=True)
        self.fd = self._libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        if self.fd < 0:
            raise OSError(ctypes.get_errno(), "inotify_init1")
        if self._libc.inotify_add_watch(self.fd, str(folder).encode(), IN_CREATE | IN_MOVED_TO) < 0:
            raise OSError(ctypes.get_errno(), f"inotify_add_watch {folder}")

    def wait_for(self, name: str, timeout: float):
        """monotonic() when `name` appeared, or None after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            ready, _, _ = select.select([self.fd], [], [], left)
            if not ready:
                continue
            now = time.monotonic()
            buffer = os.read(self.fd, 65536)
            offset = 0
            while offset < len(buffer):
                _, _, _, length = _EVENT.unpack_from(buffer, offset)
                raw = buffer[offset + _EVENT.size: offset + _EVENT.size + length]
                offset += _EVENT.size + length
                if raw.rstrip(b"\0").decode("utf-8", "replace") == name:
                    return now

    def close(self):
        os.close(self.fd)


def write_config(root: Path, settle: float, recycle_after: int | None = None) -> Path:
    for folder in ("inbox", "outbox", "archive", "failed", "work", "staging"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    config = {
        "inbox": "inbox", "outbox": "outbox", "archive": "archive", "failed": "failed", "work": "work",
        "workers": 0, "settleSeconds": settle, "outputFormats": ["json", "xml"],
        "logFormat": "json", "logLevel": "info",
    }
    if recycle_after:
        config["workerRecycleAfter"] = recycle_after
    path = root / "pipeline.json"
    path.write_text(json.dumps(config, indent=2))
    return path


class Daemon:
    def __init__(self, root: Path, config: Path):
        self.root = root
        self.log_path = root / "daemon.log"
        self._log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            [str(FORMPIPE), "run", "--config", str(config)], cwd=root, stdin=subprocess.DEVNULL,
            stdout=self._log, stderr=self._log)

    def wait_started(self, workers: int, timeout=60.0):
        """Until the log says `started` and `workers` worker processes exist."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the daemon exited with {self.process.returncode}: see {self.log_path}")
            if '"started"' in self.log_path.read_text(errors="replace") and len(children(self.process.pid)) >= workers:
                return
            time.sleep(0.05)
        raise RuntimeError(f"the daemon did not start within {timeout:.0f} s: see {self.log_path}")

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()


def children(pid: int) -> list[int]:
    found = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return found


def memory_kb(pid: int) -> tuple[int, int]:
    """(VmRSS, VmHWM) in kB, (0, 0) once the process is gone."""
    rss = hwm = 0
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1])
            elif line.startswith("VmHWM:"):
                hwm = int(line.split()[1])
    except (OSError, ValueError):
        pass
    return rss, hwm


def unique_copy(source: bytes, suffix: str, number: int) -> bytes:
    """The same form with different bytes (the daemon skips content it has converted before)."""
    if suffix == ".pdf":
        return source + b"%%bench %05d\n" % number  # a comment after %%EOF, still in the last 2 KiB
    if suffix == ".html":
        return source + b"\n<!-- bench %05d -->\n" % number
    # OCR text: a last line of spaces and tabs spelling the number in binary; a blank line to the reader.
    return source + b"\n" + bytes(9 if number >> bit & 1 else 32 for bit in range(16)) + b"\n"


@dataclass
class Latency:
    drops: int
    settle: float
    milliseconds: list = field(default_factory=list)  # beyond the settle time
    lost: int = 0

    @property
    def p50(self):
        return median(self.milliseconds)

    @property
    def p95(self):
        return percentile(self.milliseconds, 0.95)


def latency(root: Path, drops: int, settle: float, workers: int, warmup: int = 2) -> Latency:
    """Renames a two-page form (dev-01.pdf) into the inbox `drops` times, one at a time."""
    config = write_config(root, settle)
    daemon = Daemon(root, config)
    result = Latency(drops, settle)
    watcher = Inotify(root / "outbox")
    source = (CORPUS / "dev-01.pdf").read_bytes()
    try:
        daemon.wait_started(workers)
        for number in range(warmup + drops):
            name = f"lat-{number:03d}"
            staged = root / "staging" / f"{name}.pdf"
            staged.write_bytes(unique_copy(source, ".pdf", number))
            dropped = time.monotonic()
            os.rename(staged, root / "inbox" / f"{name}.pdf")
            appeared = watcher.wait_for(name, timeout=60)
            if appeared is None:
                result.lost += 1
                continue
            if number >= warmup:
                result.milliseconds.append((appeared - dropped - settle) * 1000)
            archived = root / "archive" / f"{name}.pdf"
            deadline = time.monotonic() + 10
            while not archived.exists() and time.monotonic() < deadline:
                time.sleep(0.002)
    finally:
        watcher.close()
        daemon.stop()
    return result
