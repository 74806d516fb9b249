"""The 5,000-file backlog with the PostgreSQL sink off and on, side by side.

    bench/.venv/bin/python bench/sink_backlog.py [--files 5000] [--binary .build/release/formpipe]

Sink off: the daemon as in backlog.py; the time is until every file is archived or failed.
Sink on: the same inbox (same mix, same unique copies) with `postgres` set, on a throw-away
server started by scripts/test-postgres.sh (127.0.0.1, a free port, stopped at the end); the time
is until every file is archived AND the sink queue is empty, i.e. every document is in the
database, which is checked with psql at the end. Prints both figures and the overhead; writes
bench/results/sink_backlog.json.
"""

import argparse
import json
import os
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


def run(root: Path, files: int, settle: float, postgres: dict | None, timeout: float) -> dict:
    config = write_config(root, settle, recycle_after=1_000_000)
    if postgres:
        settings = json.loads(config.read_text())
        settings["postgres"] = postgres
        config.write_text(json.dumps(settings, indent=2))
    fill_inbox(root / "inbox", files, SHARES)
    mode = "on" if postgres else "off"
    log(f"[sink {mode}] {files} files in the inbox")
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
    return {"mode": mode, "files": files, "archived_seconds": archived_at, "seconds": total,
            "files_per_second": files / total}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument("--settle", type=float, default=0.2)
    parser.add_argument("--timeout", type=float, default=900)
    parser.add_argument("--binary", type=Path, default=daemon_bench.FORMPIPE)
    arguments = parser.parse_args()
    daemon_bench.FORMPIPE = arguments.binary.resolve()

    work = Path(tempfile.mkdtemp(prefix="formpipe-sink-bench-"))
    work.chmod(0o755)  # as root the server runs as `postgres`, which must reach its folder inside
    pg_root = work / "pg"
    started = subprocess.run(["bash", str(SCRIPT), "start", str(pg_root)], capture_output=True, text=True)
    if started.returncode != 0:
        sys.exit(f"sink_backlog: cannot start PostgreSQL: {started.stderr.strip()}")
    exports = started.stdout
    env = dict(line[len("export "):].split("=", 1) for line in exports.splitlines() if line.startswith("export "))
    server = env["FORMPIPE_TEST_POSTGRES_URL"].rsplit("/", 1)[0]
    try:
        password = uuid.uuid4().hex
        psql(f"{server}/postgres", f"CREATE ROLE formpipe_bench LOGIN PASSWORD '{password}'")
        psql(f"{server}/postgres", "CREATE DATABASE formpipe_bench OWNER formpipe_bench")
        (work / "pg-password").write_text(password + "\n")
        host_port = server.split("@", 1)[1]
        postgres = {"url": f"postgresql://formpipe_bench@{host_port}/formpipe_bench",
                    "passwordFile": str(work / "pg-password")}

        off = run(work / "off", arguments.files, arguments.settle, None, arguments.timeout)
        on = run(work / "on", arguments.files, arguments.settle, postgres, arguments.timeout)
        stored = int(psql(f"{server}/formpipe_bench", "SELECT count(*) FROM documents"))
        forms = int(psql(f"{server}/formpipe_bench", "SELECT count(*) FROM forms"))
        on.update(documents_in_database=stored, forms_in_database=forms)
        overhead = on["seconds"] / off["seconds"] - 1
        load = os.getloadavg()
        result = {"off": off, "on": on, "overhead": overhead, "loadavg": load, "cores": os.cpu_count()}
        (REPO / "bench" / "results").mkdir(exist_ok=True)
        (REPO / "bench" / "results" / "sink_backlog.json").write_text(json.dumps(result, indent=2))
        print(f"sink off: {off['seconds']:.1f} s ({off['files_per_second']:.1f} files/s)")
        print(f"sink on:  {on['seconds']:.1f} s ({on['files_per_second']:.1f} files/s) until the queue is empty; "
              f"archived after {on['archived_seconds']:.1f} s; {stored} documents, {forms} forms in the database")
        print(f"overhead: {overhead * 100:+.1f} %   load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    finally:
        subprocess.run(["bash", str(SCRIPT), "stop-all", str(pg_root)])
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
