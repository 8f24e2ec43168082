#!/bin/bash
# The database behind pgwire: failed connects give FATAL 08001, a lost
# connection gives FATAL 08006 and never a hang, and the postgres dialect
# (psqlODBC to a private PostgreSQL) answers psql exactly as PostgreSQL and
# passes the extended-protocol and psycopg tests.
. "$(dirname "$0")/lib.sh"

verbose_psql() { PGCONNECT_TIMEOUT=10 psql -X -At -v VERBOSITY=verbose -h 127.0.0.1 -p "$PORT" -U tester -d testdb "$@" 2>&1; }

# --- SQLite file that cannot be opened ---
pgw_init
pgw_set odbc_connection_string '"Driver=/usr/lib/x86_64-linux-gnu/odbc/libsqlite3odbc.so;Database=/nonexistent/dir/x.db;NoCreat=1"'
pgw_start
expect_contains "unopenable database: FATAL 08001" "FATAL 08001: could not connect to the database" "$(pgw_login_error)"

# --- a driver that does not exist ---
pgw_stop
pgw_set odbc_connection_string '"Driver=/nonexistent/libnothing.so"'
pgw_start
out=$(pgw_login_error)
expect_contains "missing driver: FATAL 08001" "FATAL 08001: could not connect to the database" "$out"
expect_contains "and unixODBC's reason" "libnothing.so" "$out"

# --- the postgres dialect ---
pgw_use_postgres

actual=$(cd "$TESTS_DIR/sql" && psql -X -h 127.0.0.1 -p "$PORT" -U tester -d testdb -f psql_session.sql 2>&1)
expect_eq "postgres dialect: psql session output matches PostgreSQL's" \
    "$(cat "$TESTS_DIR/expected/psql_session.out")" "$actual"
"$PY" "$TESTS_DIR/extended_protocol.py" "$PORT" || fail "postgres dialect: extended protocol cases"
"$PY" "$TESTS_DIR/psycopg_extended.py" "$PORT" || fail "postgres dialect: psycopg extended-protocol checks"

# the database kills pgwire's connection: the session ends with 08006, others go on
session_open verbose_psql
echo "SELECT 'connected';" >&"$SESSION_IN"
read -r -t 10 line <&"$SESSION_OUT"
expect_eq "session connected" "connected" "$line"
pg_psql -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()" >/dev/null
echo "SELECT 'after';" >&"$SESSION_IN"
got=$(timeout 10 cat <&"$SESSION_OUT")
expect_contains "lost database connection: FATAL 08006" "FATAL:  08006: terminating connection because the database connection was lost" "$got"
wait_session
expect_eq "a new session gets a new database connection" "1" "$(verbose_psql -c 'SELECT 1')"

# the database is down: new sessions are refused with 08001, promptly
pg_stop
expect_contains "database down: FATAL 08001" "FATAL 08001: could not connect to the database" "$(pgw_login_error)"

pgw_finish
