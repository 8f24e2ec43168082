#!/bin/bash
# PgBouncer (Debian's 1.18) in front of pgwire. Transaction pooling with a
# pool of 2 shares pgwire backends between clients: pgbench -M extended and
# psycopg with unnamed statements. Session pooling: pgbench -M prepared and
# psycopg with named prepared statements; a backend handed to the next
# client has been reset by PgBouncer's DISCARD ALL. Neither log shows an
# error nobody asked for.
. "$(dirname "$0")/lib.sh"

PGBOUNCER=/usr/sbin/pgbouncer
BOUNCER_DIR="$WORK/bouncer"
BOUNCER_NAMES=()

bouncer_pid() { cat "$BOUNCER_DIR/$1.pid" 2>/dev/null; }

# bouncer_start NAME POOL_MODE POOL_SIZE [SERVER_CHECK_DELAY]: a daemon on a
# free port, in BPORT. PgBouncer refuses to run as root: pg_as_owner runs it
# as postgres.
bouncer_start() {
    local name=$1 mode=$2 size=$3 check_delay=${4:-30} pgw_port=${PORT:?pgwire not started}
    BPORT=$(free_port)
    cat >"$BOUNCER_DIR/$name.ini" <<EOF
[databases]
testdb = host=127.0.0.1 port=$pgw_port dbname=testdb
testdb_one = host=127.0.0.1 port=$pgw_port dbname=testdb pool_size=1

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $BPORT
unix_socket_dir = $BOUNCER_DIR
auth_type = trust
auth_file = $BOUNCER_DIR/userlist.txt
admin_users = tester
pool_mode = $mode
default_pool_size = $size
max_client_conn = 100
server_check_delay = $check_delay
logfile = $BOUNCER_DIR/$name.log
pidfile = $BOUNCER_DIR/$name.pid
EOF
    BOUNCER_NAMES+=("$name")
    pg_as_owner "$PGBOUNCER" -d "$BOUNCER_DIR/$name.ini" >>"$BOUNCER_DIR/$name.out" 2>&1 ||
        { fail "pgbouncer ($name) did not start"; cat "$BOUNCER_DIR/$name.out" "$BOUNCER_DIR/$name.log"; exit 1; }
    for _ in $(seq 1 200); do
        bouncer_admin "$BPORT" "SHOW VERSION" >/dev/null 2>&1 && return 0
        sleep 0.05
    done
    fail "pgbouncer ($name) not answering after 10s"; cat "$BOUNCER_DIR/$name.log"; exit 1
}

bouncer_stop() {
    local pid
    pid=$(bouncer_pid "$1")
    [ -n "$pid" ] || return 0
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 1 200); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.05
    done
    fail "pgbouncer ($1) did not stop on SIGTERM"
    kill -KILL "$pid" 2>/dev/null
}

stop_all_bouncers() {
    local name
    for name in "${BOUNCER_NAMES[@]}"; do
        bouncer_stop "$name"
    done
}

# lib.sh's trap kills pgwire; PgBouncer goes first. on_exit reads $?, so
# hand it the test's exit status again.
# shellcheck disable=SC2317  # invoked by the trap
bouncer_on_exit() {
    local rc=$?
    stop_all_bouncers
    (exit "$rc")
    on_exit
}
trap bouncer_on_exit EXIT

# bouncer_admin PORT COMMAND: PgBouncer's admin console, unaligned rows
bouncer_admin() {
    PGCONNECT_TIMEOUT=10 psql -X -q -At -F ' ' -h 127.0.0.1 -p "$1" -U tester -d pgbouncer -c "$2"
}

