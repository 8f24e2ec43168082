#!/bin/bash
# SQLAlchemy 1.4's PostgreSQL dialect (psycopg2) reflects the database and
# runs the ORM through pgwire's catalog: the embedded SQLite default, then
# the postgres dialect (psqlODBC's metadata).
. "$(dirname "$0")/lib.sh"

if ! "$PY" -c "import sqlalchemy" 2>/dev/null; then
    fail "SQLAlchemy not found (package python3-sqlalchemy)"
    pgw_finish
fi
pgw_start
"$PY" "$TESTS_DIR/catalog_sqlalchemy.py" "$PORT" || fail "SQLAlchemy on SQLite (see above)"
pgw_use_postgres
"$PY" "$TESTS_DIR/catalog_sqlalchemy.py" "$PORT" || fail "SQLAlchemy on the postgres dialect (see above)"
pgw_finish
