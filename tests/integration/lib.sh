# lib.sh -- shared setup for integration tests: a real pgwire on a free
# loopback port, its own data directory and socket directory, real clients.
#
# Source it, then call pgw_start. Everything is removed at exit; the test
# fails if the server log shows a sanitizer report or a crashed backend.
#
#   PGWIRE_BUILDDIR   where pgwire and pgwire-ctl were built (set by make check)

set -u

PGWIRE_BUILDDIR=${PGWIRE_BUILDDIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
PGWIRE_SRCDIR=${PGWIRE_SRCDIR:-$PGWIRE_BUILDDIR}
PGWIRE="$PGWIRE_BUILDDIR/pgwire"
PGWIRE_CTL="$PGWIRE_BUILDDIR/pgwire-ctl"
PY=/usr/bin/python3
TESTS_DIR="$PGWIRE_SRCDIR/tests/integration"
export PYTHONPATH="$TESTS_DIR${PYTHONPATH:+:$PYTHONPATH}"
# sanitizer builds: report, do not abort the postmaster silently
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:log_path=}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PGWIRE_SRCDIR/tests/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

TEST_NAME=$(basename "$0" .sh)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/pgwire-$TEST_NAME.XXXXXX")
DATA="$WORK/data"
SOCKDIR="$WORK/sock"
LOG="$WORK/server.log"
PORT=
SERVER_PID=
FAILURES=0

mkdir -p "$SOCKDIR"

say() { printf '%s: %s\n' "$TEST_NAME" "$*"; }

fail() {
    say "FAIL: $*"
    FAILURES=$((FAILURES + 1))
}

# expect_eq DESCRIPTION EXPECTED ACTUAL
expect_eq() {
    if [ "$2" == "$3" ]; then
        say "ok - $1"
    else
        fail "$1"
        printf -- '--- expected\n%s\n--- actual\n%s\n---\n' "$2" "$3"
    fi
}

# expect_contains DESCRIPTION NEEDLE HAYSTACK
expect_contains() {
    if [[ "$3" == *"$2"* ]]; then
        say "ok - $1"
    else
        fail "$1"
        printf -- '--- expected to contain\n%s\n--- actual\n%s\n---\n' "$2" "$3"
    fi
}

free_port() {
    "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# pgw_set KEY VALUE: set a parameter in pgwire.yaml (replace or append)
pgw_set() {
    if grep -q "^$1:" "$DATA/pgwire.yaml"; then
        sed -i "s|^$1:.*|$1: $2|" "$DATA/pgwire.yaml"
    else
        echo "$1: $2" >> "$DATA/pgwire.yaml"
    fi
}

# pgw_init ["key: value"...]: a fresh data directory configured for the test
pgw_init() {
    "$PGWIRE_CTL" -D "$DATA" init >/dev/null || { fail "pgwire-ctl init"; exit 1; }
    PORT=$(free_port)
    pgw_set port "$PORT"
    pgw_set unix_socket_directories "$SOCKDIR"
    pgw_set listen_addresses 127.0.0.1
    for line in "$@"; do
        pgw_set "${line%%:*}" "${line#*: }"
    done
}

# pgw_start [pgwire options...]: start in the background, wait until ready
pgw_start() {
    [ -f "$DATA/pgwire.yaml" ] || pgw_init
    local seen
    seen=0
    [ -f "$LOG" ] && seen=$(wc -l < "$LOG")
    "$PGWIRE" -D "$DATA" "$@" >>"$LOG" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 200); do
        # only a line this start wrote counts (the log is shared by restarts)
        if tail -n +"$((seen + 1))" "$LOG" 2>/dev/null | grep -q "ready to accept connections"; then
            return 0
        fi
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then
            fail "server did not start"; cat "$LOG"; exit 1
        fi
        sleep 0.05
    done
    fail "server not ready after 10s"; cat "$LOG"; exit 1
}

pgw_stop() {
    local mode=${1:-INT}
    [ -n "$SERVER_PID" ] || return 0
    kill -"$mode" "$SERVER_PID" 2>/dev/null
    for _ in $(seq 1 200); do
        kill -0 "$SERVER_PID" 2>/dev/null || break
        sleep 0.05
    done
    if kill -0 "$SERVER_PID" 2>/dev/null; then
        fail "server did not stop on SIG$mode"
        kill -KILL "$SERVER_PID" 2>/dev/null
    fi
    wait "$SERVER_PID" 2>/dev/null
    SERVER_PID=
}

# psql against the test server; extra arguments are passed through
pgw_psql() {
    PGCONNECT_TIMEOUT=10 psql -X -q -h 127.0.0.1 -p "$PORT" -U tester -d testdb "$@"
}

