#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the storage tests and prints the one line a caller evaluates:
#
#   eval "$(.ci/postgres.sh)"        # -> export TEST_DATABASE_URL=postgres://judge:judge@127.0.0.1:5433/judge_test
#   .ci/postgres.sh stop             # stops the server this script started and removes its data directory
#
# Installs the Debian `postgresql` package when the server binaries are missing (needs root and apt-get). The server
# listens on 127.0.0.1:$PORT (default 5433) with a data directory under /tmp; password (SCRAM) auth over TCP. If
# something already listens on the port, it only prints the export line. Everything else goes to stderr.
set -euo pipefail

PORT="${JUDGE_PG_PORT:-5433}"
DB=judge_test
ROLE=judge
PASSWORD=judge
STATE_FILE="/tmp/judge-pg-$PORT.datadir"
URL="postgres://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DB"

SELF=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
# The postgres user may not be allowed into the caller's directory.
cd /

# From here on, stdout is stderr; only print_export writes to the real stdout (fd 3).
exec 3>&1 1>&2

log() { printf '[postgres.sh] %s\n' "$*"; }
print_export() { printf 'export TEST_DATABASE_URL=%s\n' "$URL" >&3; }

listening() { (exec 4<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; }

# The newest /usr/lib/postgresql/<major>/bin that has the server tools (numeric sort: 9 < 10).
find_bindir() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5,5nr); do
    if [ -x "$d/pg_ctl" ] && [ -x "$d/initdb" ] && [ -x "$d/postgres" ]; then
      printf '%s' "$d"
      return 0
    fi
  done
  return 0
}

# Runs a command as the `postgres` user when we are root (initdb and the server refuse to run as root).
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

if [ "${1:-}" = stop ]; then
  BINDIR=$(find_bindir)
  if [ -f "$STATE_FILE" ] && [ -n "$BINDIR" ]; then
    DATADIR=$(cat "$STATE_FILE")
    as_pg "$BINDIR/pg_ctl" -D "$DATADIR" -m fast -w stop || true
    rm -rf "$(dirname "$DATADIR")" "$STATE_FILE"
    log "stopped the server on port $PORT"
  else
    log "no server started by this script on port $PORT"
  fi
  exit 0
fi

if listening; then
  log "a server is already listening on 127.0.0.1:$PORT"
  print_export
  exit 0
fi

BINDIR=$(find_bindir)
if [ -z "$BINDIR" ]; then
  log "PostgreSQL server binaries not found; installing the postgresql package"
  if [ "$(id -u)" -ne 0 ]; then
    log "not root: cannot apt-get install postgresql"
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  BINDIR=$(find_bindir)
  [ -n "$BINDIR" ] || { log "postgresql installed but no /usr/lib/postgresql/*/bin/pg_ctl found"; exit 1; }
fi
log "using $BINDIR"

if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
  useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
fi

BASE=$(mktemp -d /tmp/judge-pg.XXXXXX)
DATADIR="$BASE/data"
PWFILE="$BASE/pw"
LOGFILE="$BASE/server.log"
printf '%s\n' "$PASSWORD" >"$PWFILE"
[ "$(id -u)" -eq 0 ] && chown -R postgres: "$BASE"
chmod 700 "$BASE"

# Superuser `postgres` with the same password; trust only on the Unix socket, which lives in $BASE (mode 700).
as_pg "$BINDIR/initdb" -D "$DATADIR" -U postgres --pwfile="$PWFILE" -E UTF8 --locale=C \
  --auth-local=trust --auth-host=scram-sha-256 >"$BASE/initdb.log" 2>&1 \
  || { cat "$BASE/initdb.log"; exit 1; }
rm -f "$PWFILE"

# fsync off: a test server whose data is thrown away need not survive a power cut, and it makes tests faster.
# 3>&-: the server must not inherit the caller's stdout, or `$(.ci/postgres.sh)` would wait for it to exit.
as_pg "$BINDIR/pg_ctl" -D "$DATADIR" -l "$LOGFILE" -w -t 60 \
  -o "-p $PORT -k $BASE -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null 3>&- || { cat "$LOGFILE"; exit 1; }
printf '%s\n' "$DATADIR" >"$STATE_FILE"

for _ in $(seq 1 60); do
  if "$BINDIR/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then break; fi
  sleep 0.5
done
"$BINDIR/pg_isready" -q -h 127.0.0.1 -p "$PORT" || { log "server did not become ready"; cat "$LOGFILE"; exit 1; }

as_pg "$BINDIR/psql" -h "$BASE" -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -q <<SQL
CREATE ROLE $ROLE LOGIN PASSWORD '$PASSWORD';
CREATE DATABASE $DB OWNER $ROLE;
SQL

log "$("$BINDIR/postgres" --version) on 127.0.0.1:$PORT, data in $DATADIR, log in $LOGFILE"
log "stop it with: $SELF stop"
print_export
