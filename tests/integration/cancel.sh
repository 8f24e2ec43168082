#!/bin/bash
# Query cancellation and statement_timeout on both real databases: the
# embedded SQLite (a long recursive query) and PostgreSQL through psqlODBC
# (pg_sleep). Also psql's Ctrl-C, and a backend killed mid-transaction.
LOG_ALLOW='terminated by signal 9'
. "$(dirname "$0")/lib.sh"

# psql sends a CancelRequest when it gets SIGINT
psql_ctrl_c() {
    local sql=$1 out
    out=$(mktemp "$WORK/psql.XXXXXX")
    psql -X -h 127.0.0.1 -p "$PORT" -U tester -d testdb -c "$sql" >"$out" 2>&1 &
    local psql_pid=$!
    sleep 0.5
    kill -INT "$psql_pid"
    wait "$psql_pid"
    cat "$out"
}

pgw_init
pgw_set superusers boss
pgw_start
"$PY" "$TESTS_DIR/cancel.py" "$PORT" sqlite || fail "cancel checks on SQLite (see above)"
expect_contains "psql Ctrl-C cancels a SQLite query" "canceling statement due to user request" \
    "$(psql_ctrl_c "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000000) SELECT count(*) FROM c")"

# a backend killed in the middle of a transaction: committed rows stay,
# uncommitted ones are gone, the others go on, its slot is free again
pgw_psql -c "CREATE TABLE killed (v integer); INSERT INTO killed VALUES (1)" >/dev/null
session_open pgw_psql -At
printf "BEGIN;\nINSERT INTO killed VALUES (2);\nSELECT pg_backend_pid();\n" >&"$SESSION_IN"
read -r -t 10 victim <&"$SESSION_OUT"
kill -KILL "$victim" 2>/dev/null || fail "no backend pid to kill (got '$victim')"
wait_session
expect_eq "after SIGKILL: committed row kept, uncommitted row gone" "1" \
    "$(pgw_psql -At -c 'SELECT v FROM killed' 2>&1)"
pgw_stop

# with max_connections 2, a killed backend's place is free again
pgw_set max_connections 2
pgw_start
session_open pgw_psql -At
echo "SELECT pg_backend_pid();" >&"$SESSION_IN"
read -r -t 10 victim <&"$SESSION_OUT"
kill -KILL "$victim"
wait_session
sleep 0.3
expect_eq "two sessions after a killed one (max_connections 2)" "1
1" "$(pgw_psql -At -c 'SELECT 1' & pgw_psql -At -c 'SELECT 1'; wait)"
pgw_stop

# shutdown modes with a query running: smart lets it finish, fast stops it
# with 57P01 at once, immediate tells the client and goes
LONG_SQLITE="WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000000) SELECT count(*) FROM c"
SECONDS_SQLITE="WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000000) SELECT count(*) FROM c"

# shutdown_mid_query SIGNAL SQL: run SQL, send SIGNAL after 0.5 s; the
# client's output is left in $WORK/mid.out, the stop's duration in elapsed_ms
shutdown_mid_query() {
    pgw_start
    psql -X -At -h 127.0.0.1 -p "$PORT" -U tester -d testdb -v VERBOSITY=verbose -c "$2" \
        >"$WORK/mid.out" 2>&1 &
    local query_pid=$!
    sleep 0.5
    local start
    start=$(date +%s%N)
    pgw_stop "$1"
    elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
    wait "$query_pid"
}

pgw_set max_connections 100
shutdown_mid_query TERM "$SECONDS_SQLITE"
expect_eq "smart shutdown lets a running query finish" "3000000" "$(cat "$WORK/mid.out")"
shutdown_mid_query INT "$LONG_SQLITE"
[ "$elapsed_ms" -lt 3000 ] || fail "fast shutdown waited ${elapsed_ms} ms for a running query"
expect_contains "fast shutdown stops a running query with 57P01" \
    "FATAL:  57P01: terminating connection due to administrator command" "$(cat "$WORK/mid.out")"
shutdown_mid_query QUIT "$LONG_SQLITE"
[ "$elapsed_ms" -lt 3000 ] || fail "immediate shutdown took ${elapsed_ms} ms with a running query"
expect_contains "immediate shutdown tells a running query's client" \
    "terminating connection due to immediate shutdown command" "$(cat "$WORK/mid.out")"

pgw_use_postgres
"$PY" "$TESTS_DIR/cancel.py" "$PORT" postgres || fail "cancel checks on PostgreSQL (see above)"
expect_contains "psql Ctrl-C cancels a PostgreSQL query" "canceling statement due to user request" \
    "$(psql_ctrl_c "SELECT pg_sleep(30)")"
pgw_finish
