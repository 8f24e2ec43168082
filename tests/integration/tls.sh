#!/bin/bash
# TLS and authentication, with a test CA made by openssl in the test's
# directory: psql over SSL (require, verify-full, channel binding), SCRAM
# with right, wrong and unknown users, pg_hba.yaml rules (no entry,
# reject, hostssl/hostnossl, cert, password), byte-level negotiation cases
# (tls.py: direct SSL and ALPN, plaintext after 'S', stuffed bytes, gs2
# flags), psycopg, JDBC, PgBouncer with the same password file, reloads
# with bad certificates and a bad hba file (the old ones keep serving),
# and the password method checked by a real PostgreSQL login.
. "$(dirname "$0")/lib.sh"

CERTS="$WORK/certs"
mkdir -p "$CERTS/issued"
touch "$CERTS/index.txt"
echo 01 >"$CERTS/serial"
cat >"$CERTS/ca.cnf" <<EOF2
[ca]
default_ca = test_ca
[test_ca]
database = $CERTS/index.txt
new_certs_dir = $CERTS/issued
serial = $CERTS/serial
certificate = $CERTS/ca.crt
private_key = $CERTS/ca.key
default_md = sha256
default_days = 2
policy = any
unique_subject = no
[any]
commonName = supplied
[server_ext]
subjectAltName = DNS:localhost,IP:127.0.0.1
EOF2

ossl() {
    openssl "$@" >>"$CERTS/openssl.log" 2>&1 || { fail "openssl $1"; cat "$CERTS/openssl.log"; pgw_finish; }
}

# sign NAME CN [openssl ca options]: NAME.key and NAME.crt, signed by the test CA
sign() {
    local name=$1 cn=$2
    shift 2
    ossl req -newkey rsa:2048 -nodes -keyout "$CERTS/$name.key" -out "$CERTS/$name.csr" -subj "/CN=$cn"
    ossl ca -batch -notext -config "$CERTS/ca.cnf" -in "$CERTS/$name.csr" -out "$CERTS/$name.crt" "$@"
    chmod 600 "$CERTS/$name.key"
}

ossl req -x509 -newkey rsa:2048 -nodes -keyout "$CERTS/ca.key" -out "$CERTS/ca.crt" -days 2 -subj "/CN=pgwire test CA"
sign server localhost -extensions server_ext
sign other localhost -extensions server_ext
sign expired localhost -extensions server_ext -startdate 20200101000000Z -enddate 20200102000000Z
sign certuser certuser
sign wrongname someoneelse

pgw_init "ssl: on" "ssl_ca_file: ca.crt" "log_connections: on"
cp "$CERTS/server.crt" "$CERTS/server.key" "$CERTS/ca.crt" "$DATA/"
cat >"$DATA/pg_hba.yaml" <<'EOF2'
- {type: local, database: all, user: all, method: trust}
- {type: host, database: all, user: tester, address: 127.0.0.1/32, method: trust}
- {type: host, database: trustdb, user: all, address: 127.0.0.1/32, method: trust}
- {type: hostssl, database: rejected, user: all, address: all, method: reject}
- {type: hostssl, database: all, user: certuser, address: 127.0.0.1/32, method: cert}
- {type: host, database: all, user: pwuser, address: 127.0.0.1/32, method: password}
- {type: hostnossl, database: all, user: plainuser, address: 127.0.0.1/32, method: trust}
- {type: host, database: all, user: [alice, nobody], address: 127.0.0.1/32, method: scram-sha-256}
EOF2

# ---- pgwire-ctl passwd ----
out=$(echo "alicepw" | "$PGWIRE_CTL" -D "$DATA" passwd alice 2>&1)
expect_contains "passwd reports where" "Password of user \"alice\" set in \"$DATA/passwords\"" "$out"
expect_eq "the password file is private" "600" "$(stat -c %a "$DATA/passwords")"
expect_contains "it holds a SCRAM secret in PgBouncer's format" '"alice" "SCRAM-SHA-256$4096:' "$(cat "$DATA/passwords")"
grep -q alicepw "$DATA/passwords" && fail "the password itself is in the password file"
echo "bobpw" | "$PGWIRE_CTL" -D "$DATA" passwd bob >/dev/null
echo "alicepw" | "$PGWIRE_CTL" -D "$DATA" passwd alice >/dev/null
expect_eq "setting a password again replaces the line" "2" "$(wc -l <"$DATA/passwords")"
out=$(printf '' | "$PGWIRE_CTL" -D "$DATA" passwd alice 2>&1); rc=$?
expect_eq "passwd without a password fails" "1" "$rc"

