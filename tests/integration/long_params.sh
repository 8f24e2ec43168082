#!/bin/bash
# Long parameter values, sent to the driver in pieces (SQLPutData): on the
# embedded SQLite default and on PostgreSQL through psqlODBC, with psycopg 3.
. "$(dirname "$0")/lib.sh"

pgw_start
"$PY" "$TESTS_DIR/long_params.py" "$PORT" sqlite || fail "long parameters on SQLite (see above)"
pgw_use_postgres
"$PY" "$TESTS_DIR/long_params.py" "$PORT" postgres || fail "long parameters through psqlODBC (see above)"
pgw_finish
