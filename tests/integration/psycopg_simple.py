"""psycopg 3 (ClientCursor in autocommit mode: the simple query protocol;
psycopg 3 sends its own BEGIN/COMMIT through the extended protocol) and
psycopg2 (simple protocol throughout, driver-managed transactions) against
pgwire on the embedded SQLite default: types as Python values, row counts,
transaction status, and errors raised as the right exception classes.

usage: psycopg_simple.py PORT
"""

import datetime
import sys

import psycopg
import psycopg2
from psycopg import errors, pq

from checks import Checks

PORT = int(sys.argv[1])
DSN = "host=127.0.0.1 port=%d user=tester dbname=testdb" % PORT
ck = Checks("psycopg")
check = ck.check
raises = ck.raises


with psycopg.connect(DSN, cursor_factory=psycopg.ClientCursor, autocommit=True) as conn:
    cur = conn.cursor()
    check("fresh connection is idle", conn.info.transaction_status, pq.TransactionStatus.IDLE)
    cur.execute("BEGIN")
    check("BEGIN opens a transaction block", conn.info.transaction_status, pq.TransactionStatus.INTRANS)
    cur.execute("CREATE TABLE t (id integer PRIMARY KEY, name text, score float8, ok boolean,"
                " born date, seen timestamp, raw bytea, big bigint)")
    cur.execute("COMMIT")
    check("COMMIT returns to idle", conn.info.transaction_status, pq.TransactionStatus.IDLE)

    rows = [
        (1, "ascii", 1.5, True, datetime.date(2024, 1, 2), datetime.datetime(2024, 1, 2, 3, 4, 5, 500000), b"\x00\x01\xff", 9007199254740993),
        (2, "ünïcødé ✓", -0.1, False, None, None, None, None),
        (3, "it's; \"quoted\"", 1e300, None, datetime.date(1999, 12, 31), datetime.datetime(2000, 1, 1), b"", -1),
    ]
    cur.execute("BEGIN")
    for r in rows:
        cur.execute("INSERT INTO t VALUES (%s, %s, %s, %s, %s, %s, %s, %s)", r)
        check("INSERT rowcount %d" % r[0], cur.rowcount, 1)
    cur.execute("COMMIT")

    cur.execute("VALUES (1, 'a'), (2, 'b')")
    check("VALUES returns its rows", ([d.name for d in cur.description], cur.fetchall()),
          (["column1", "column2"], [(1, "a"), (2, "b")]))
    cur.execute("(SELECT 'in parentheses' AS q)")
    check("a query in parentheses returns its row", cur.fetchall(), [("in parentheses",)])

    cur.execute("SELECT id, name, score, ok, born, seen, raw, big FROM t ORDER BY id")
    got = cur.fetchall()
    check("three rows back", len(got), 3)
    check("ints, text, floats, bools, dates, timestamps, bytea, bigint round-trip",
          [tuple(bytes(v) if isinstance(v, memoryview) else v for v in row) for row in got], rows)
    check("column names", [d.name for d in cur.description],
          ["id", "name", "score", "ok", "born", "seen", "raw", "big"])
    check("column type OIDs", [d.type_code for d in cur.description],
          [23, 25, 701, 16, 1082, 1114, 17, 20])

    cur.execute("BEGIN")
    cur.execute("UPDATE t SET score = score * 2 WHERE id < 3")
    check("UPDATE rowcount", cur.rowcount, 2)
    cur.execute("DELETE FROM t WHERE id = 99")
    check("DELETE of nothing: rowcount 0", cur.rowcount, 0)
    raises("duplicate key -> UniqueViolation", errors.UniqueViolation,
           lambda: cur.execute("INSERT INTO t (id) VALUES (1)"))
    check("error inside the block -> status INERROR", conn.info.transaction_status,
          pq.TransactionStatus.INERROR)
    raises("next statement -> InFailedSqlTransaction", errors.InFailedSqlTransaction,
           lambda: cur.execute("SELECT 1"))
    cur.execute("ROLLBACK")
    check("ROLLBACK -> idle", conn.info.transaction_status, pq.TransactionStatus.IDLE)
    cur.execute("SELECT score FROM t WHERE id = 1")
    check("the rolled-back UPDATE left the row alone", cur.fetchone()[0], 1.5)

    raises("missing table -> UndefinedTable", errors.UndefinedTable,
           lambda: cur.execute("SELECT * FROM nowhere"))
    raises("syntax error -> SyntaxError", errors.SyntaxError,
           lambda: cur.execute("SELEC 1"))
    raises("missing column -> UndefinedColumn", errors.UndefinedColumn,
           lambda: cur.execute("SELECT nope FROM t"))
    raises("NOT NULL -> NotNullViolation", errors.NotNullViolation,
           lambda: cur.execute("CREATE TABLE nn (v text NOT NULL); INSERT INTO nn VALUES (NULL)"))
    cur.execute("SELECT count(*) FROM t WHERE 1 = 0")
    check("the failed multi-statement query left no table behind", cur.fetchone()[0], 0)
    raises("... really: nn does not exist", errors.UndefinedTable, lambda: cur.execute("SELECT * FROM nn"))

    cur.execute("SELECT count(*) AS n FROM t")
    check("autocommit count", cur.fetchone()[0], 3)
    # SQLite's driver returns no rows for it: pgwire reads the row back itself
    cur.execute("INSERT INTO t (id, name) VALUES (99, 'returned') RETURNING id, name")
    check("INSERT ... RETURNING on SQLite", (cur.fetchall(), cur.statusmessage),
          ([(99, "returned")], "INSERT 0 1"))
    raises("UPDATE ... RETURNING on SQLite -> FeatureNotSupported", errors.FeatureNotSupported,
           lambda: cur.execute("UPDATE t SET name = 'x' WHERE id = 99 RETURNING id"), "0A000")
    cur.execute("SELECT name FROM t WHERE id = 99")
    check("the refused UPDATE ... RETURNING changed nothing", cur.fetchone()[0], "returned")
    cur.execute("DELETE FROM t WHERE id = 99")
    check("autocommit stays idle", conn.info.transaction_status, pq.TransactionStatus.IDLE)
    check("server_version parameter", conn.info.parameter_status("server_version").split(" ")[0], "16.6")
    cur.execute("SET TimeZone = 'America/New_York'")
    check("ParameterStatus follows SET", conn.info.parameter_status("TimeZone"), "America/New_York")

    # a result larger than one network batch streams through intact (the
    # cast: SQLite cannot say what type a CTE's column has)
    cur.execute("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 50000)"
                " SELECT x::int4 AS x, 'row ' || x AS label FROM c")
    many = cur.fetchall()
    check("50000 streamed rows", (len(many), many[0], many[-1]), (50000, (1, "row 1"), (50000, "row 50000")))

