"""Query cancellation and statement_timeout as clients use them: psycopg's
cancel() (a CancelRequest on a new connection) in the simple and extended
protocols, statement_timeout, a cancel that arrives while the session is
idle, and CancelRequests that must do nothing (wrong key, unknown pid,
1000 random ones) while a query runs.

usage: cancel.py PORT sqlite|postgres
"""

import os
import socket
import sys
import threading
import time

import psycopg
from psycopg import errors

from checks import Checks
from pgproto import Conn, backend_key, cancel_request, connect, error_fields, query, startup_packet

PORT = int(sys.argv[1])
DIALECT = sys.argv[2]
DSN = "host=127.0.0.1 port=%d user=tester dbname=testdb" % PORT
ck = Checks("cancel-" + DIALECT)

if DIALECT == "sqlite":
    LONG = ("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000000)"
            " SELECT count(*) FROM c")
    LONG_PARAM = LONG + " WHERE %s = 1"
    # about a second and a half of work, for the must-not-be-cancelled checks
    MEDIUM = ("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000000)"
              " SELECT count(*) FROM c")
else:
    LONG = "SELECT pg_sleep(30)"
    LONG_PARAM = "SELECT pg_sleep(30) WHERE %s = 1"
    MEDIUM = "SELECT pg_sleep(1.5)"


def cancelled_within(name, cur, sql, params, why, after=0.3):
    """Run sql on cur, cancel it after `after` s (why: user|timeout, or
    other: someone else cancels it, after `after` s): 57014 with
    PostgreSQL's message, within a second, and the session goes on."""
    conn = cur.connection
    if why == "user":
        threading.Timer(after, conn.cancel).start()
    start = time.monotonic()
    try:
        cur.execute(sql, params)
        ck.fail(name, "the statement was not cancelled")
        return
    except errors.QueryCanceled as e:
        took = time.monotonic() - start
        message = "canceling statement due to %s" % ("statement timeout" if why == "timeout" else "user request")
        ck.check(name + ": 57014 " + message, (e.sqlstate, str(e).strip()), ("57014", message))
        ck.check(name + ": stopped within a second", took < after + 1.0, True)
    cur.execute("SELECT 42")
    ck.check(name + ": the session runs the next query", cur.fetchone()[0], 42)


with psycopg.connect(DSN, autocommit=True) as conn:
    simple = psycopg.ClientCursor(conn)
    cancelled_within("simple protocol", simple, LONG, None, "user")
    cancelled_within("extended protocol", conn.cursor(), LONG_PARAM, (1,), "user")
    conn.execute("SET statement_timeout = 300")
    cancelled_within("statement_timeout", simple, LONG, None, "timeout")
    cancelled_within("statement_timeout, extended", conn.cursor(), LONG_PARAM, (1,), "timeout")
    conn.execute("SET statement_timeout = 0")

with psycopg.connect(DSN) as conn:
    conn.execute("CREATE TABLE IF NOT EXISTS ctx (v integer)")
    conn.commit()
    conn.execute("INSERT INTO ctx VALUES (1)")
    threading.Timer(0.3, conn.cancel).start()
    try:
        conn.execute(LONG)
        ck.fail("cancel inside a transaction block", "not cancelled")
    except errors.QueryCanceled:
        ck.ok("cancel inside a transaction block")
    ck.raises("  the block is failed until ROLLBACK", errors.InFailedSqlTransaction,
              lambda: conn.execute("SELECT 1"), "25P02")
    conn.rollback()
    ck.check("  after ROLLBACK the insert is gone",
             conn.execute("SELECT count(*) FROM ctx").fetchone()[0], 0)
    conn.commit()

# a cancel while idle stops nothing: not the next statement either
with psycopg.connect(DSN, autocommit=True) as conn:
    conn.cancel()
    time.sleep(0.3)
    ck.check("a cancel sent while idle leaves the next query alone",
             conn.execute(MEDIUM).fetchone() is not None, True)

# CancelRequests that must not match: wrong key, unknown pid, random ones
c, msgs = connect(PORT)
pid, key = backend_key(msgs)
wrong = bytes(b ^ 0xFF for b in key)
result = {}


def run_medium():
    c.send(query(MEDIUM))
    result["types"] = "".join(t for t, _ in c.read_until("Z"))


worker = threading.Thread(target=run_medium)
worker.start()
time.sleep(0.1)
for i in range(1000):
    forged = Conn(PORT)
    if i == 0:
        forged.send(cancel_request(pid, wrong))
    elif i == 1:
        forged.send(cancel_request(999999, key))
    else:
        forged.send(cancel_request(int.from_bytes(os.urandom(3), "big"), os.urandom(4)))
    ck_closed = forged.closed_by_server()
    forged.close()
    if not ck_closed:
        ck.fail("a forged CancelRequest gets no reply", "the server answered")
        break
worker.join(30)
ck.check("1000 forged CancelRequests (wrong key, unknown pid, random) cancel nothing",
         result.get("types", "")[-3:], "DCZ")
c.close()

