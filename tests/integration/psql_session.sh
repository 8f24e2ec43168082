#!/bin/bash
# psql drives a scripted session (DDL, DML, transactions, errors in a block,
# multi-statement queries, SET/SHOW) against pgwire on the embedded SQLite
# default; the output must match, line for line, what PostgreSQL prints.
. "$(dirname "$0")/lib.sh"

pgw_start

actual=$(cd "$TESTS_DIR/sql" && psql -X -h 127.0.0.1 -p "$PORT" -U tester -d testdb -f psql_session.sql 2>&1)
expected=$(cat "$TESTS_DIR/expected/psql_session.out")
expect_eq "psql session output matches PostgreSQL's" "$expected" "$actual"

# the server reports itself the way drivers parse it
version=$(pgw_psql -At -c "SHOW server_version")
expect_contains "server_version is a PostgreSQL version with a pgwire suffix" "(pgwire " "$version"
funcs=$(pgw_psql -At -c "SELECT current_database(), current_user, pg_backend_pid() > 0, version() LIKE 'PostgreSQL 16%'")
expect_eq "session functions answer for this session" "testdb|tester|t|t" "$funcs"

# data survives the session and a server restart (it lives in the SQLite file)
pgw_psql -c "CREATE TABLE kept (v text)" -c "INSERT INTO kept VALUES ('still here')" >/dev/null
pgw_stop INT
pgw_start
expect_eq "committed rows survive a restart" "still here" "$(pgw_psql -At -c 'SELECT v FROM kept')"

pgw_finish
