#!/usr/bin/env bash
# Run a command against a throw-away PostgreSQL server on 127.0.0.1.
#   scripts/with-postgres.sh CMD [ARGS…]
# Finds the server binaries (installs Debian's `postgresql` when missing and we are root), creates a cluster in a
# temporary folder, starts it on a free loopback port, exports MINGA_DATABASE_URL, runs CMD, stops and removes it.
# Exit codes: CMD's own; 3 when PostgreSQL cannot be had on this machine.
set -euo pipefail

find_bin() {
  local found
  found=$(command -v pg_ctl 2>/dev/null || true)
  if [ -z "$found" ]; then
    found=$(ls -1d /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | sort -V | tail -n 1 || true)
  fi
  [ -n "$found" ] && dirname "$(readlink -f "$found")"
}

BIN=$(find_bin || true)
if [ -z "$BIN" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "with-postgres: installing Debian's postgresql (not found on this machine)…" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) >&2
  BIN=$(find_bin || true)
fi
if [ -z "$BIN" ]; then
  echo "with-postgres: PostgreSQL is not available here (no pg_ctl, and cannot install it)." >&2
  exit 3
fi

RUNAS=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  RUNAS=(runuser -u postgres --)
fi
DATA=$(mktemp -d /tmp/minga-pg.XXXXXX)
chmod 755 "$DATA"
[ ${#RUNAS[@]} -gt 0 ] && chown postgres "$DATA"
PORT=${MINGA_PG_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}

cleanup() {
  "${RUNAS[@]}" "$BIN/pg_ctl" -D "$DATA/db" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$DATA"
}
trap cleanup EXIT

"${RUNAS[@]}" "$BIN/initdb" -D "$DATA/db" -U minga --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
"${RUNAS[@]}" "$BIN/pg_ctl" -D "$DATA/db" -l "$DATA/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null
"$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U minga minga
export MINGA_DATABASE_URL="postgres://minga@127.0.0.1:$PORT/minga"
echo "with-postgres: PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT" >&2
"$@"