# ---- a bad certificate stops the server at start, with the reason ----
out=$(timeout 20 "$PGWIRE" -D "$DATA" -c ssl_cert_file=missing.crt 2>&1); rc=$?
expect_eq "start with a missing certificate fails" "1" "$rc"
expect_contains "and says which file" 'could not load server certificate file "missing.crt"' "$out"
chmod 644 "$DATA/server.key"
out=$(timeout 20 "$PGWIRE" -D "$DATA" 2>&1)
expect_contains "a key others can read is refused" 'private key file "server.key" has group or world access' "$out"
chmod 600 "$DATA/server.key"
out=$(timeout 20 "$PGWIRE" -D "$DATA" -c hba_file=elsewhere.yaml 2>&1)
expect_contains "an hba_file that was named must exist" 'could not load hba file "elsewhere.yaml"' "$out"

# a data directory from before pg_hba.yaml: everyone is trusted, with a warning
mv "$DATA/pg_hba.yaml" "$WORK/pg_hba.yaml"
pgw_start
expect_contains "no pg_hba.yaml: a warning at start" 'WARNING:  hba file "pg_hba.yaml" does not exist: every connection is trusted' \
    "$(cat "$LOG")"
expect_eq "and any user gets in, as before" "0" \
    "$(PGCONNECT_TIMEOUT=10 psql -X -At -d "host=127.0.0.1 port=$PORT dbname=testdb user=stranger" -c 'SELECT 0' 2>&1)"
pgw_stop
mv "$WORK/pg_hba.yaml" "$DATA/pg_hba.yaml"

pgw_start

# tls_psql CONNINFO COMMAND: one command, unaligned output or psql's error
tls_psql() {
    PGCONNECT_TIMEOUT=10 psql -X -q -At -d "port=$PORT dbname=testdb $1" -c "$2" 2>&1
}
VERIFY="host=localhost sslmode=verify-full sslrootcert=$CERTS/ca.crt"

# ---- psql over TLS with SCRAM ----
expect_contains "sslmode=require: an SSL connection" "SSL connection (protocol: TLSv1.3" \
    "$(PGPASSWORD=alicepw tls_psql "host=127.0.0.1 user=alice sslmode=require" '\conninfo')"
expect_eq "verify-full against the test CA" "1" \
    "$(PGPASSWORD=alicepw tls_psql "user=alice $VERIFY" 'SELECT 1')"
expect_eq "channel_binding=require (SCRAM-SHA-256-PLUS)" "2" \
    "$(PGPASSWORD=alicepw tls_psql "host=127.0.0.1 user=alice sslmode=require channel_binding=require" 'SELECT 2')"
expect_eq "SCRAM without TLS" "3" \
    "$(PGPASSWORD=alicepw tls_psql "host=127.0.0.1 user=alice sslmode=disable" 'SELECT 3')"
expect_contains "a wrong password" 'FATAL:  password authentication failed for user "alice"' \
    "$(PGPASSWORD=wrong tls_psql "host=127.0.0.1 user=alice sslmode=require" 'SELECT 1')"
expect_contains "an unknown user: the same message" 'FATAL:  password authentication failed for user "nobody"' \
    "$(PGPASSWORD=alicepw tls_psql "host=127.0.0.1 user=nobody sslmode=require" 'SELECT 1')"
grep -q 'authentication of user "nobody" failed: Role "nobody" does not exist.' "$LOG" ||
    fail "the log says why nobody failed"

# ---- hba rules ----
expect_contains "no rule: host, user, database and SSL named" \
    'FATAL:  no pg_hba.conf entry for host "127.0.0.1", user "stranger", database "testdb", SSL encryption' \
    "$(tls_psql "host=127.0.0.1 user=stranger sslmode=require" 'SELECT 1')"
expect_contains "no rule, without SSL" \
    'FATAL:  no pg_hba.conf entry for host "127.0.0.1", user "stranger", database "testdb", no encryption' \
    "$(tls_psql "host=127.0.0.1 user=stranger sslmode=disable" 'SELECT 1')"
expect_contains "reject" \
    'FATAL:  pg_hba.conf rejects connection for host "127.0.0.1", user "alice", database "rejected", SSL encryption' \
    "$(PGPASSWORD=alicepw tls_psql "host=127.0.0.1 user=alice dbname=rejected sslmode=require" 'SELECT 1')"
expect_eq "hostnossl matches a plain connection" "4" \
    "$(tls_psql "host=127.0.0.1 user=plainuser sslmode=disable" 'SELECT 4')"