# run_pgbench MODE PORT LABEL: every transaction succeeds and leaves its row
BENCH_TOTAL=0
run_pgbench() {
    local out processed failed
    out=$(pgbench -n -M "$1" -c 8 -j 2 -T 2 -h 127.0.0.1 -p "$2" -U tester \
        -f "$TESTS_DIR/sql/pgbench_mix.sql" testdb 2>&1)
    printf '%s\n' "$out" | sed "s/^/  pgbench $3: /"
    processed=$(printf '%s\n' "$out" | sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p')
    failed=$(printf '%s\n' "$out" | sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p')
    if [ -z "$processed" ] || [ "$processed" -eq 0 ]; then
        fail "pgbench $3 processed no transactions"
    fi
    expect_eq "pgbench $3: no failed transactions" "0" "${failed:-missing}"
    BENCH_TOTAL=$((BENCH_TOTAL + ${processed:-0}))
    expect_eq "pgbench $3: every transaction's row is in the table" "$BENCH_TOTAL" \
        "$(pgw_psql -At -c 'SELECT count(*) FROM bench_log')"
}

# server connections PgBouncer holds for database testdb (SHOW SERVERS)
bouncer_servers() {
    bouncer_admin "$1" "SHOW SERVERS" | awk '$3 == "testdb"' | wc -l
}

if [ ! -x "$PGBOUNCER" ]; then
    fail "$PGBOUNCER not installed (scripts/install-deps installs pgbouncer)"
    pgw_finish
fi

pgw_init "log_statement: all"
# shellcheck disable=SC2119  # no options for pgwire
pgw_start
pgw_psql -c "CREATE TABLE bench_log (id integer, note text)" >/dev/null

mkdir -p "$BOUNCER_DIR"
echo '"tester" ""' >"$BOUNCER_DIR/userlist.txt"
if [ "$(id -u)" -eq 0 ]; then
    chmod 755 "$WORK"
    chown postgres "$BOUNCER_DIR"
fi

# ---- transaction pooling: 8 clients, 2 pgwire backends ----
# server_check_delay 0: PgBouncer's health check ("select 1") before every reuse
bouncer_start tx transaction 2 0
TX_PORT=$BPORT
run_pgbench extended "$TX_PORT" "-M extended (transaction pooling)"
# the pool never lost a backend: PgBouncer opened no more than it still holds
servers=$(bouncer_servers "$TX_PORT")
opened=$(grep -c "new connection to server" "$BOUNCER_DIR/tx.log")
if [ "$servers" -ge 1 ] && [ "$servers" -le 2 ] && [ "$opened" -eq "$servers" ]; then
    say "ok - 8 pgbench clients shared $servers pgwire backend(s), none lost"
else
    fail "transaction pooling: $opened server connections opened, $servers left, expected the same 1 or 2"
fi
"$PY" "$TESTS_DIR/pgbouncer_clients.py" transaction "$TX_PORT" ||
    fail "psycopg through transaction pooling (see above)"

# ---- session pooling: named prepared statements, DISCARD ALL on release ----
bouncer_start session session 10
SESSION_PORT=$BPORT
run_pgbench prepared "$SESSION_PORT" "-M prepared (session pooling)"
# again, on backends reset by DISCARD ALL: the statement names come back
run_pgbench prepared "$SESSION_PORT" "-M prepared (session pooling, reused backends)"
"$PY" "$TESTS_DIR/pgbouncer_clients.py" session "$SESSION_PORT" ||
    fail "psycopg through session pooling (see above)"

# every server connection went back to the pool idle: the reset succeeded
for _ in $(seq 1 100); do
    bouncer_admin "$SESSION_PORT" "SHOW SERVERS" | awk '$4 != "idle"' | grep -q . || break
    sleep 0.05
done
expect_eq "session pooling: every released server connection is idle again" "" \
    "$(bouncer_admin "$SESSION_PORT" "SHOW SERVERS" | awk '$4 != "idle" {print $1, $2, $4}')"

stop_all_bouncers

# one DISCARD ALL per session client that left its backend idle: 2 x 8
# pgbench clients, 1 + 6 psycopg clients (none for the one leaving
# mid-transaction)
expect_eq "session pooling: PgBouncer reset every released backend" "23" \
    "$(grep -c "statement: DISCARD ALL" "$LOG")"
# the only errors are the duplicate keys the clients provoke on purpose
expect_eq "pgwire's log: no unexpected ERROR" "" \
    "$(grep -E '(ERROR|FATAL|PANIC):' "$LOG" | grep -v 'UNIQUE constraint failed')"
# PgBouncer closes a server connection only for the client that left
# mid-transaction; any other close means pgwire confused it
expect_eq "PgBouncer's logs: no warnings, errors or dropped server connections" "" \
    "$(cat "$BOUNCER_DIR"/tx.log "$BOUNCER_DIR"/session.log |
        grep -E ' (WARNING|ERROR|FATAL) | S-0x[0-9a-f]*: .*closing because' |
        grep -v 'closing because: client disconnect while server was not ready')"

if [ "$FAILURES" -gt 0 ]; then
    for f in "$BOUNCER_DIR"/tx.log "$BOUNCER_DIR"/session.log; do
        echo "--- $f (last 40 lines)"; tail -n 40 "$f"
    done
fi
pgw_finish
