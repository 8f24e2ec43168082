#!/bin/bash
# COPY with real clients, on the embedded SQLite default and on the postgres
# dialect (psqlODBC to a private PostgreSQL):
#  - psql's \copy FROM files (text; CSV with a header, NULLs, quotes,
#    newlines inside quotes, unicode) and \copy TO files, whose bytes must
#    be exactly what PostgreSQL 15 writes for the same data;
#  - psycopg 3 (copy_psycopg.py): write_row, raw blocks, rows back, errors
#    with CONTEXT, CopyFail, transactions, the sub-protocol byte by byte;
#  - pgbench -i (COPY pgbench_accounts FROM STDIN and the DDL around it),
#    then pgbench on the tables it made;
#  - on SQLite, COPY FROM both ways rows can travel (copy_sqlite.py): packed
#    batches through pgwire_rows() with pgwire_vector.so loaded, multi-row
#    VALUES without it, with the same stored values and errors.
. "$(dirname "$0")/lib.sh"

if ! pg_start; then
    fail "PostgreSQL server not available (scripts/install-deps installs it)"
    pgw_finish
fi

TABLE="CREATE TABLE people (id integer, name text, note varchar(40), score float8, ok boolean, born date)"

# The data: every escape of the text format, and CSV's quotes.
printf '%s\n' \
    '1	plain	\N	1.5	t	2024-01-02' \
    '2	tab\there	back\\slash	-0.25	f	\N' \
    '3	new\nline	cr\rhere	1e+100	\N	1999-12-31' \
    '4	ünïcødé ✓	😀 emoji	0	t	2000-02-29' \
    '5	\N	\N	\N	\N	\N' \
    '6		empty name	3	f	2024-12-31' \
    '7	octal \101 hex \x42	\\N literally	12345.678	t	1970-01-01' \
    > "$WORK/in.txt"
printf '%s\r\n' 'id,name,note,score,ok,born' \
    '10,"comma, inside","quote "" inside",1,t,2024-01-02' \
    '11,"two' 'lines",,2.5,f,' \
    '12,"",NULL,,,' \
    '13,ünïcødé,"😀",-1,t,1999-12-31' \
    > "$WORK/in.csv"

# copy_round_trip CLIENT OUT: load both files and write three, with CLIENT
# (a psql function); OUT.txt, OUT.csv and OUT.pipe are written
copy_round_trip() {
    local client=$1 out=$2
    $client -v ON_ERROR_STOP=1 -c "DROP TABLE IF EXISTS people" -c "$TABLE" >/dev/null &&
        $client -v ON_ERROR_STOP=1 -c "\\copy people FROM '$WORK/in.txt'" &&
        $client -v ON_ERROR_STOP=1 -c "\\copy people FROM '$WORK/in.csv' WITH (FORMAT csv, HEADER)" &&
        $client -v ON_ERROR_STOP=1 -c "\\copy people TO '$out.txt'" &&
        $client -v ON_ERROR_STOP=1 -c "\\copy (SELECT * FROM people ORDER BY id DESC) TO '$out.csv' WITH CSV HEADER FORCE QUOTE note" &&
        $client -v ON_ERROR_STOP=1 -c "\\copy people (id, name) TO '$out.pipe' WITH (DELIMITER '|', NULL '<null>')"
}

pg_psql_ref() { psql -X -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres "$@"; }

copy_round_trip pg_psql_ref "$WORK/ref" || fail "PostgreSQL itself refused the test data"
expect_eq "the reference holds 11 rows" "11" "$(wc -l < "$WORK/ref.txt")"

check_round_trip() {
    local label=$1
    copy_round_trip pgw_psql "$WORK/$label" || fail "$label: \\copy through pgwire failed"
    for ext in txt csv pipe; do
        if cmp -s "$WORK/ref.$ext" "$WORK/$label.$ext"; then
            say "ok - $label: \\copy TO ($ext) writes the bytes PostgreSQL writes"
        else
            fail "$label: \\copy TO ($ext) differs from PostgreSQL's"
            diff "$WORK/ref.$ext" "$WORK/$label.$ext" | head -20
        fi
    done
}

run_psycopg() {
    "$PY" "$TESTS_DIR/copy_psycopg.py" "$PORT" || fail "$1: psycopg COPY checks (see above)"
}

# ---- SQLite ----
pgw_init
pgw_set log_min_messages debug1     # says which way COPY FROM's rows travel
pgw_start
check_round_trip sqlite
run_psycopg sqlite

# pgbench -i loads pgbench_accounts with COPY, around DROP, CREATE ... WITH
# (fillfactor), TRUNCATE, VACUUM ANALYZE and ALTER TABLE ... ADD PRIMARY KEY
out=$(pgbench -i -s 1 -h 127.0.0.1 -p "$PORT" -U tester testdb 2>&1)
echo "$out" | sed 's/^/  pgbench -i: /'
expect_contains "pgbench -i -s 1 finishes" "done in" "$out"
expect_eq "pgbench_accounts has 100000 rows" "100000" \
    "$(pgw_psql -At -c 'SELECT count(*) FROM pgbench_accounts')"
expect_eq "its primary key refuses a duplicate" "23505" \
    "$(pgw_psql -At -v VERBOSITY=verbose -c 'INSERT INTO pgbench_accounts VALUES (1, 1, 0, NULL)' 2>&1 |
       sed -n 's/^ERROR:  \([0-9A-Z]*\):.*/\1/p')"
out=$(pgbench -c 4 -j 2 -T 3 -h 127.0.0.1 -p "$PORT" -U tester testdb 2>&1)
echo "$out" | sed 's/^/  pgbench: /'
failed=$(echo "$out" | sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p')
processed=$(echo "$out" | sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p')
[ -n "$processed" ] && [ "$processed" -gt 0 ] || fail "pgbench processed no transactions"
expect_eq "pgbench -c 4 on the initialised tables: no failed transactions" "0" "${failed:-missing}"
expect_eq "every transaction is in pgbench_history" "$processed" \
    "$(pgw_psql -At -c 'SELECT count(*) FROM pgbench_history')"

# run_copy_sqlite LABEL WAY [packed]: copy_sqlite.py, and the log saying its COPYs went WAY
run_copy_sqlite() {
    local seen
    seen=$(wc -l < "$LOG")
    "$PY" "$TESTS_DIR/copy_sqlite.py" "$PORT" "${@:3}" || fail "$1: COPY on SQLite (see above)"
    expect_eq "$1: COPY FROM's rows went $2" "$2" \
        "$(tail -n +"$((seen + 1))" "$LOG" | sed -n 's/.*COPY: rows go \(in packed batches\|as multi-row VALUES\).*/\1/p' | sort -u)"
    # a batch the database refused whose rows each went in: the way itself failed
    expect_eq "$1: no batch failed where its rows did not" "" \
        "$(tail -n +"$((seen + 1))" "$LOG" | grep "each row alone was inserted")"
}
run_copy_sqlite "with pgwire_vector.so" "in packed batches" packed

# without the extension (a connection string without LoadExt=): multi-row VALUES
pgw_stop
pgw_set odbc_connection_string "$(sed -n 's/^odbc_connection_string: \(.*\);LoadExt=[^"]*"$/\1"/p' "$DATA/pgwire.yaml")"
pgw_start
run_copy_sqlite "without pgwire_vector.so" "as multi-row VALUES"

# ---- the postgres dialect (the reference server, through psqlODBC) ----
pgw_stop
pgw_set dialect postgres
pgw_set odbc_connection_string "$(pg_odbc_string)"
pgw_start
check_round_trip postgres
run_psycopg postgres

pgw_finish