# pg_cancel_backend / pg_terminate_backend from another session
with psycopg.connect(DSN, autocommit=True) as victim, psycopg.connect(DSN, autocommit=True) as admin:
    victim_pid = victim.execute("SELECT pg_backend_pid()").fetchone()[0]
    threading.Timer(0.3, lambda: admin.execute("SELECT pg_cancel_backend(%d)" % victim_pid)).start()
    try:
        victim.execute(LONG)
        ck.fail("pg_cancel_backend stops another session's query", "not cancelled")
    except errors.QueryCanceled as e:
        ck.check("pg_cancel_backend stops another session's query", e.sqlstate, "57014")
    ck.check("  and that session goes on", victim.execute("SELECT 7").fetchone()[0], 7)
    ck.check("pg_cancel_backend of a pid that is no backend is false",
             admin.execute("SELECT pg_cancel_backend(1)").fetchone()[0], False)
    ck.check("pg_terminate_backend is true",
             admin.execute("SELECT pg_terminate_backend(%d) AS t" % victim_pid).fetchone()[0], True)
    time.sleep(0.3)
    try:
        victim.execute("SELECT 1")
        ck.fail("the terminated session is over", "it still answers")
    except psycopg.OperationalError as e:
        ck.check("the terminated session is told why (57P01)",
                 "terminating connection due to administrator command" in str(e), True)

# the pid as a bound parameter ($1, psycopg's server-side binding), and
# PostgreSQL's permission rule: users signal their own sessions; only a
# superuser (the superusers setting names "boss") signals anyone's, and
# only a superuser signals a superuser's
def dsn_for(user):
    return DSN.replace("user=tester", "user=" + user)


with psycopg.connect(DSN, autocommit=True) as victim, \
        psycopg.connect(dsn_for("other"), autocommit=True) as other, \
        psycopg.connect(dsn_for("boss"), autocommit=True) as boss, \
        psycopg.connect(DSN, autocommit=True) as admin:
    victim_pid = victim.execute("SELECT pg_backend_pid()").fetchone()[0]
    boss_pid = boss.execute("SELECT pg_backend_pid()").fetchone()[0]
    other_pid = other.execute("SELECT pg_backend_pid()").fetchone()[0]
    ck.check("a user named in superusers is a superuser",
             boss.execute("SHOW is_superuser").fetchone()[0], "on")
    ck.check("other users are not", admin.execute("SHOW is_superuser").fetchone()[0], "off")
    threading.Timer(0.3, lambda: admin.execute("SELECT pg_cancel_backend(%s)", (victim_pid,))).start()
    cancelled_within("pg_cancel_backend($1) stops another session's query", victim.cursor(), LONG, None,
                     "other")
    ck.check("pg_cancel_backend(NULL) is NULL",
             admin.execute("SELECT pg_cancel_backend(%s::int)", (None,)).fetchone()[0], None)
    for who, conn, target, detail in [
            ("another user's", other, victim_pid, 'privileges of the "pg_signal_backend" role'),
            ("a superuser's", admin, boss_pid, "SUPERUSER attribute")]:
        for fn in ("pg_cancel_backend", "pg_terminate_backend"):
            try:
                conn.execute("SELECT %s(%%s)" % fn, (target,))
                ck.fail("%s of %s session is refused" % (fn, who), "allowed")
            except errors.InsufficientPrivilege as e:
                ck.check("%s of %s session is refused (42501)" % (fn, who),
                         (e.sqlstate, detail in (e.diag.message_detail or "")), ("42501", True))
    ck.check("a superuser may cancel anyone's query",
             boss.execute("SELECT pg_cancel_backend(%d)" % other_pid).fetchone()[0], True)
    ck.check("  and the sessions refused above go on",
             (victim.execute("SELECT 1").fetchone()[0], other.execute("SELECT 2").fetchone()[0]), (1, 2))

# protocol 3.2: a 32-byte key cancels; the same key cut to 4 bytes does not
c = Conn(PORT)
c.send(startup_packet({"user": "tester", "database": "testdb"}, version=(3 << 16) | 2))
pid, key = backend_key(c.read_until("Z"))
ck.check("protocol 3.2 session gets a 32-byte key", len(key), 32)
c.send(query(LONG))
time.sleep(0.3)
short = Conn(PORT)
short.send(cancel_request(pid, key[:4]))
short.closed_by_server()
c.sock.settimeout(0.5)
try:
    still_running = not c.sock.recv(1, socket.MSG_PEEK)
except TimeoutError:
    still_running = True
c.sock.settimeout(10)
ck.check("  the key cut to 4 bytes cancels nothing", still_running, True)
canceller = Conn(PORT)
canceller.send(cancel_request(pid, key))
canceller.closed_by_server()
msgs = c.read_until("Z")
codes = [error_fields(b)["C"] for t, b in msgs if t == "E"]
ck.check("a 32-byte CancelRequest cancels the 3.2 session's query", codes, ["57014"])
c.close()

# idle timeouts end the session with FATAL, as PostgreSQL does
for setting, begin, code in (("idle_session_timeout", "", "57P05"),
                             ("idle_in_transaction_session_timeout", "BEGIN; ", "25P03")):
    c, _ = connect(PORT)
    c.send(query("%sSET %s = 300" % (begin, setting)))
    c.read_until("Z")
    time.sleep(0.8)
    t, body = c.read_message()
    fields = error_fields(body) if t == "E" else {}
    ck.check("%s: FATAL %s, then the connection closes" % (setting, code),
             (t, fields.get("S"), fields.get("C"), c.closed_by_server()), ("E", "FATAL", code, True))
    c.close()

sys.exit(ck.exit_code())
