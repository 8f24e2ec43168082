#!/bin/bash
# pgbench with 8 clients for a few seconds (simple protocol): every
# transaction succeeds and every insert is there afterwards.
. "$(dirname "$0")/lib.sh"

pgw_start
pgw_psql -c "CREATE TABLE bench_log (id integer, note text)" >/dev/null

out=$(pgbench -n -M simple -c 8 -j 2 -T 3 -h 127.0.0.1 -p "$PORT" -U tester \
    -f "$TESTS_DIR/sql/pgbench_mix.sql" testdb 2>&1)
echo "$out" | sed 's/^/  pgbench: /'
processed=$(echo "$out" | sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p')
failed=$(echo "$out" | sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p')
[ -n "$processed" ] && [ "$processed" -gt 0 ] || fail "pgbench processed no transactions"
expect_eq "no failed transactions" "0" "${failed:-missing}"
expect_eq "every transaction's row is in the table" "$processed" "$(pgw_psql -At -c 'SELECT count(*) FROM bench_log')"

pgw_finish