expect_contains "and not an SSL one" 'no pg_hba.conf entry for host "127.0.0.1", user "plainuser", database "testdb", SSL encryption' \
    "$(tls_psql "host=127.0.0.1 user=plainuser sslmode=require" 'SELECT 4')"
expect_eq "the Unix socket (local rule)" "5" \
    "$(PGCONNECT_TIMEOUT=10 psql -X -At -h "$SOCKDIR" -p "$PORT" -U stranger -d testdb -c 'SELECT 5' 2>&1)"

# ---- cert ----
expect_eq "cert: a client certificate whose CN is the user" "6" \
    "$(tls_psql "user=certuser $VERIFY sslcert=$CERTS/certuser.crt sslkey=$CERTS/certuser.key" 'SELECT 6')"
expect_contains "cert: another CN" 'FATAL:  certificate authentication failed for user "certuser"' \
    "$(tls_psql "user=certuser $VERIFY sslcert=$CERTS/wrongname.crt sslkey=$CERTS/wrongname.key" 'SELECT 6')"
expect_contains "cert: no certificate" 'FATAL:  connection requires a valid client certificate' \
    "$(tls_psql "user=certuser $VERIFY sslcert=$WORK/none.crt" 'SELECT 6')"

# ---- password: cleartext only over TLS; SQLite ignores credentials ----
expect_contains "password method without SSL is refused" \
    'FATAL:  password authentication for user "pwuser" requires an SSL connection' \
    "$(PGPASSWORD=x tls_psql "host=127.0.0.1 user=pwuser sslmode=disable" 'SELECT 7')"
expect_eq "password method over SSL (SQLite accepts any password)" "7" \
    "$(PGPASSWORD=anything tls_psql "host=127.0.0.1 user=pwuser sslmode=require" 'SELECT 7')"

pgw_set password_allow_plaintext on
"$PGWIRE_CTL" -D "$DATA" reload >/dev/null
sleep 0.5
expect_eq "password method without SSL once password_allow_plaintext is on" "7" \
    "$(PGPASSWORD=x tls_psql "host=127.0.0.1 user=pwuser sslmode=disable" 'SELECT 7')"
pgw_set password_allow_plaintext off
"$PGWIRE_CTL" -D "$DATA" reload >/dev/null
sleep 0.5

# ---- pgwire-ctl status shows encrypted sessions ----
session_open psql -X -q -At -d "host=127.0.0.1 port=$PORT dbname=testdb user=tester sslmode=require"
printf "SELECT 'open';\n" >&"$SESSION_IN"
read -r -t 10 line <&"$SESSION_OUT"
expect_contains "status marks a TLS session" "client 127.0.0.1 (ssl TLSv1.3)" "$("$PGWIRE_CTL" -D "$DATA" status)"
wait_session

# ---- byte-level cases ----
"$PY" "$TESTS_DIR/tls.py" "$PORT" || fail "byte-level TLS cases (see above)"
grep -q "could not accept SSL connection" "$LOG" || fail "the log says why plaintext after S was dropped"
grep -q "received direct SSL connection request without ALPN" "$LOG" || fail "the log names a direct SSL without ALPN"

# ---- psycopg 3: SCRAM-PLUS, a cancel and an idle timeout on a TLS session ----
expect_eq "psycopg: SCRAM with channel binding, cancel, idle timeout over TLS" "8 True
cancelled
timed out" "$("$PY" - "$PORT" <<'PYEOF' 2>&1
import sys, threading, time, psycopg
from psycopg import errors
LONG = ("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000000)"
        " SELECT count(*) FROM c")
with psycopg.connect(host="127.0.0.1", port=sys.argv[1], dbname="testdb", user="alice", password="alicepw",
                     sslmode="require", channel_binding="require", autocommit=True) as conn:
    print(conn.execute("SELECT 8").fetchone()[0], conn.pgconn.ssl_in_use)
    threading.Timer(0.5, conn.cancel).start()
    try:
        conn.execute(LONG)
        print("not cancelled")
    except errors.QueryCanceled:
        print("cancelled")
    conn.execute("SET idle_session_timeout = '300ms'")
    time.sleep(1)
    try:
        conn.execute("SELECT 1")
        print("still open")
    except psycopg.OperationalError as e:
        print("timed out" if "idle-session timeout" in str(e) else str(e))
PYEOF
)"

