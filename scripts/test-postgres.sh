#!/usr/bin/env bash
# A throw-away PostgreSQL server for the tests: Debian's postgresql, a new cluster in a temp
# folder, 127.0.0.1 on a free port. Nothing is installed as a service; stop removes everything.
#
#   scripts/test-postgres.sh start ROOT   creates ROOT/pg-PORT, starts it (without fsync unless
#                                         FORMPIPE_TEST_POSTGRES_DURABLE=1), prints `export` lines:
#                                         FORMPIPE_TEST_POSTGRES_URL (superuser, trust on 127.0.0.1)
#                                         FORMPIPE_TEST_POSTGRES_DATA (the cluster folder)
#   scripts/test-postgres.sh stop DATA    stops that server and removes its folder
#   scripts/test-postgres.sh stop-all ROOT  stops every server under ROOT (scripts/test.sh's trap)
#   scripts/test-postgres.sh halt DATA / resume DATA   stop and start again, keeping the data
#                                         (the outage tests)
#
# PostgreSQL refuses to run as root: as root the cluster belongs to the `postgres` user the
# Debian package creates. Roles other than `postgres` log in with a password (scram-sha-256),
# so the tests exercise formpipe's password handling for real.
set -euo pipefail

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "test-postgres: no PostgreSQL server found under /usr/lib/postgresql: run scripts/install-deps.sh" >&2
  exit 1
fi

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    su postgres -s /bin/sh -c "$1"
  else
    sh -c "$1"
  fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start_server() {  # DATA PORT
  # Tests trade durability for speed; a cluster started with FORMPIPE_TEST_POSTGRES_DURABLE=1 (the
  # sink benchmark) keeps PostgreSQL's durable defaults, as a real deployment would.
  local speed="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  if [ -f "$1/formpipe-durable" ]; then speed=""; fi
  as_owner "'$bindir/pg_ctl' -D '$1' -l '$1/server.log' -w -t 60 -o \"-p $2 -k '$1' -c listen_addresses=127.0.0.1 $speed\" start" >/dev/null 2>&1
}

case "${1:-}" in
  start)
    root=${2:?usage: test-postgres.sh start ROOT}
    mkdir -p "$root"
    chmod 755 "$root"
    port=$(free_port)
    data="$root/pg-$port"
    mkdir "$data"
    chmod 700 "$data"
    if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$data"; fi
    as_owner "'$bindir/initdb' -D '$data' -U postgres -A trust -E UTF8 --locale=C.UTF-8" >"$root/initdb-$port.log" 2>&1 || {
      cat "$root/initdb-$port.log" >&2; exit 1; }
    cat >"$data/pg_hba.conf" <<HBA
local all all                trust
host  all postgres 127.0.0.1/32 trust
host  all all      127.0.0.1/32 scram-sha-256
HBA
    echo "$port" >"$data/formpipe-test-port"
    if [ "${FORMPIPE_TEST_POSTGRES_DURABLE:-}" = 1 ]; then touch "$data/formpipe-durable"; fi
    if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$data/pg_hba.conf" "$data/formpipe-test-port"; fi
    start_server "$data" "$port" || { cat "$data/server.log" >&2; exit 1; }
    echo "export FORMPIPE_TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:$port/postgres"
    echo "export FORMPIPE_TEST_POSTGRES_DATA=$data"
    ;;
  halt)
    data=${2:?usage: test-postgres.sh halt DATA}
    as_owner "'$bindir/pg_ctl' -D '$data' -m fast -w stop" >/dev/null
    ;;
  resume)
    data=${2:?usage: test-postgres.sh resume DATA}
    start_server "$data" "$(cat "$data/formpipe-test-port")"
    ;;
  stop)
    data=${2:?usage: test-postgres.sh stop DATA}
    if [ -f "$data/postmaster.pid" ]; then
      as_owner "'$bindir/pg_ctl' -D '$data' -m immediate -w stop" >/dev/null 2>&1 || true
    fi
    rm -rf "$data"
    ;;
  stop-all)
    root=${2:?usage: test-postgres.sh stop-all ROOT}
    for data in "$root"/pg-*; do
      [ -d "$data" ] && "$0" stop "$data"
    done
    rm -rf "$root"
    ;;
  *)
    echo "usage: test-postgres.sh start ROOT | stop DATA | stop-all ROOT | halt DATA | resume DATA" >&2
    exit 2
    ;;
esac
