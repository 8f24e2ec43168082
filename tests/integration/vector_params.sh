#!/bin/bash
# How vector parameters reach the database: bound or written into the
# statement (vector_parameters), on the embedded default, with psycopg 3.
. "$(dirname "$0")/lib.sh"

pgw_start
"$PY" "$TESTS_DIR/vector_params.py" "$PORT" || fail "vector parameters bound and inline (see above)"
pgw_finish
