#!/bin/bash
# Repeated statements and prepared statements while tables change, on the
# embedded SQLite default and on PostgreSQL through psqlODBC.
. "$(dirname "$0")/lib.sh"

count_logged() {
    grep -c "statement: SELECT 'logged-3-times'" "$LOG"
}

pgw_init "log_statement: all"
pgw_start
"$PY" "$TESTS_DIR/schema_changes.py" "$PORT" || fail "schema change checks on SQLite (see above)"
expect_eq "each run of a repeated statement logged (SQLite)" 3 "$(count_logged)"

pgw_use_postgres
"$PY" "$TESTS_DIR/schema_changes.py" "$PORT" || fail "schema change checks on PostgreSQL (see above)"
expect_eq "each run of a repeated statement logged (PostgreSQL)" 6 "$(count_logged)"
pgw_finish
