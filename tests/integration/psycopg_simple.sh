#!/bin/bash
# psycopg 3 in simple-query mode (ClientCursor) and psycopg2, from Debian.
. "$(dirname "$0")/lib.sh"

pgw_start
"$PY" "$TESTS_DIR/psycopg_simple.py" "$PORT" || fail "psycopg checks (see above)"
pgw_finish
