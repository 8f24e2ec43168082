#!/bin/bash
# pg_catalog and information_schema: psycopg 3 and psycopg2 read the catalog
# pgwire builds from the database's ODBC metadata: the embedded SQLite
# default, then the postgres dialect (psqlODBC).
. "$(dirname "$0")/lib.sh"

pgw_start
"$PY" "$TESTS_DIR/catalog.py" "$PORT" || fail "catalog checks (see above)"
pgw_use_postgres
"$PY" "$TESTS_DIR/catalog.py" "$PORT" || fail "catalog checks on the postgres dialect (see above)"
pgw_finish
