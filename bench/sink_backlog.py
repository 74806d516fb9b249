"""The 5,000-file backlog with the PostgreSQL sink off and on, side by side.

    bench/.venv/bin/python bench/sink_backlog.py [--files 5000] [--rounds 2] [--binary .build/release/formpipe]

Sink off: the daemon as in backlog.py; the time is until every file is archived or failed.
Sink on: the same inbox (same mix, same unique copies) with `postgres` set, on a throw-away
server started by scripts/test-postgres.sh with PostgreSQL's durable defaults (fsync and
synchronous_commit on, unlike the tests' server; 127.0.0.1, a free port, stopped at the end); the time
is until every file is archived AND the sink queue is empty, i.e. every document is in the
database, which is checked with psql at the end. `--rounds N` alternates off and on N times (each
*on* run gets a new, empty database), so load from other processes falls on both alike.

Besides wall time, each run reports CPU seconds: the daemon with its workers (user + system,
children included, from the bench's own rusage of the daemon it waited for) and the PostgreSQL
server (postmaster, its live processes and the backends it reaped, from /proc). CPU seconds per
file hardly move when other processes share the machine; wall time does. Prints the figures and
the overhead; writes bench/results/sink_backlog.json.
"""

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import daemon_bench

from backlog import fill_inbox
from common import REPO, log
from daemon_bench import Daemon, write_config

SHARES = {".txt": 0.45, ".html": 0.45, ".pdf": 0.10}  # bench.py's BACKLOG_SHARES
SCRIPT = REPO / "scripts" / "test-postgres.sh"


def psql(url: str, sql: str) -> str:
    return subprocess.run(["psql", "-X", "-qtA", "-v", "ON_ERROR_STOP=1", url, "-c", sql],
                          check=True, capture_output=True, text=True).stdout.strip()


def queued(root: Path) -> int:
    queue = root / "work" / "sink" / "queue"
    return sum(1 for name in os.listdir(queue) if not name.startswith(".")) if queue.exists() else 0