# psycopg2 speaks the simple query protocol for everything, its own BEGIN included
conn2 = psycopg2.connect(DSN)
cur2 = conn2.cursor()
cur2.execute("SELECT name, score FROM t WHERE id = %s", (2,))
check("psycopg2 parameters and floats", cur2.fetchone(), ("ünïcødé ✓", -0.1))
check("psycopg2 opened a transaction", conn2.get_transaction_status(),
      psycopg2.extensions.TRANSACTION_STATUS_INTRANS)
cur2.execute("UPDATE t SET name = 'changed' WHERE id = 1")
conn2.rollback()
cur2.execute("SELECT name FROM t WHERE id = 1")
check("psycopg2 rollback undid the update", cur2.fetchone()[0], "ascii")
try:
    cur2.execute("INSERT INTO t (id) VALUES (1)")
    check("psycopg2 duplicate raises", "no error", "IntegrityError")
except psycopg2.errors.UniqueViolation as e:
    check("psycopg2 duplicate key pgcode", e.pgcode, "23505")
check("psycopg2 sees the failed transaction", conn2.get_transaction_status(),
      psycopg2.extensions.TRANSACTION_STATUS_INERROR)
conn2.rollback()
cur2.execute("INSERT INTO t (id, name) VALUES (10, 'ten')")
conn2.commit()
cur2.execute("SELECT name FROM t WHERE id = 10")
check("psycopg2 commit kept the row", cur2.fetchone()[0], "ten")
conn2.close()

sys.exit(ck.exit_code())
