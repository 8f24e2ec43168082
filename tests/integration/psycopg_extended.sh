#!/bin/bash
# psycopg 3 with server-side binding: the extended protocol, binary
# formats, prepared statements and pipelines.
. "$(dirname "$0")/lib.sh"

pgw_start
"$PY" "$TESTS_DIR/psycopg_extended.py" "$PORT" || fail "psycopg extended-protocol checks (see above)"
pgw_finish