# ---- JDBC ----
JDBC_JAR=/usr/share/java/postgresql.jar
if command -v javac >/dev/null 2>&1 && [ -r "$JDBC_JAR" ] &&
    javac -d "$WORK/classes" -cp "$JDBC_JAR" "$TESTS_DIR/jdbc/JdbcTls.java"; then
    jdbc() { java -cp "$JDBC_JAR:$WORK/classes" JdbcTls "$@" 2>&1; }
    URL="jdbc:postgresql://127.0.0.1:$PORT/testdb"
    expect_eq "JDBC: ssl=true sslmode=require, SCRAM" "ok 1" \
        "$(jdbc "$URL" ssl=true sslmode=require user=alice password=alicepw)"
    expect_eq "JDBC: verify-full against the test CA" "ok 1" \
        "$(jdbc "jdbc:postgresql://localhost:$PORT/testdb" sslmode=verify-full "sslrootcert=$CERTS/ca.crt" user=alice password=alicepw)"
    expect_contains "JDBC: a wrong password" "error 28P01" \
        "$(jdbc "$URL" sslmode=require user=alice password=wrong)"
else
    fail "javac or $JDBC_JAR missing (scripts/install-deps installs them)"
fi

# ---- PgBouncer: scram-sha-256 with pgwire's password file, SCRAM to pgwire over TLS ----
PGBOUNCER=/usr/sbin/pgbouncer
BOUNCER_DIR="$WORK/bouncer"
BOUNCER_PID=
if [ -x "$PGBOUNCER" ]; then
    mkdir -p "$BOUNCER_DIR"
    cp "$DATA/passwords" "$BOUNCER_DIR/userlist.txt"
    BPORT=$(free_port)
    cat >"$BOUNCER_DIR/bouncer.ini" <<EOF2
