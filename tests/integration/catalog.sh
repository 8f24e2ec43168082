#!/bin/bash
# pg_catalog and information_schema: psycopg 3 and psycopg2 read the catalog
# pgwire builds from the SQLite database's ODBC metadata.
. "$(dirname "$0")/lib.sh"

pgw_start
"$PY" "$TESTS_DIR/catalog.py" "$PORT" || fail "catalog checks (see above)"
pgw_finish
