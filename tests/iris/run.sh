#!/bin/bash
# The IRIS suite: pgwire in front of a real IRIS, for a user who has one.
# It runs when PGWIRE_TEST_IRIS_DSN is an ODBC connection string to an
# IRIS namespace the test may create and drop tables in (docs/iris.md), and
# is skipped (exit 77) otherwise:
#
#   PGWIRE_TEST_IRIS_DSN='Driver=/usr/irissys/bin/libirisodbcur6435.so;Host=...;Port=1972;Namespace=USER;UID=...;PWD=...' \
#       make -C build check TESTS=tests/iris/run.sh
#
# PGWIRE_TEST_IRIS_VERSION (default 2025.1) is the release, for the row
# limit style. What runs: the golden corpus's iris side end to end (every
# case with an "-> iris" expectation, tables dropped before and after each
# file), then clients.py (psycopg: types, collation, limits, transactions,
# errors, cancel, statement_timeout, 4096-dimension vectors bound and inlined:
# vector_parameters), then psql.
. "$(dirname "$0")/../integration/lib.sh"

if [ -z "${PGWIRE_TEST_IRIS_DSN:-}" ]; then
    say "SKIP: PGWIRE_TEST_IRIS_DSN is not set (an ODBC connection string to an IRIS namespace; see docs/iris.md)"
    rm -rf "$WORK"
    exit 77
fi
IRIS_DIR="$PGWIRE_SRCDIR/tests/iris"

pgw_init
pgw_set dialect iris
pgw_set odbc_connection_string "\"${PGWIRE_TEST_IRIS_DSN//\"/\\\"}\""
pgw_set iris_version "${PGWIRE_TEST_IRIS_VERSION:-2025.1}"
pgw_start
expect_eq "pgwire reaches IRIS" "1" "$(pgw_psql -At -c 'SELECT 1' 2>&1)"

for file in "$PGWIRE_SRCDIR"/tests/translate/*.txt; do
    timeout 600 "$PY" "$TESTS_DIR/corpus_live.py" "$PORT" "$file" iris --clean ||
        fail "$(basename "$file"): the iris side on IRIS (see above)"
done

"$PY" "$IRIS_DIR/clients.py" "$PORT" iris || fail "clients on IRIS (see above)"

out=$(pgw_psql -v ON_ERROR_STOP=1 2>&1 <<'SQL'
CREATE TABLE pgw_iris_psql (id serial PRIMARY KEY, name text NOT NULL);
INSERT INTO pgw_iris_psql (name) VALUES ('a'), ('b');
SELECT id, name FROM pgw_iris_psql ORDER BY id;
DROP TABLE pgw_iris_psql;
SQL
)
expect_contains "psql: serial ids and multi-row VALUES" " 2 | b" "$out"
pgw_finish
