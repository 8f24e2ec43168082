"""psycopg 3 through PgBouncer in front of pgwire, as an application behind
a pooler sees it.

transaction: PgBouncer in transaction pooling with a pool smaller than the
    number of clients, so one pgwire backend serves several clients in
    turn; psycopg with prepare_threshold=None (unnamed statements only).
session: PgBouncer in session pooling; psycopg with named prepared
    statements (prepare=True), and a one-connection pool where the next
    client gets the backend the previous one left, after DISCARD ALL.

usage: pgbouncer_clients.py transaction|session BOUNCER_PORT
(session uses the items table that transaction creates)
"""

import datetime
import sys
import threading

import psycopg
from psycopg import errors, pq
from psycopg.types.string import TextLoader

from checks import Checks

MODE = sys.argv[1]
BOUNCER_PORT = int(sys.argv[2])
ck = Checks("bouncer-" + MODE)


def dsn(dbname="testdb", **extra):
    s = "host=127.0.0.1 port=%d user=tester dbname=%s connect_timeout=10" % (BOUNCER_PORT, dbname)
    for k, v in extra.items():
        s += " %s=%s" % (k, v)
    return s


def count(conn, where="TRUE", params=()):
    return conn.execute("SELECT count(*) FROM items WHERE " + where, params).fetchone()[0]


