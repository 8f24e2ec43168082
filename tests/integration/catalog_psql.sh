#!/bin/bash
# psql's \d family on pgwire's catalog (the embedded SQLite database),
# printed exactly as PostgreSQL 15 prints it for the same schema; \l, \du,
# \conninfo and tab completion.
. "$(dirname "$0")/lib.sh"

SQL="$TESTS_DIR/sql"
pgw_init "log_statement: all"
pgw_start
pgw_psql -f "$SQL/catalog_schema.sql" || fail "schema"
pgw_psql -f "$SQL/catalog_describe.sql" >"$WORK/pgwire.out" 2>&1

# --- the same schema on PostgreSQL, through psql as the same user ---
if pg_start; then
    pg_as_owner psql -X -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres \
        -c "CREATE ROLE tester SUPERUSER LOGIN" -c "CREATE DATABASE testdb OWNER tester" >/dev/null
    psql -X -q -h 127.0.0.1 -p "$PG_PORT" -U tester -d testdb -f "$SQL/catalog_schema.sql"
    psql -X -q -h 127.0.0.1 -p "$PG_PORT" -U tester -d testdb -f "$SQL/catalog_describe.sql" \
        >"$WORK/postgres.out" 2>&1
    if diff -u "$WORK/postgres.out" "$WORK/pgwire.out"; then
        say "ok - \\d family as PostgreSQL 15 prints it"
    else
        fail "psql's \\d output differs from PostgreSQL's (above: - postgres, + pgwire)"
    fi
    # the postgres dialect: the same catalog, read through psqlODBC's metadata
    pgw_stop
    SQLITE_ODBC=$(sed -n 's/^odbc_connection_string: //p' "$DATA/pgwire.yaml")
    pgw_set dialect postgres
    pgw_set odbc_connection_string \
        "\"Driver=/usr/lib/x86_64-linux-gnu/odbc/psqlodbcw.so;Server=127.0.0.1;Port=$PG_PORT;Database=testdb;UID=tester\""
    pgw_start
    pgw_psql -f "$SQL/catalog_describe.sql" >"$WORK/pgwire-postgres.out" 2>&1
    if diff -u "$WORK/postgres.out" "$WORK/pgwire-postgres.out"; then
        say "ok - \\d family through psqlODBC as PostgreSQL 15 prints it"
    else
        fail "postgres dialect: psql's \\d output differs from PostgreSQL's (above)"
    fi
    pgw_stop
    pgw_set dialect sqlite
    pgw_set odbc_connection_string "$SQLITE_ODBC"
    pgw_start
else
    say "PostgreSQL not available: key lines only"
fi
OUT=$(cat "$WORK/pgwire.out")
expect_contains "\\d foo: varchar" " name   | character varying(40)    |           | not null | 'x'::character varying" "$OUT"
expect_contains "\\d foo: numeric" " amount | numeric(12,3)" "$OUT"
expect_contains "\\d foo: primary key" '"foo_pkey" PRIMARY KEY, btree (id)' "$OUT"
expect_contains "\\d foo: unique" '"foo_name_key" UNIQUE CONSTRAINT, btree (name)' "$OUT"
expect_contains "\\d foo: referenced by" \
    'TABLE "bar" CONSTRAINT "bar_foo_id_fkey" FOREIGN KEY (foo_id) REFERENCES foo(id) ON DELETE CASCADE' "$OUT"
expect_contains "\\d bar: foreign key" \
    '"bar_foo_id_fkey" FOREIGN KEY (foo_id) REFERENCES foo(id) ON DELETE CASCADE' "$OUT"
expect_contains "\\d foo: referenced by a second table" \
    'TABLE "foo_tree" CONSTRAINT "foo_tree_foo_id_fkey" FOREIGN KEY (foo_id) REFERENCES foo(id)' "$OUT"
expect_contains "\\d foo_tree: referenced by itself" \
    'TABLE "foo_tree" CONSTRAINT "foo_tree_parent_fkey" FOREIGN KEY (parent) REFERENCES foo_tree(id)' "$OUT"
expect_contains "\\d bar: index" '"bar_note" btree (note)' "$OUT"

# --- what differs from a PostgreSQL server by nature: its databases, roles, sizes ---
expect_contains "\\l" " testdb | tester | UTF8" "$(pgw_psql -c '\l' 2>&1)"
expect_contains "\\du" " tester    |" "$(pgw_psql -c '\du' 2>&1)"
expect_contains "\\dt+" " public | foo      | table | tester | permanent   | heap" "$(pgw_psql -c '\dt+' 2>&1)"
expect_contains "\\dT" " public | vector |" "$(pgw_psql -c '\dT' 2>&1)"
expect_contains "\\conninfo" 'You are connected to database "testdb" as user "tester"' "$(pgw_psql -c '\conninfo' 2>&1)"

# --- the rest of the \d family runs (most have nothing to show) ---
for c in '\dt+' '\d+ foo' '\di+' '\dv+' '\dn+' '\l+' '\dx' '\dx+' '\dE' '\dm' '\ds' '\dD' '\dc' '\do' \
    '\dp' '\dd' '\dy' '\dL' '\dO' '\dF' '\dA' '\db' '\dC' '\dg' '\dT+' '\df+' '\da' '\dP' '\dX' '\z' \
    '\dconfig' '\dRp' '\dRs' '\des' '\dew'; do
    out=$(pgw_psql -c "$c" 2>&1)
    case "$out" in
        *ERROR*) fail "$c: $out" ;;
    esac
done
expect_contains "\\sf of no function" 'ERROR:  function "nosuch" does not exist' "$(pgw_psql -c '\sf nosuch' 2>&1)"

# --- tab completion: every query psql sends runs ---
seen=$(wc -l <"$LOG")
"$PY" "$TESTS_DIR/catalog_tab.py" "$PORT"
n=$(tail -n +"$((seen + 1))" "$LOG" | grep -c "statement: SELECT")
if [ "$n" -lt 10 ]; then
    fail "tab completion sent only $n queries"
fi
if tail -n +"$((seen + 1))" "$LOG" | grep -E "\] ERROR:"; then
    fail "a query failed (above)"
fi
pgw_finish
