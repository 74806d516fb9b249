#!/usr/bin/env bash
# Installs formpipe as a systemd service (packaging/systemd/formpipe.service); see the README,
# "Run as a service".
#
#   sudo scripts/install-service.sh              # build, install, enable and start
#   sudo scripts/install-service.sh --no-start   # install only
#   scripts/install-service.sh --root /tmp/stage --binary .build/debug/formpipe   # stage into a folder
#
# Options (defaults in brackets):
#   --binary PATH   the formpipe binary to install [built here with `swift build -c release`]
#   --prefix DIR    where the binary goes: DIR/bin/formpipe [/usr/local]
#   --user NAME     the account the daemon runs as, created as a system user if missing [formpipe]
#   --data DIR      inbox, outbox, archive, failed and work folders [/var/lib/formpipe]
#   --config FILE   pipeline.json; written with the folders above if missing [/etc/formpipe/pipeline.json]
#   --root DIR      install below DIR instead of /, create no user, start nothing (for packaging and tests)
#   --no-start      install and enable nothing in systemd; print the commands instead
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"

binary="" prefix="/usr/local" user="formpipe" data="/var/lib/formpipe" config="/etc/formpipe/pipeline.json"
root="" start=1
while [ $# -gt 0 ]; do
    case "$1" in
        --binary) binary="$2"; shift 2 ;;
        --prefix) prefix="$2"; shift 2 ;;
        --user) user="$2"; shift 2 ;;
        --data) data="$2"; shift 2 ;;
        --config) config="$2"; shift 2 ;;
        --root) root="$(mkdir -p "$2" && cd "$2" && pwd)"; start=0; shift 2 ;;
        --no-start) start=0; shift ;;
        -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install-service.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done
for path in "$prefix" "$data" "$config"; do
    case "$path" in /*) ;; *) echo "install-service.sh: $path: give an absolute path" >&2; exit 2 ;; esac
done
if [ -z "$root" ] && [ "$(id -u)" != 0 ]; then
    echo "install-service.sh: run as root (sudo), or stage with --root DIR" >&2
    exit 1
fi

if [ -z "$binary" ]; then
    (cd "$repo" && swift build -c release --product formpipe)
    binary="$repo/.build/release/formpipe"
fi
[ -x "$binary" ] || { echo "install-service.sh: $binary is not an executable" >&2; exit 1; }

installed_binary="$prefix/bin/formpipe"
unit="/etc/systemd/system/formpipe.service"
install -D -m 0755 "$binary" "$root$installed_binary"

if [ -z "$root" ] && ! id -u "$user" >/dev/null 2>&1; then
    useradd --system --user-group --home-dir "$data" --no-create-home --shell /usr/sbin/nologin "$user"
    echo "created system user $user"
fi

# The inbox is group-writable with the setgid bit: add people (or the SMB/scanner account) to
# the group to let them drop files; everything else is the daemon's alone.
for folder in inbox outbox archive failed work; do
    mkdir -p "$root$data/$folder"
done
chmod 0750 "$root$data" "$root$data"/{outbox,archive,failed,work}
chmod 2770 "$root$data/inbox"
if [ -z "$root" ]; then chown -R "$user:$user" "$data"; fi

if [ ! -e "$root$config" ]; then
    mkdir -p "$(dirname "$root$config")"
    sed -e "s|\"inbox\": \"inbox\"|\"inbox\": \"$data/inbox\"|" \
        -e "s|\"outbox\": \"outbox\"|\"outbox\": \"$data/outbox\"|" \
        -e "s|\"archive\": \"archive\"|\"archive\": \"$data/archive\"|" \
        -e "s|\"failed\": \"failed\"|\"failed\": \"$data/failed\"|" \
        -e "s|\"work\": \"work\"|\"work\": \"$data/work\"|" \
        "$repo/pipeline.json" > "$root$config"
    chmod 0640 "$root$config"
    if [ -z "$root" ]; then chgrp "$user" "$config"; fi
    echo "wrote $root$config"
else
    echo "kept the existing $root$config"
fi

mkdir -p "$root$(dirname "$unit")"
sed -e "s|@BINARY@|$installed_binary|g" -e "s|@CONFIG@|$config|g" -e "s|@USER@|$user|g" -e "s|@DATA@|$data|g" \
    "$repo/packaging/systemd/formpipe.service" > "$root$unit.tmp"
chmod 0644 "$root$unit.tmp"
mv "$root$unit.tmp" "$root$unit"
echo "installed $installed_binary and $unit${root:+ below $root}"

if [ "$start" = 1 ] && [ -d /run/systemd/system ]; then
    systemctl daemon-reload
    systemctl enable --now formpipe.service
    systemctl --no-pager status formpipe.service || true
else
    [ -z "$root" ] && [ "$start" = 1 ] && echo "systemd is not running on this machine: nothing started"
    echo "start it with: systemctl daemon-reload && systemctl enable --now formpipe"
fi