def transaction_mode():
    conn = psycopg.connect(dsn(), autocommit=True, prepare_threshold=None)
    conn.execute("CREATE TABLE items (id integer PRIMARY KEY, name text, qty integer)")
    cur = conn.cursor()
    cur.executemany("INSERT INTO items (id, name, qty) VALUES (%s, %s, %s)",
                    [(i, "item%d" % i, i * 10) for i in range(1, 21)])
    ck.check("parameterized inserts through the pooler", count(conn), 20)
    cur.execute("SELECT name, qty FROM items WHERE id = %s", (7,))
    ck.check("parameterized select", cur.fetchone(), ("item7", 70))
    bcur = conn.cursor(binary=True)
    bcur.execute("SELECT id, name, qty FROM items WHERE id BETWEEN %s AND %s ORDER BY id", (3, 5))
    ck.check("binary results", bcur.fetchall(),
             [(3, "item3", 30), (4, "item4", 40), (5, "item5", 50)])

    # eight clients on two server connections: every answer is the asker's
    wrong = []
    errs = []

    def worker(n):
        try:
            with psycopg.connect(dsn(), autocommit=True, prepare_threshold=None) as c:
                for i in range(25):
                    key = 1000 + n * 100 + i
                    c.execute("INSERT INTO items (id, name, qty) VALUES (%s, %s, %s)",
                              (key, "w%d" % n, i))
                    got = c.execute("SELECT id, name, qty FROM items WHERE id = %s", (key,)).fetchone()
                    if got != (key, "w%d" % n, i):
                        wrong.append((key, got))
        except Exception as e:  # noqa: BLE001 - reported as a check failure below
            errs.append("client %d: %s: %s" % (n, type(e).__name__, e))

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    ck.check("8 concurrent clients on a 2-connection pool: no errors", errs, [])
    ck.check("8 concurrent clients: every client read back its own rows", wrong, [])
    ck.check("8 concurrent clients: all 200 rows stored", count(conn, "id >= 1000"), 200)

    # PgBouncer gives each client its own application_name on a shared backend
    names = []
    clients = [psycopg.connect(dsn(application_name="app%d" % n), autocommit=True,
                               prepare_threshold=None) for n in range(4)]
    for _ in range(3):
        for n, c in enumerate(clients):
            names.append((n, c.execute("SHOW application_name").fetchone()[0]))
    for c in clients:
        c.close()
    ck.check("each client sees its own application_name on shared backends",
             names, [(n, "app%d" % n) for _ in range(3) for n in range(4)])

    # a client's SET of parameters PgBouncer tracks follows it from backend
    # to backend: PgBouncer learns them from ParameterStatus and sends the
    # next client's values ("SET DateStyle=..;SET TimeZone=..;SET
    # application_name=..;" in one Query); SET LOCAL and a rolled-back SET
    # do not stick
    conn.execute("CREATE TABLE stamps (id integer, t timestamptz)")
    conn.execute("INSERT INTO stamps VALUES (%s, %s)",
                 (1, datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)))
    a = psycopg.connect(dsn(application_name="client_a"), autocommit=True, prepare_threshold=None)
    b = psycopg.connect(dsn(application_name="client_b"), autocommit=True, prepare_threshold=None)
    for c in (a, b):  # timestamps as the server wrote them
        c.adapters.register_loader("timestamptz", TextLoader)
    b_zone = b.execute("SHOW TimeZone").fetchone()[0]
    b_style = b.execute("SHOW DateStyle").fetchone()[0]
    a.execute("SET TimeZone = 'Asia/Tokyo'")
    a.execute("SET DateStyle = 'ISO, DMY'")

    def settings():
        return [(c.execute("SHOW TimeZone").fetchone()[0], c.execute("SHOW DateStyle").fetchone()[0],
                 c.execute("SHOW application_name").fetchone()[0])
                for _ in range(3) for c in (a, b)]

    def stamps():
        return [c.execute("SELECT t FROM stamps WHERE id = %s", (1,)).fetchone()[0]
                for _ in range(3) for c in (a, b)]
    expected = [("Asia/Tokyo", "ISO, DMY", "client_a"), (b_zone, b_style, "client_b")] * 3
    ck.check("SET TimeZone and DateStyle stick to their client on shared backends",
             settings(), expected)
    ck.check("each client reads timestamptz in its own TimeZone", stamps(),
             ["2024-01-01 09:00:00+09", "2024-01-01 00:00:00+00"] * 3)
    with a.transaction():
        a.execute("SET LOCAL TimeZone = 'America/New_York'")
        ck.check("SET LOCAL inside the transaction", a.execute("SHOW TimeZone").fetchone()[0],
                 "America/New_York")
    ck.check("after COMMIT the client's own TimeZone is back", settings(), expected)
    a.execute("BEGIN")
    a.execute("SET TimeZone = 'Europe/Paris'")
    a.execute("ROLLBACK")
    ck.check("a SET rolled back does not stick", settings(), expected)
    a.close()
    b.close()

    # a pipeline: one backend until its last Sync is answered
    with conn.pipeline():
        curs = [conn.execute("SELECT name FROM items WHERE id = %s", (i,)) for i in range(1, 11)]
    ck.check("10 queries in a pipeline, answered in order",
             [c.fetchone()[0] for c in curs], ["item%d" % i for i in range(1, 11)])

    def failing_pipeline():
        with conn.pipeline():
            conn.execute("INSERT INTO items (id, name, qty) VALUES (%s, %s, %s)", (80, "pipe", 1))
            conn.execute("INSERT INTO items (id, name, qty) VALUES (%s, %s, %s)", (7, "dup", 0))
            conn.execute("INSERT INTO items (id, name, qty) VALUES (%s, %s, %s)", (81, "pipe", 1))
    ck.raises("duplicate key inside a pipeline", errors.UniqueViolation, failing_pipeline, "23505")
    ck.check("after the failed pipeline: connection idle", conn.info.transaction_status,
             pq.TransactionStatus.IDLE)
    ck.check("after the failed pipeline: the statement after the error did not run",
             count(conn, "id = %s", (81,)), 0)
    conn.execute("DELETE FROM items WHERE id = %s", (80,))

    # BEGIN ... COMMIT keeps one backend for the whole transaction
    other = psycopg.connect(dsn(), autocommit=True, prepare_threshold=None)
    with conn.transaction():
        conn.execute("INSERT INTO items (id, name, qty) VALUES (%s, %s, %s)", (50, "tx", 1))
        conn.execute("INSERT INTO items (id, name, qty) VALUES (%s, %s, %s)", (51, "tx", 2))
        ck.check("inside BEGIN: transaction status", conn.info.transaction_status,
                 pq.TransactionStatus.INTRANS)
        ck.check("inside BEGIN: the transaction sees its own rows", count(conn, "name = %s", ("tx",)), 2)
    ck.check("after COMMIT: another client sees the rows", count(other, "name = %s", ("tx",)), 2)

    class Undo(Exception):
        pass

    try:
        with conn.transaction():
            conn.execute("INSERT INTO items (id, name, qty) VALUES (%s, %s, %s)", (60, "undone", 1))
            raise Undo()
    except Undo:
        pass
    ck.check("after ROLLBACK: the row is gone", count(other, "name = %s", ("undone",)), 0)

    # errors: the client gets the SQLSTATE and keeps a usable connection
    ck.raises("duplicate key", errors.UniqueViolation,
              lambda: conn.execute("INSERT INTO items (id, name, qty) VALUES (%s, %s, %s)",
                                   (7, "dup", 0)), "23505")
    ck.check("after the error: connection idle", conn.info.transaction_status,
             pq.TransactionStatus.IDLE)
    ck.check("after the error: next query answers", conn.execute(
        "SELECT name FROM items WHERE id = %s", (7,)).fetchone(), ("item7",))

    def failing_transaction():
        with conn.transaction():
            conn.execute("INSERT INTO items (id, name, qty) VALUES (%s, %s, %s)", (70, "half", 1))
            conn.execute("INSERT INTO items (id, name, qty) VALUES (%s, %s, %s)", (7, "dup", 0))
    ck.raises("duplicate key inside BEGIN", errors.UniqueViolation, failing_transaction, "23505")
    ck.check("the failed transaction was rolled back", count(other, "name = %s", ("half",)), 0)
    ck.check("after the failed transaction: connection idle", conn.info.transaction_status,
             pq.TransactionStatus.IDLE)
    ck.check("after the failed transaction: next query answers",
             count(conn, "id < %s", (1000,)), 22)
    other.close()
    conn.close()


