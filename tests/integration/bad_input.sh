#!/bin/bash
# Bad input of every kind at the protocol level (raw bytes from Python):
# PostgreSQL-style errors with the right SQLSTATE, clean closes, and a
# postmaster that keeps serving.
. "$(dirname "$0")/lib.sh"

pgw_start
"$PY" "$TESTS_DIR/bad_input.py" "$PORT" || fail "protocol-level cases (see above)"
pgw_finish
