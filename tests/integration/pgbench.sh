#!/bin/bash
# pgbench with 8 clients for a few seconds in each query mode (simple,
# extended, prepared): every transaction succeeds and every insert is
# there afterwards.
. "$(dirname "$0")/lib.sh"

pgw_start
pgw_psql -c "CREATE TABLE bench_log (id integer, note text)" >/dev/null

total=0
for mode in simple extended prepared; do
    out=$(pgbench -n -M "$mode" -c 8 -j 2 -T 2 -h 127.0.0.1 -p "$PORT" -U tester \
        -f "$TESTS_DIR/sql/pgbench_mix.sql" testdb 2>&1)
    echo "$out" | sed "s/^/  pgbench -M $mode: /"
    processed=$(echo "$out" | sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p')
    failed=$(echo "$out" | sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p')
    [ -n "$processed" ] && [ "$processed" -gt 0 ] || fail "pgbench -M $mode processed no transactions"
    expect_eq "-M $mode: no failed transactions" "0" "${failed:-missing}"
    total=$((total + ${processed:-0}))
    expect_eq "-M $mode: every transaction's row is in the table" "$total" \
        "$(pgw_psql -At -c 'SELECT count(*) FROM bench_log')"
done

pgw_finish