TICKS = os.sysconf("SC_CLK_TCK")


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def server_cpu(data: Path) -> float:
    """User + system seconds of one PostgreSQL server: its postmaster, the processes it runs now,
    and those it reaped (backends of closed connections)."""
    postmaster = int((data / "postmaster.pid").read_text().split()[0])
    total = 0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            fields = Path(entry.path, "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, parent = int(entry.name), int(fields[1])
        if pid == postmaster:
            total += sum(int(value) for value in fields[11:15])  # utime stime cutime cstime
        elif parent == postmaster:
            total += int(fields[11]) + int(fields[12])
    return total / TICKS


def file_latencies(log_path: Path) -> dict:
    """From the daemon's log: per converted file, the worker's conversion time and the daemon's
    whole handling (claim to archive); their difference is what the file waited for outside the
    worker (hashing, hand-off, the queue entry, archiving). Since the daemon hands a worker its
    next file as soon as a conversion ends, the part after the conversion no longer idles a worker."""
    totals, outside = [], []
    with open(log_path, errors="replace") as lines:
        for line in lines:
            if '"converted"' not in line and '"unrecognized"' not in line:
                continue
            try:
                event = json.loads(line)
                total, worker = float(event["formpipe.totalMs"]), float(event["formpipe.ms"])
            except (ValueError, KeyError):
                continue
            totals.append(total)
            outside.append(total - worker)

    def quantiles(values: list) -> dict:
        values = sorted(values)
        pick = lambda q: values[min(len(values) - 1, int(q * len(values)))] if values else 0.0
        return {"mean": sum(values) / len(values) if values else 0.0, "p50": pick(0.5), "p90": pick(0.9), "p99": pick(0.99)}

    return {"files": len(totals), "total_ms": quantiles(totals), "outside_worker_ms": quantiles(outside)}


def run(root: Path, files: int, settle: float, postgres: dict | None, timeout: float, pg_data: Path) -> dict:
    config = write_config(root, settle, recycle_after=1_000_000)
    if postgres:
        settings = json.loads(config.read_text())
        settings["postgres"] = postgres
        config.write_text(json.dumps(settings, indent=2))
    fill_inbox(root / "inbox", files, SHARES)
    mode = "on" if postgres else "off"
    log(f"[sink {mode}] {files} files in the inbox")
    server_before = server_cpu(pg_data)
    daemon_before = children_cpu()
    daemon = Daemon(root, config)
    started = time.monotonic()
    archived_at = None
    try:
        while True:
            time.sleep(0.25)
            now = time.monotonic()
            done = len(os.listdir(root / "archive")) + sum(
                1 for name in os.listdir(root / "failed") if not name.endswith(".error.json"))
            if archived_at is None and done >= files:
                archived_at = now - started
                log(f"[sink {mode}] all archived after {archived_at:.1f} s; queue {queued(root)}")
            if archived_at is not None and (not postgres or queued(root) == 0):
                break
            if now - started > timeout or daemon.process.poll() is not None:
                raise RuntimeError(f"sink {mode}: not finished after {now - started:.0f} s, see {daemon.log_path}")
        total = time.monotonic() - started
    finally:
        daemon.stop()
    daemon_cpu = children_cpu() - daemon_before
    latencies = file_latencies(daemon.log_path)
    time.sleep(0.5)  # the sink's backend exits after the daemon closed its connection
    postgres_cpu = server_cpu(pg_data) - server_before
    log(f"[sink {mode}] {total:.1f} s; CPU daemon + workers {daemon_cpu:.1f} s, PostgreSQL {postgres_cpu:.1f} s; "
        f"load {os.getloadavg()[0]:.1f}")
    return {"mode": mode, "files": files, "archived_seconds": archived_at, "seconds": total,
            "files_per_second": files / total, "daemon_cpu_seconds": daemon_cpu, "postgres_cpu_seconds": postgres_cpu,
            "cpu_ms_per_file": 1000 * (daemon_cpu + postgres_cpu) / files, "loadavg": os.getloadavg(),
            "latencies": latencies}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument("--settle", type=float, default=0.2)
    parser.add_argument("--timeout", type=float, default=900)
    parser.add_argument("--rounds", type=int, default=1, help="alternate off and on this many times")
    parser.add_argument("--binary", type=Path, default=daemon_bench.FORMPIPE)
    arguments = parser.parse_args()
    daemon_bench.FORMPIPE = arguments.binary.resolve()

    work = Path(tempfile.mkdtemp(prefix="formpipe-sink-bench-"))
    work.chmod(0o755)  # as root the server runs as `postgres`, which must reach its folder inside
    pg_root = work / "pg"
    # fsync and synchronous_commit on, as in a real deployment (the tests' server turns them off).
    started = subprocess.run(["bash", str(SCRIPT), "start", str(pg_root)], capture_output=True, text=True,
                             env={**os.environ, "FORMPIPE_TEST_POSTGRES_DURABLE": "1"})
    if started.returncode != 0:
        sys.exit(f"sink_backlog: cannot start PostgreSQL: {started.stderr.strip()}")
    exports = started.stdout
    env = dict(line[len("export "):].split("=", 1) for line in exports.splitlines() if line.startswith("export "))
    server = env["FORMPIPE_TEST_POSTGRES_URL"].rsplit("/", 1)[0]
    try:
        password = uuid.uuid4().hex
        psql(f"{server}/postgres", f"CREATE ROLE formpipe_bench LOGIN PASSWORD '{password}'")
        (work / "pg-password").write_text(password + "\n")
        host_port = server.split("@", 1)[1]
        pg_data = Path(env["FORMPIPE_TEST_POSTGRES_DATA"])

        runs = []
        for number in range(1, arguments.rounds + 1):
            runs.append(run(work / f"off-{number}", arguments.files, arguments.settle, None, arguments.timeout, pg_data))
            database = f"formpipe_bench_{number}"
            psql(f"{server}/postgres", f"CREATE DATABASE {database} OWNER formpipe_bench")
            postgres = {"url": f"postgresql://formpipe_bench@{host_port}/{database}",
                        "passwordFile": str(work / "pg-password")}
            on = run(work / f"on-{number}", arguments.files, arguments.settle, postgres, arguments.timeout, pg_data)
            on.update(documents_in_database=int(psql(f"{server}/{database}", "SELECT count(*) FROM documents")),
                      forms_in_database=int(psql(f"{server}/{database}", "SELECT count(*) FROM forms")))
            runs.append(on)
            shutil.rmtree(work / f"off-{number}", ignore_errors=True)
            shutil.rmtree(work / f"on-{number}", ignore_errors=True)

        def total(mode: str, key: str) -> float:
            return sum(entry[key] for entry in runs if entry["mode"] == mode)

        overhead = total("on", "seconds") / total("off", "seconds") - 1
        cpu_overhead = total("on", "cpu_ms_per_file") / total("off", "cpu_ms_per_file") - 1
        load = os.getloadavg()
        result = {"runs": runs, "overhead": overhead, "cpu_overhead": cpu_overhead, "loadavg": load,
                  "cores": os.cpu_count()}
        (REPO / "bench" / "results").mkdir(exist_ok=True)
        (REPO / "bench" / "results" / "sink_backlog.json").write_text(json.dumps(result, indent=2))
        for entry in runs:
            line = (f"sink {entry['mode']:3}: {entry['seconds']:6.1f} s ({entry['files_per_second']:.1f} files/s); "
                    f"CPU ms/file: daemon + workers {1000 * entry['daemon_cpu_seconds'] / entry['files']:.1f}, "
                    f"PostgreSQL {1000 * entry['postgres_cpu_seconds'] / entry['files']:.1f}; "
                    f"load {entry['loadavg'][0]:.1f}")
            if entry["mode"] == "on":
                line += (f"; archived after {entry['archived_seconds']:.1f} s; "
                         f"{entry['documents_in_database']} documents, {entry['forms_in_database']} forms in the database")
            print(line)
            outside = entry["latencies"]["outside_worker_ms"]
            print(f"          per file outside the worker: mean {outside['mean']:.1f} ms, p50 {outside['p50']:.1f}, "
                  f"p90 {outside['p90']:.1f}, p99 {outside['p99']:.1f} ({entry['latencies']['files']} files)")
        print(f"overhead: wall {overhead * 100:+.1f} %, CPU per file {cpu_overhead * 100:+.1f} %   "
              f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    finally:
        subprocess.run(["bash", str(SCRIPT), "stop-all", str(pg_root)])
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