# Lines of the server log a test caused on purpose (e.g. a backend it killed).
LOG_ALLOW=${LOG_ALLOW:-^$}

check_server_log() {
    [ -f "$LOG" ] || return 0
    if grep -vE "$LOG_ALLOW" "$LOG" | grep -qE "AddressSanitizer|LeakSanitizer|runtime error:|terminated by signal|exited with exit code"; then
        fail "server log reports a crash or sanitizer finding"
        sed -n '1,200p' "$LOG"
    fi
}

pgw_finish() {
    pgw_stop INT
    check_server_log
    if [ "$FAILURES" -eq 0 ]; then
        say "PASS"
        rm -rf "$WORK"
        exit 0
    fi
    say "$FAILURES failure(s); server log:"
    sed -n '1,120p' "$LOG" 2>/dev/null
    rm -rf "$WORK"
    exit 1
}

on_exit() {
    local rc=$?
    if [ -n "$SERVER_PID" ]; then
        kill -KILL "$SERVER_PID" 2>/dev/null
    fi
    pg_stop
    return $rc
}
trap on_exit EXIT

# ---- a private PostgreSQL cluster, for the postgres dialect ----
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
PG_PORT=
PG_DIR=

# run a PostgreSQL server program as a user it accepts (never root)
pg_as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# pg_start: initdb + start on a free port; returns 1 if PostgreSQL is not installed
pg_start() {
    [ -n "$PG_BIN" ] && [ -x "$PG_BIN/initdb" ] || return 1
    PG_PORT=$(free_port)
    PG_DIR="$WORK/pg"
    chmod 755 "$WORK"
    mkdir -p "$PG_DIR"
    [ "$(id -u)" -eq 0 ] && chown postgres "$PG_DIR"
    pg_as_owner "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U postgres >"$WORK/initdb.log" 2>&1 ||
        { cat "$WORK/initdb.log"; return 1; }
    pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
        -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1" start >/dev/null ||
        { cat "$PG_DIR/log"; return 1; }
}

# pgw_use_postgres: restart pgwire on the postgres dialect, served by a
# private PostgreSQL through psqlODBC (fails the test if there is none)
pgw_use_postgres() {
    pgw_stop
    if ! pg_start; then
        fail "PostgreSQL server not available (scripts/install-deps installs it)"
        pgw_finish
    fi
    pgw_set dialect postgres
    pgw_set odbc_connection_string "$(pg_odbc_string)"
    pgw_start
}

pg_stop() {
    [ -n "$PG_DIR" ] && [ -d "$PG_DIR/data" ] || return 0
    pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1
}

pg_psql() {
    psql -X -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres "$@"
}

pg_odbc_string() {
    echo "\"Driver=/usr/lib/x86_64-linux-gnu/odbc/psqlodbcw.so;Server=127.0.0.1;Port=$PG_PORT;Database=postgres;UID=postgres\""
}

# pgw_login_error: try to log in; print the outcome as "FATAL SQLSTATE: message"
pgw_login_error() {
    "$PY" - "$PORT" <<'PYEOF' 2>&1
import sys
from pgproto import Conn, error_fields, startup_packet
c = Conn(int(sys.argv[1]))
c.send(startup_packet({"user": "tester", "database": "testdb"}))
while True:
    t, body = c.read_message()
    if t == "E":
        f = error_fields(body)
        print("%s %s: %s" % (f.get("S"), f.get("C"), f.get("M")))
        break
    if t == "Z":
        print("logged in")
        break
PYEOF
}

# Start "$@" (stderr joined to stdout) as a coprocess: write to it through
# fd $SESSION_IN, read it through $SESSION_OUT. These are duplicates, so
# they stay usable after the command exits (bash drops the coprocess's own
# descriptors as soon as it is reaped).
session_open() {
    coproc SESSION { "$@" 2>&1; }
    SESSION_WAIT=$SESSION_PID
    exec {SESSION_IN}>&"${SESSION[1]}" {SESSION_OUT}<&"${SESSION[0]}"
    # only the duplicates stay open, so closing SESSION_IN is an EOF
    eval "exec ${SESSION[1]}>&- ${SESSION[0]}<&-"
}

# close the session_open coprocess's input (a psql there sees EOF and
# quits), wait for it to end, and close its output
wait_session() {
    [ -n "${SESSION_IN:-}" ] && exec {SESSION_IN}>&-
    [ -n "${SESSION_WAIT:-}" ] && wait "$SESSION_WAIT" 2>/dev/null
    [ -n "${SESSION_OUT:-}" ] && exec {SESSION_OUT}<&-
    SESSION_WAIT= SESSION_IN= SESSION_OUT=
    return 0
}
