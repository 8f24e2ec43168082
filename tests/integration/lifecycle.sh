#!/bin/bash
# The postmaster's life: max_connections, a backend killed with SIGKILL,
# SIGHUP reload (good and bad files), the pid-file lock, and smart, fast
# and immediate shutdown as pg_ctl stop -m drives them.
. "$(dirname "$0")/lib.sh"

LOG_ALLOW='terminated by signal 9'
pgw_init "max_connections: 3"
pgw_start
"$PY" "$TESTS_DIR/lifecycle.py" "$PORT" 3 || fail "connection limit / crash isolation (see above)"
expect_contains "the killed backend is logged with its signal" "terminated by signal 9: Killed" "$(cat "$LOG")"

# --- a second server on the same data directory is refused ---
out=$("$PGWIRE" -D "$DATA" -p "$(free_port)" 2>&1)
expect_contains "second server refused by the lock file" 'lock file "postmaster.pid" already exists' "$out"

# --- reload ---
pgw_psql -c "CREATE TABLE r (v float8)" -c "INSERT INTO r VALUES (1.0 / 3)" >/dev/null
expect_eq "default extra_float_digits: shortest exact text" \
    "0.333333333333333" "$(pgw_psql -At -c 'SELECT v FROM r')"
pgw_set extra_float_digits -3
echo "port: 1" >> "$DATA/pgwire.yaml"      # a duplicate key: the whole file is refused
kill -HUP "$SERVER_PID"; sleep 0.5
expect_contains "duplicate key in the reloaded file is reported" 'specified more than once' "$(cat "$LOG")"
expect_contains "bad reload keeps the old configuration" 'contains errors; no changes were applied' "$(cat "$LOG")"
sed -i '/^port: 1$/d' "$DATA/pgwire.yaml"
pgw_set port $((PORT + 1))
kill -HUP "$SERVER_PID"; sleep 0.5
expect_contains "port change needs a restart" 'parameter "port" cannot be changed without restarting the server' "$(cat "$LOG")"
expect_contains "reloaded parameter is logged" 'parameter "extra_float_digits" changed to "-3"' "$(cat "$LOG")"
expect_eq "new sessions use the reloaded default" "-3" "$(pgw_psql -At -c 'SHOW extra_float_digits')"
expect_eq "and format floats with it" "0.333333333333" "$(pgw_psql -At -c 'SELECT v FROM r')"
expect_eq "the server still listens on the old port" "1" "$(pgw_psql -At -c 'SELECT 1')"
pgw_set port "$PORT"

# --- smart shutdown: existing session goes on, new ones are refused ---
session_open pgw_psql -At
echo "SELECT 'before';" >&"$SESSION_IN"
read -r -t 10 line <&"$SESSION_OUT"
expect_eq "session open before smart shutdown" "before" "$line"
kill -TERM "$SERVER_PID"; sleep 0.5
refused=$(pgw_psql -At -c "SELECT 1" 2>&1)
expect_contains "new connection refused during smart shutdown" "the database system is shutting down" "$refused"
echo "SELECT 'during';" >&"$SESSION_IN"
read -r -t 10 line <&"$SESSION_OUT"
expect_eq "existing session still served during smart shutdown" "during" "$line"
kill -0 "$SERVER_PID" 2>/dev/null || fail "server exited while a session was open"
echo '\q' >&"$SESSION_IN"
wait_session
for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.05; done
if kill -0 "$SERVER_PID" 2>/dev/null; then fail "smart shutdown did not finish after the last client left"; fi
wait "$SERVER_PID" 2>/dev/null; SERVER_PID=
[ -e "$DATA/postmaster.pid" ] && fail "postmaster.pid left behind after smart shutdown"
[ -e "$SOCKDIR/.s.PGSQL.$PORT" ] && fail "Unix socket left behind after smart shutdown"

# --- fast shutdown: clients get 57P01, open transactions roll back ---
pgw_start
session_open pgw_psql -At -v VERBOSITY=verbose
printf "BEGIN;\nINSERT INTO r VALUES (42);\nSELECT 'in transaction';\n" >&"$SESSION_IN"
for _ in 1 2 3; do read -r -t 10 line <&"$SESSION_OUT"; [ "$line" = "in transaction" ] && break; done
expect_eq "transaction open before fast shutdown" "in transaction" "$line"
pgw_stop INT
printf "SELECT 1;\n" >&"$SESSION_IN" 2>/dev/null
got=$(timeout 10 cat <&"$SESSION_OUT")
expect_contains "client told why: 57P01" "57P01" "$got"
expect_contains "client told why: message" "terminating connection due to administrator command" "$got"
wait_session
pgw_start
expect_eq "fast shutdown rolled the open transaction back" "0" "$(pgw_psql -At -c 'SELECT count(*) FROM r WHERE v = 42')"

# --- immediate shutdown ---
session_open pgw_psql -At
echo "SELECT 'alive';" >&"$SESSION_IN"
read -r -t 10 line <&"$SESSION_OUT"
start=$(date +%s%N)
pgw_stop QUIT
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$elapsed_ms" -lt 6000 ] || fail "immediate shutdown took ${elapsed_ms} ms"
printf "SELECT 1;\n" >&"$SESSION_IN" 2>/dev/null
got=$(timeout 10 cat <&"$SESSION_OUT")
expect_contains "client told about immediate shutdown" "immediate shutdown" "$got"
wait_session

# --- a stale pid file (dead process) does not block a start ---
printf '999999\n%s\n0\n%s\n\n\n0\nready   \n' "$DATA" "$PORT" > "$DATA/postmaster.pid"
pgw_start
expect_eq "starts over a stale postmaster.pid" "1" "$(pgw_psql -At -c 'SELECT 1')"

# --- listen_addresses '*': every IPv4 and IPv6 address ---
pgw_stop INT
pgw_start -h '*'
expect_contains "'*' listens on IPv4" 'listening on IPv4 address "0.0.0.0"' "$(cat "$LOG")"
expect_eq "reachable on 127.0.0.1" "4" "$(pgw_psql -At -c 'SELECT 4')"
if "$PY" -c 'import socket; s = socket.socket(socket.AF_INET6); s.bind(("::1", 0))' 2>/dev/null; then
    expect_contains "'*' listens on IPv6" 'listening on IPv6 address "::"' "$(cat "$LOG")"
    expect_eq "reachable on ::1" "6" "$(PGCONNECT_TIMEOUT=10 psql -X -At -h ::1 -p "$PORT" -U tester -d testdb -c 'SELECT 6')"
else
    say "no IPv6 loopback on this machine: IPv6 check skipped"
fi

# TCP keepalives as the session asked (tcp_keepalives_idle in its startup options)
session_open env PGOPTIONS="-c tcp_keepalives_idle=77" psql -X -At -h 127.0.0.1 -p "$PORT" -U tester -d testdb
echo "SELECT 'connected';" >&"$SESSION_IN"
read -r -t 10 line <&"$SESSION_OUT"
for _ in $(seq 1 50); do    # once the reply is acknowledged, the keepalive timer runs
    sockets=$(ss -tno state established "( sport = :$PORT )")
    [[ "$sockets" == *keepalive* ]] && break
    sleep 0.1
done
expect_contains "the session's socket has keepalives every 77 s" "keepalive,1min1" "$sockets"
wait_session

pgw_finish
