#!/bin/bash
# pgwire-ctl behaves like pg_ctl: init, start -w, status, reload, restart,
# stop -m, exit codes, and a clear failure for a broken configuration.
. "$(dirname "$0")/lib.sh"

PORT=$(free_port)
OPTS="-p $PORT -k $SOCKDIR -h 127.0.0.1"
CTL() { "$PGWIRE_CTL" -D "$DATA" "$@"; }

out=$(CTL init 2>&1)
expect_contains "init says how to start" "pgwire-ctl -D $DATA -l $DATA/server.log start" "$out"
[ -f "$DATA/pgwire.yaml" ] || fail "init wrote no pgwire.yaml"
expect_eq "data directory is private" "700" "$(stat -c %a "$DATA")"
out=$(CTL init 2>&1); rc=$?
expect_eq "init of a non-empty directory fails" "1" "$rc"
expect_contains "and says why" "exists but is not empty" "$out"

out=$(CTL status 2>&1); rc=$?
expect_eq "status without a server exits 3" "3" "$rc"
expect_contains "status says so" "no server running" "$out"
out=$(CTL stop 2>&1); rc=$?
expect_eq "stop without a server exits 1" "1" "$rc"
expect_contains "stop says why" 'PID file' "$out"

out=$(CTL -l "$LOG" -o "$OPTS" start 2>&1); rc=$?
expect_eq "start -w exits 0" "0" "$rc"
expect_contains "start waits and reports" "server started" "$out"
expect_eq "the server answers" "1" "$(pgw_psql -At -c 'SELECT 1')"
expect_eq "and on its Unix socket" "2" "$(psql -X -At -h "$SOCKDIR" -p "$PORT" -U tester -d testdb -c 'SELECT 2')"
out=$(CTL status 2>&1); rc=$?
expect_eq "status with a server exits 0" "0" "$rc"
expect_contains "status shows the PID" "server is running (PID: " "$out"
expect_contains "status shows the options" "$OPTS" "$out"
session_open pgw_psql -At
printf "BEGIN;\nSELECT 'in a block';\n" >&"$SESSION_IN"
read -r -t 10 line <&"$SESSION_OUT"
out=$(CTL status 2>&1)
expect_contains "status lists a backend idle in a transaction, with its user, database and last query" \
    "idle in transaction, user tester, database testdb, client 127.0.0.1, transaction for " "$out"
expect_contains "status shows the last query" ", query: SELECT 'in a block';" "$out"
wait_session
pgw_psql -At -c "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000000) SELECT count(*) FROM c" >/dev/null &
sleep 0.5
out=$(CTL status 2>&1)
expect_contains "status shows a running query and for how long" "active, user tester, database testdb, client 127.0.0.1, transaction for " "$out"
expect_contains "  (its duration)" ", query running for " "$out"
wait

# logging to a file, with PostgreSQL's connection lines, switched on by reload
cat >> "$DATA/pgwire.yaml" <<YAML
log_directory: log
log_filename: server-%Y.log
log_connections: on
log_disconnections: on
YAML
out=$(CTL reload 2>&1)
expect_contains "reload signals the server" "server signaled" "$out"
sleep 0.5
pgw_psql -c "SELECT 1" >/dev/null
sleep 0.3
logfile="$DATA/log/server-$(date +%Y).log"
[ -f "$logfile" ] || fail "log_directory: no $logfile"
logged=$(cat "$logfile" 2>/dev/null)
expect_contains "connection received line" "LOG:  connection received: host=127.0.0.1 port=" "$logged"
expect_contains "connection authorized line" "LOG:  connection authorized: user=tester database=testdb application_name=psql" "$logged"
expect_contains "disconnection line" "LOG:  disconnection: session time: 0:00:0" "$logged"
expect_contains "lines carry timestamp and pid" "$(date +%Y-%m-%d)" "$(grep -m1 'connection received' "$logfile")"

old_pid=$(head -1 "$DATA/postmaster.pid")
out=$(CTL -l "$LOG" restart 2>&1); rc=$?
expect_eq "restart exits 0" "0" "$rc"
new_pid=$(head -1 "$DATA/postmaster.pid")
[ "$old_pid" != "$new_pid" ] || fail "restart kept the same postmaster"
expect_eq "restart reused the start options" "3" "$(pgw_psql -At -c 'SELECT 3')"

out=$(CTL stop -m smart 2>&1); rc=$?
expect_eq "stop -m smart exits 0" "0" "$rc"
expect_contains "stop waits and reports" "server stopped" "$out"
[ -e "$DATA/postmaster.pid" ] && fail "postmaster.pid left after stop"

sed -i "s/^max_connections: .*/max_connections: lots/" "$DATA/pgwire.yaml"
out=$(CTL -l "$WORK/bad.log" -o "$OPTS" start 2>&1); rc=$?
expect_eq "start with a broken configuration exits 1" "1" "$rc"
expect_contains "and points at the log" "could not start server" "$out"
expect_contains "the log names file, line and parameter" \
    "pgwire.yaml:$(grep -n 'max_connections: lots' "$DATA/pgwire.yaml" | cut -d: -f1): invalid value for parameter \"max_connections\"" \
    "$(cat "$WORK/bad.log")"

pgw_finish