[databases]
testdb = host=127.0.0.1 port=$PORT dbname=testdb

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $BPORT
unix_socket_dir = $BOUNCER_DIR
auth_type = scram-sha-256
auth_file = $BOUNCER_DIR/userlist.txt
server_tls_sslmode = require
pool_mode = session
logfile = $BOUNCER_DIR/bouncer.log
pidfile = $BOUNCER_DIR/bouncer.pid
EOF2
    if [ "$(id -u)" -eq 0 ]; then
        chmod 755 "$WORK"
        chown -R postgres "$BOUNCER_DIR"
    fi
    bouncer_stop() {
        local pid
        pid=$(cat "$BOUNCER_DIR/bouncer.pid" 2>/dev/null)
        [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null
        for _ in $(seq 1 100); do
            [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
            sleep 0.05
        done
    }
    # shellcheck disable=SC2317  # invoked by the trap
    bouncer_on_exit() {
        local rc=$?
        bouncer_stop
        (exit "$rc")
        on_exit
    }
    trap bouncer_on_exit EXIT
    if pg_as_owner "$PGBOUNCER" -d "$BOUNCER_DIR/bouncer.ini" >"$WORK/bouncer.out" 2>&1; then
        for _ in $(seq 1 100); do
            [ -s "$BOUNCER_DIR/bouncer.pid" ] && break
            sleep 0.05
        done
        sleep 0.2
        expect_eq "PgBouncer: a SCRAM client, passed on to pgwire with SCRAM over TLS" "9" \
            "$(PGPASSWORD=alicepw PGCONNECT_TIMEOUT=10 psql -X -At -h 127.0.0.1 -p "$BPORT" -U alice -d testdb -c 'SELECT 9' 2>&1)"
        expect_contains "PgBouncer: a wrong password" "authentication failed" \
            "$(PGPASSWORD=wrong PGCONNECT_TIMEOUT=10 psql -X -At -h 127.0.0.1 -p "$BPORT" -U alice -d testdb -c 'SELECT 9' 2>&1)"
        grep -q 'connection authenticated: user="alice" method=scram-sha-256' "$LOG" ||
            fail "pgwire's log shows no SCRAM login"
        bouncer_stop
    else
        fail "pgbouncer did not start"
        cat "$WORK/bouncer.out" "$BOUNCER_DIR/bouncer.log" 2>/dev/null
    fi
else
    fail "$PGBOUNCER not installed (scripts/install-deps installs pgbouncer)"
fi

# ---- reloads: bad certificates and a bad hba file keep the old ones ----
served_cert() {
    "$PY" - "$PORT" <<'PYEOF'
import hashlib, sys
from pgproto import SSL_REQUEST, Conn, tls_context
c = Conn(int(sys.argv[1]))
c.send(SSL_REQUEST)
c.read_byte()
c.start_tls(tls_context())
print(hashlib.sha256(c.sock.getpeercert(True)).hexdigest())
PYEOF
}
cert_hash() { openssl x509 -in "$1" -outform DER | sha256sum | cut -d' ' -f1; }

reload_and_wait() {
    local before
    before=$(grep -c "received SIGHUP" "$LOG")
    "$PGWIRE_CTL" -D "$DATA" reload >/dev/null
    for _ in $(seq 1 100); do
        [ "$(grep -c "received SIGHUP" "$LOG")" -gt "$before" ] && break
        sleep 0.05
    done
    sleep 0.3
}

cp "$CERTS/expired.crt" "$DATA/server.crt"
cp "$CERTS/expired.key" "$DATA/server.key"
reload_and_wait
grep -q 'server certificate file "server.crt" expired on Jan  2 00:00:00 2020 GMT' "$LOG" ||
    fail "the log says the new certificate has expired"
grep -q "SSL configuration was not reloaded" "$LOG" || fail "the log says the SSL configuration was kept"
expect_eq "after an expired certificate: the old one still serves" "$(cert_hash "$CERTS/server.crt")" "$(served_cert)"
expect_eq "and verify-full still works" "10" "$(PGPASSWORD=alicepw tls_psql "user=alice $VERIFY" 'SELECT 10')"

cp "$CERTS/other.crt" "$DATA/server.crt"
cp "$CERTS/server.key" "$DATA/server.key"
reload_and_wait
grep -q 'could not load private key file "server.key": key values mismatch' "$LOG" ||
    fail "the log says the key does not match"
expect_eq "after a mismatched key: the old certificate still serves" "$(cert_hash "$CERTS/server.crt")" "$(served_cert)"

cp "$CERTS/other.key" "$DATA/server.key"
reload_and_wait
expect_eq "a good new certificate is taken on reload" "$(cert_hash "$CERTS/other.crt")" "$(served_cert)"
expect_eq "and verifies" "11" "$(PGPASSWORD=alicepw tls_psql "user=alice $VERIFY" 'SELECT 11')"

cp "$DATA/pg_hba.yaml" "$WORK/pg_hba.good"
echo "- {type: host, database: all, user: all, address: nowhere, method: trust}" >>"$DATA/pg_hba.yaml"
reload_and_wait
grep -q 'hba file "pg_hba.yaml" was not reloaded' "$LOG" || fail "the log says the hba file was kept"
grep -q 'invalid IP address "nowhere"' "$LOG" || fail "the log says what is wrong with the hba file"
expect_contains "after a bad hba file: the old rules still decide" 'no pg_hba.conf entry for host "127.0.0.1", user "stranger"' \
    "$(tls_psql "host=127.0.0.1 user=stranger sslmode=require" 'SELECT 1')"
cp "$WORK/pg_hba.good" "$DATA/pg_hba.yaml"
echo "- {type: host, database: all, user: stranger, address: 127.0.0.1/32, method: trust}" >>"$DATA/pg_hba.yaml"
reload_and_wait
expect_eq "a good hba file is taken on reload" "12" "$(tls_psql "host=127.0.0.1 user=stranger sslmode=require" 'SELECT 12')"

pgw_set ssl off
reload_and_wait
expect_contains "ssl off on reload: SSL refused" "server does not support SSL" \
    "$(tls_psql "host=127.0.0.1 user=tester sslmode=require" 'SELECT 1')"
pgw_set ssl on
reload_and_wait
expect_eq "and on again" "13" "$(tls_psql "host=127.0.0.1 user=tester sslmode=require" 'SELECT 13')"

# ---- the password method, decided by a real PostgreSQL login ----
pgw_use_postgres
pg_psql -c "CREATE ROLE pwuser LOGIN PASSWORD 'pgsecret'" >/dev/null
sed -i '1i host all pwuser 127.0.0.1/32 scram-sha-256' "$PG_DIR/data/pg_hba.conf"
pg_psql -c "SELECT pg_reload_conf()" >/dev/null
sleep 0.3
expect_eq "password method: pgwire logs in to PostgreSQL as the user" "pwuser" \
    "$(PGPASSWORD=pgsecret tls_psql "host=127.0.0.1 user=pwuser sslmode=require" 'SELECT current_user')"
expect_contains "password method: PostgreSQL refuses a wrong password" \
    'FATAL:  password authentication failed for user "pwuser"' \
    "$(PGPASSWORD=wrong tls_psql "host=127.0.0.1 user=pwuser sslmode=require" 'SELECT current_user')"

# ---- no password ever reaches the log ----
for secret in alicepw bobpw pgsecret anything; do
    grep -q "$secret" "$LOG" && fail "password \"$secret\" is in the server log"
done
pgw_finish
