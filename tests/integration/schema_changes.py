"""A statement sent again, and tables changed under it: by the same session
or by another one. Simple-protocol statements repeated with the same text
(pgwire keeps their translation), statements prepared before the change
(prepared again at Bind; a changed result is refused with 0A000, as
PostgreSQL does), and the per-connection schema of the SQLite driver, which
must see other sessions' DDL before it describes a result.

usage: schema_changes.py PORT
"""

import sys

import psycopg
import psycopg2
from psycopg import errors

from checks import Checks

PORT = int(sys.argv[1])
DSN = "host=127.0.0.1 port=%d user=tester dbname=testdb" % PORT
ck = Checks("schema_changes")
check = ck.check
raises = ck.raises


def simple(conn, sql):
    """Run sql in the simple protocol; return (column names, rows)."""
    cur = conn.cursor()
    cur.execute(sql)
    if cur.description is None:
        return None, cur.rowcount
    return [d[0] for d in cur.description], cur.fetchall()


a = psycopg2.connect(DSN)
a.autocommit = True
b = psycopg2.connect(DSN)
b.autocommit = True

simple(b, "CREATE TABLE u (a integer)")
simple(b, "INSERT INTO u VALUES (1)")

# the same text three times: same answer each time
for i in range(3):
    check("repeated SELECT, run %d" % (i + 1), simple(a, "SELECT * FROM u"), (["a"], [(1,)]))

# another session adds a column: the very next run shows it
simple(b, "ALTER TABLE u ADD COLUMN z text DEFAULT 'zz'")
for i in range(2):
    check("after another session's ALTER, run %d" % (i + 1), simple(a, "SELECT * FROM u"),
          (["a", "z"], [(1, "zz")]))

# this session adds one: likewise
simple(a, "ALTER TABLE u ADD COLUMN y integer DEFAULT 7")
check("after this session's ALTER", simple(a, "SELECT * FROM u"), (["a", "z", "y"], [(1, "zz", 7)]))

# another session replaces the table with a narrower and a wider one
simple(b, "DROP TABLE u")
raises("the table dropped by another session", psycopg2.Error,
       lambda: simple(a, "SELECT * FROM u"), "42P01")
simple(b, "CREATE TABLE u (q integer)")
simple(b, "INSERT INTO u VALUES (5)")
for i in range(2):
    check("a narrower table of the same name, run %d" % (i + 1), simple(a, "SELECT * FROM u"),
          (["q"], [(5,)]))
simple(b, "DROP TABLE u")
simple(b, "CREATE TABLE u (k text, l text, m integer, n text)")
simple(b, "INSERT INTO u VALUES ('k', 'l', 3, 'n')")
check("a wider table of the same name", simple(a, "SELECT * FROM u"),
      (["k", "l", "m", "n"], [("k", "l", 3, "n")]))

# a repeated INSERT inserts each time
for i in range(3):
    check("repeated INSERT, run %d" % (i + 1), simple(a, "INSERT INTO u (m) VALUES (9)"), (None, 1))
check("three rows inserted", simple(a, "SELECT count(*) FROM u WHERE m = 9"), (["count"], [(3,)]))

# a repeated statement in a failed transaction is refused like any other
check("repeated count before", simple(a, "SELECT count(*) FROM u"), (["count"], [(4,)]))
simple(a, "BEGIN")
raises("an error in the transaction", psycopg2.Error, lambda: simple(a, "SELECT * FROM nosuch"), "42P01")
raises("the repeated statement in the failed transaction", psycopg2.Error,
       lambda: simple(a, "SELECT count(*) FROM u"), "25P02")
simple(a, "ROLLBACK")
check("the repeated statement after ROLLBACK", simple(a, "SELECT count(*) FROM u"), (["count"], [(4,)]))

# a repeated SELECT that reads no table (prepared at its first repetition)
for i in range(3):
    check("repeated SELECT 1, run %d" % (i + 1), simple(a, "SELECT 1"), (["?column?"], [(1,)]))
for i in range(3):
    check("repeated SELECT with no row, run %d" % (i + 1), simple(a, "SELECT 1 WHERE 1 = 0"),
          (["?column?"], []))
for i in range(3):
    raises("repeated division by zero, run %d" % (i + 1), psycopg2.Error,
           lambda: simple(a, "SELECT 1 / 0"), "22012")
draws = set()
for i in range(4):
    draws.add(simple(a, "SELECT random() AS r")[1][0][0])
check("random() drawn again at each run", len(draws), 4)
for i in range(3):
    check("repeated VALUES, run %d" % (i + 1), simple(a, "VALUES (1, 'x'), (2, 'y')"),
          (["column1", "column2"], [(1, "x"), (2, "y")]))

# statement_timeout stops a repeated statement each time
SLOW = ("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000000)"
        " SELECT count(*) FROM c")
simple(a, "SET statement_timeout = 300")
for i in range(2):
    raises("statement_timeout on a repeated statement, run %d" % (i + 1), psycopg2.Error,
           lambda: simple(a, SLOW), "57014")
simple(a, "RESET statement_timeout")
check("the session goes on", simple(a, "SELECT count(*) FROM u"), (["count"], [(4,)]))

a.close()
b.close()

# prepared statements (extended protocol, named): prepared again after DDL
with psycopg.connect(DSN, autocommit=True) as p, psycopg.connect(DSN, autocommit=True) as q:
    q.execute("CREATE TABLE w (a integer)")
    q.execute("INSERT INTO w VALUES (1)")

    def run_prepared():
        cur = p.execute("SELECT * FROM w", prepare=True)
        return [d.name for d in cur.description], cur.fetchall()

    for i in range(2):
        check("prepared SELECT, run %d" % (i + 1), run_prepared(), (["a"], [(1,)]))
    q.execute("CREATE INDEX w_a ON w (a)")
    q.execute("INSERT INTO w VALUES (2)")
    check("prepared SELECT after DDL that keeps its columns", run_prepared(), (["a"], [(1,), (2,)]))
    q.execute("ALTER TABLE w ADD COLUMN z text")
    raises("prepared SELECT after another session's ALTER", errors.FeatureNotSupported,
           run_prepared, "0A000")
    q.execute("DROP TABLE w")
    q.execute("CREATE TABLE w (a integer)")
    q.execute("INSERT INTO w VALUES (3)")
    check("prepared SELECT when the columns are as they were", run_prepared(), (["a"], [(3,)]))
    q.execute("DROP TABLE w")
    q.execute("CREATE TABLE w (k text, l text, m integer)")
    raises("prepared SELECT after the table was replaced", errors.FeatureNotSupported,
           run_prepared, "0A000")
    p.execute("ALTER TABLE w ADD COLUMN n text")
    raises("prepared SELECT after this session's ALTER", errors.FeatureNotSupported,
           run_prepared, "0A000")
    check("an unprepared SELECT sees the table as it is",
          [d.name for d in p.execute("SELECT * FROM w", prepare=False).description], ["k", "l", "m", "n"])

# log_statement = all (schema_changes.sh) logs each run of a repeated statement
with psycopg2.connect(DSN) as c:
    c.autocommit = True
    for i in range(3):
        check("logged statement, run %d" % (i + 1), simple(c, "SELECT 'logged-3-times'"),
              (["?column?"], [("logged-3-times",)]))

sys.exit(ck.exit_code())
