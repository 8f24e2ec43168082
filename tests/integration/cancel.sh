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

# a fast shutdown does not wait for a running query: the client hears 57P01
pgw_set max_connections 100
pgw_start
psql -X -h 127.0.0.1 -p "$PORT" -U tester -d testdb -v VERBOSITY=verbose \
    -c "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000000) SELECT count(*) FROM c" \
    >"$WORK/fast.out" 2>&1 &
query_pid=$!
sleep 0.5
start=$(date +%s%N)
pgw_stop INT
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
wait "$query_pid"
[ "$elapsed_ms" -lt 3000 ] || fail "fast shutdown waited ${elapsed_ms} ms for a running query"
expect_contains "fast shutdown stops a running query with 57P01" \
    "FATAL:  57P01: terminating connection due to administrator command" "$(cat "$WORK/fast.out")"

pgw_use_postgres
"$PY" "$TESTS_DIR/cancel.py" "$PORT" postgres || fail "cancel checks on PostgreSQL (see above)"
expect_contains "psql Ctrl-C cancels a PostgreSQL query" "canceling statement due to user request" \
    "$(psql_ctrl_c "SELECT pg_sleep(30)")"
pgw_finish