def session_mode():
    with psycopg.connect(dsn(), autocommit=True) as conn:
        got = [conn.execute("SELECT name, qty FROM items WHERE id = %s", (i,), prepare=True).fetchone()
               for i in range(1, 8)]
        ck.check("prepare=True select re-executed with new parameters", got,
                 [("item%d" % i, i * 10) for i in range(1, 8)])
        for i in range(10):
            conn.execute("INSERT INTO items (id, name, qty) VALUES (%s, %s, %s)",
                         (3000 + i, "prep", i), prepare=True)
        ck.check("prepare=True insert re-executed", count(conn, "name = %s", ("prep",)), 10)
        ck.raises("prepared insert with a duplicate key", errors.UniqueViolation,
                  lambda: conn.execute("INSERT INTO items (id, name, qty) VALUES (%s, %s, %s)",
                                       (3000, "dup", 0), prepare=True), "23505")
        ck.check("the prepared statement still works after the error", conn.execute(
            "SELECT name, qty FROM items WHERE id = %s", (2,), prepare=True).fetchone(), ("item2", 20))

    # testdb_one has a pool of one: the next client gets the same backend,
    # after PgBouncer's DISCARD ALL; nothing of the previous session shows
    with psycopg.connect(dsn("testdb_one"), autocommit=True) as a:
        pid_a = a.execute("SELECT pg_backend_pid()").fetchone()[0]
        ck.check("first client: prepared select", a.execute(
            "SELECT name FROM items WHERE id = %s", (3,), prepare=True).fetchone(), ("item3",))
        a.execute("SET statement_timeout = '7s'")
        a.execute("SET search_path = other")
        ck.check("first client: SET applies", a.execute("SHOW statement_timeout").fetchone()[0], "7s")
    with psycopg.connect(dsn("testdb_one"), autocommit=True) as b:
        pid_b = b.execute("SELECT pg_backend_pid()").fetchone()[0]
        ck.check("second client got the same pgwire backend", pid_b, pid_a)
        ck.check("second client: statement_timeout back to the default",
                 b.execute("SHOW statement_timeout").fetchone()[0], "0")
        ck.check("second client: search_path back to the default",
                 b.execute("SHOW search_path").fetchone()[0], '"$user", public')
        # psycopg names its first prepared statement _pg3_0 again: that name
        # must be free and must run this client's query, not the old one
        try:
            got = b.execute("SELECT qty FROM items WHERE id = %s", (4,), prepare=True).fetchone()
        except psycopg.Error as e:
            got = "%s %s" % (e.sqlstate, e)
        ck.check("second client: its own prepared statement under the reused name", got, (40,))
        ck.check("second client: connection idle", b.info.transaction_status,
                 pq.TransactionStatus.IDLE)

    # DISCARD ALL resets application_name and says so (ParameterStatus), so
    # PgBouncer sets it again for the next client that asks for the same name
    def app_name(name):
        extra = {"application_name": name} if name else {}
        with psycopg.connect(dsn("testdb_one", **extra), autocommit=True) as c:
            return c.execute("SHOW application_name").fetchone()[0]
    ck.check("a client with application_name=same", app_name("same"), "same")
    ck.check("the next client with the same application_name", app_name("same"), "same")
    ck.check("then a client without one does not inherit it", app_name(None), "")

    # a client that leaves in the middle of a transaction: PgBouncer drops
    # that backend, the work is rolled back, the next client is served
    c = psycopg.connect(dsn("testdb_one"))
    c.execute("INSERT INTO items (id, name, qty) VALUES (%s, %s, %s)", (4000, "abandoned", 1))
    ck.check("a transaction left open", c.info.transaction_status, pq.TransactionStatus.INTRANS)
    c.close()
    with psycopg.connect(dsn("testdb_one"), autocommit=True) as d:
        ck.check("the next client is served and the abandoned insert is gone",
                 count(d, "id = %s", (4000,)), 0)


if MODE == "transaction":
    transaction_mode()
else:
    session_mode()
sys.exit(ck.exit_code())
