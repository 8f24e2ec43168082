#!/bin/bash
# INSERT ... RETURNING (one row, several, expressions, failures that must
# leave nothing behind) and upserts through psycopg 3, simple and extended
# protocol, text and binary: on the embedded SQLite, where pgwire emulates
# RETURNING, then on the postgres dialect, where PostgreSQL answers itself.
# The script checks PostgreSQL's answers, so both runs must see the same.
. "$(dirname "$0")/lib.sh"

pgw_start
"$PY" "$TESTS_DIR/dml_returning.py" "$PORT" || fail "sqlite: RETURNING and upserts (see above)"
pgw_use_postgres
"$PY" "$TESTS_DIR/dml_returning.py" "$PORT" || fail "postgres dialect: RETURNING and upserts (see above)"
pgw_finish
