"""A backlog waiting when the daemon starts: files/s over time and the memory of every process."""

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from common import CORPUS, corpus_files, log
from daemon_bench import Daemon, children, memory_kb, unique_copy, write_config


@dataclass
class Interval:
    seconds: float  # since the daemon was started
    done: int  # archived or failed so far
    rate: float  # files/s in this interval
    daemon_rss_mb: float
    worker_rss_mb: float  # the largest worker at the end of the interval


@dataclass
class Backlog:
    files: int
    mix: dict  # suffix -> count
    recycle_after: int
    seconds: float = 0
    done: int = 0
    failed: int = 0
    intervals: list = field(default_factory=list)
    daemon_peak_mb: float = 0  # VmHWM
    worker_peak_mb: float = 0  # the largest VmHWM of any worker
    workers_seen: int = 0
    timed_out: bool = False

    @property
    def files_per_second(self):
        return self.done / self.seconds if self.seconds else 0


def fill_inbox(inbox: Path, total: int, shares: dict) -> dict:
    """`total` distinct files: the corpus renditions in `shares` (suffix -> fraction), interleaved."""
    sources = [(suffix, stem, (CORPUS / f"{stem}{suffix}").read_bytes()) for suffix in shares for stem, _ in corpus_files()]
    counts = {suffix: round(total * share) for suffix, share in shares.items()}
    counts[next(iter(counts))] += total - sum(counts.values())
    made = {suffix: 0 for suffix in shares}
    number = 0
    while number < total:
        for suffix, stem, data in sources:
            if number >= total or made[suffix] >= counts[suffix]:
                continue
            (inbox / f"b{number:05d}-{stem}{suffix}").write_bytes(unique_copy(data, suffix, number))
            made[suffix] += 1
            number += 1
    return made


def _count(folder: Path, skip_suffix=None) -> int:
    return sum(1 for entry in os.scandir(folder) if not (skip_suffix and entry.name.endswith(skip_suffix)))


def backlog(root: Path, total: int, shares: dict, settle: float, interval: float,
            timeout: float, recycle_after: int) -> Backlog:
    config = write_config(root, settle, recycle_after=recycle_after)
    mix = fill_inbox(root / "inbox", total, shares)
    result = Backlog(total, mix, recycle_after)
    log(f"[backlog] {total} files in the inbox: {mix}")
    daemon = Daemon(root, config)
    started = time.monotonic()
    worker_peaks: dict[int, int] = {}
    daemon_peak = 0
    next_mark = started + interval
    last_done, last_time = 0, started
    try:
        while True:
            time.sleep(0.25)
            now = time.monotonic()
            daemon_peak = max(daemon_peak, memory_kb(daemon.process.pid)[1])
            worker_rss = 0
            for pid in children(daemon.process.pid):
                rss, hwm = memory_kb(pid)
                worker_peaks[pid] = max(worker_peaks.get(pid, 0), hwm)
                worker_rss = max(worker_rss, rss)
            failed = _count(root / "failed", skip_suffix=".error.json")
            done = _count(root / "archive") + failed
            if now >= next_mark or done >= total:
                rate = (done - last_done) / (now - last_time)
                daemon_rss = memory_kb(daemon.process.pid)[0]
                result.intervals.append(Interval(now - started, done, rate, daemon_rss / 1024, worker_rss / 1024))
                log(f"[backlog] {now - started:6.1f} s: {done} done, {rate:.1f} files/s, "
                    f"daemon {daemon_rss / 1024:.0f} MB, worker {worker_rss / 1024:.0f} MB")
                last_done, last_time = done, now
                next_mark += interval
            if done >= total or daemon.process.poll() is not None:
                result.done, result.failed = done, failed
                break
            if now - started > timeout:
                result.timed_out = True
                result.done, result.failed = done, failed
                break
        result.seconds = time.monotonic() - started
    finally:
        daemon.stop()
    result.daemon_peak_mb = daemon_peak / 1024
    result.worker_peak_mb = max(worker_peaks.values(), default=0) / 1024
    result.workers_seen = len(worker_peaks)
    return result
