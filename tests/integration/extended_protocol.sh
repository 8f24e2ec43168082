#!/bin/bash
# The extended query protocol message by message: row limits and
# PortalSuspended, statement and portal lifetimes, Describe, parameters
# (text, binary, NULL, repeated, out of order), every error path with its
# SQLSTATE, skip-until-Sync, pipelines as one transaction. The expected
# replies were checked against PostgreSQL 15.
. "$(dirname "$0")/lib.sh"

pgw_start
"$PY" "$TESTS_DIR/extended_protocol.py" "$PORT" --sqlite || fail "extended protocol cases (see above)"
pgw_finish
