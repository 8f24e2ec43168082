"""psycopg 3 as most applications use it: server-side parameter binding
(the extended query protocol), text and binary formats, prepared
statements, pipelines, executemany, and errors in the middle of a
pipeline, against pgwire on the embedded SQLite default.

usage: psycopg_extended.py PORT
"""

import datetime
import decimal
import sys

import psycopg
from psycopg import errors, pq

from checks import Checks

PORT = int(sys.argv[1])
DSN = "host=127.0.0.1 port=%d user=tester dbname=testdb" % PORT
ck = Checks("psycopg-ext")

ROW = (1, "héllo wörld", 1.25, True, datetime.date(2024, 1, 2),
       datetime.datetime(2024, 1, 2, 3, 4, 5, 123456), b"\x00\x01\xff", 9007199254740993,
       decimal.Decimal("12.5"))

with psycopg.connect(DSN, autocommit=True) as conn:
    cur = conn.cursor()
    cur.execute("CREATE TABLE t (id integer PRIMARY KEY, name text, score float8, ok boolean,"
                " born date, seen timestamp, raw bytea, big bigint, amount numeric)")
    cur.execute("INSERT INTO t VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)", ROW)
    ck.check("INSERT with nine bound parameters", cur.rowcount, 1)
    cur.execute("INSERT INTO t (id, name) VALUES (%s, %s)", (2, None))
    ck.check("a NULL parameter", cur.rowcount, 1)

    cur.execute("SELECT * FROM t WHERE id = %s", (1,))
    ck.check("every type back in text format", cur.fetchone(), ROW)
    bcur = conn.cursor(binary=True)
    bcur.execute("SELECT * FROM t WHERE id = %s", (1,))
    ck.check("every type back in binary format", bcur.fetchone(), ROW)
    bcur.execute("SELECT name, score, ok FROM t WHERE id = %s", (2,))
    ck.check("NULLs in binary format", bcur.fetchone(), (None, None, None))
    bcur.execute("SELECT %s::int4 + 1 AS a, %s::text AS b", (41, "x"))
    ck.check("parameters cast in the text, binary results", bcur.fetchone(), (42, "x"))

    cur.execute("SELECT id FROM t WHERE id = %(k)s OR id = %(k)s + 1 ORDER BY id", {"k": 1})
    ck.check("a parameter used twice", cur.fetchall(), [(1,), (2,)])

    cur.executemany("INSERT INTO t (id, name) VALUES (%s, %s)", [(i, "n%d" % i) for i in range(10, 110)])
    cur.execute("SELECT count(*) FROM t WHERE id >= 10")
    ck.check("executemany inserted 100 rows", cur.fetchone()[0], 100)

    for i in range(7):
        cur.execute("SELECT name FROM t WHERE id = %s", (10 + i,), prepare=True)
    ck.check("a prepared statement re-executed", cur.fetchone(), ("n16",))

    with conn.pipeline():
        results = []
        for i in range(20):
            c = conn.cursor()
            c.execute("SELECT name FROM t WHERE id = %s", (20 + i,))
            results.append(c)
    ck.check("20 queries in one pipeline, answered in order",
             [c.fetchone()[0] for c in results], ["n%d" % (20 + i) for i in range(20)])

    def failing_pipeline():
        with conn.pipeline():
            conn.execute("INSERT INTO t (id, name) VALUES (%s, %s)", (500, "kept?"))
            conn.execute("INSERT INTO t (id, name) VALUES (%s, %s)", (1, "duplicate"))
            conn.execute("INSERT INTO t (id, name) VALUES (%s, %s)", (501, "skipped"))
    ck.raises("an error inside a pipeline", errors.UniqueViolation, failing_pipeline, "23505")
    cur.execute("SELECT count(*) FROM t WHERE id IN (500, 501)")
    ck.check("statements after the error in the pipeline were skipped",
             cur.fetchone()[0] in (0, 1), True)
    ck.check("connection idle after the failed pipeline", conn.info.transaction_status,
             pq.TransactionStatus.IDLE)

    ck.raises("a bad parameter value for its type", errors.InvalidTextRepresentation,
              lambda: cur.execute("SELECT %s::int4", ("abc",)), "22P02")
    ck.raises("unknown table", errors.UndefinedTable,
              lambda: cur.execute("SELECT * FROM nosuch WHERE id = %s", (1,)), "42P01")
    cur.execute("SELECT 'still usable'")
    ck.check("usable after errors", cur.fetchone()[0], "still usable")


with psycopg.connect(DSN) as conn:
    cur = conn.cursor()
    cur.execute("INSERT INTO t (id, name) VALUES (%s, %s)", (900, "in a transaction"))
    ck.check("driver-managed transaction open", conn.info.transaction_status, pq.TransactionStatus.INTRANS)
    conn.rollback()
    cur.execute("SELECT count(*) FROM t WHERE id = 900")
    ck.check("rollback undid the insert", cur.fetchone()[0], 0)
    conn.commit()

sys.exit(ck.exit_code())
