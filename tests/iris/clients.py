"""What a PostgreSQL application does, through pgwire to IRIS: psycopg 3
in the simple and extended protocols (text and binary), with the
results PostgreSQL would give. The checks are written so that they also
hold on the embedded SQLite default, which is how the script itself is
tested where no IRIS runs; the IRIS-only checks (vectors, the collation
pgwire gives string columns) run only for dialect iris.

usage: clients.py PORT iris|sqlite
"""

import datetime
import decimal
import sys
import threading
import time

import psycopg
from psycopg import errors

from checks import Checks

PORT = int(sys.argv[1])
DIALECT = sys.argv[2]
DSN = "host=127.0.0.1 port=%d user=tester dbname=testdb connect_timeout=10" % PORT
ck = Checks("iris-clients" if DIALECT == "iris" else "iris-clients-" + DIALECT)
T = "pgw_iris_t"
V = "pgw_iris_v"

if DIALECT == "iris":
    # a cross join big enough to run for seconds (each leg: the class table)
    LONG = ("SELECT COUNT(*) FROM %Dictionary.ClassDefinition a, %Dictionary.ClassDefinition b, "
            "%Dictionary.ClassDefinition c")
else:
    LONG = ("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000000)"
            " SELECT count(*) FROM c")


def drop(conn, table):
    try:
        conn.execute("DROP TABLE " + table)
    except psycopg.Error:
        pass


def vector_checks(mode):
    """pgvector with 4096-dimension parameters, as vector_parameters = mode
    sends them (bound: TO_VECTOR(?, DOUBLE), inline: a literal pgwire
    formats): the public reports disagree on which a release takes."""
    with psycopg.connect(DSN, autocommit=True, options="-c vector_parameters=" + mode) as conn:
        drop(conn, V)
        conn.execute("CREATE TABLE %s (id integer PRIMARY KEY, embedding vector(4096))" % V)
        for i in range(3):
            v = [0.0] * 4096
            v[i] = 1.0
            v[4095] = 0.5 * i
            conn.execute("INSERT INTO %s VALUES (%%s, %%s::vector)" % V, (i + 1, str(v)))
        query = [0.0] * 4096
        query[1] = 1.0
        got = conn.execute("SELECT id FROM %s ORDER BY embedding <=> %%s::vector LIMIT 2" % V,
                           (str(query),)).fetchall()
        ck.check("%s: ORDER BY <=> with a 4096-d parameter ranks the nearest first" % mode, got[0][0], 2)
        got = conn.execute("SELECT id, embedding <#> %%s::vector(4096) AS d FROM %s ORDER BY d LIMIT 1" % V,
                           (str(query),)).fetchone()
        ck.check("%s: <#> is the negative inner product" % mode, (got[0], round(got[1], 5)), (2, -1.0))
        small = conn.execute("SELECT %s::vector(3)", ("[1.5,2,-3]",)).fetchone()[0]
        ck.check("%s: a vector comes back as pgvector's text" % mode, small, "[1.5,2,-3]")
        try:
            conn.execute("SELECT id FROM %s ORDER BY embedding <=> %%s LIMIT 1" % V, ("[1,2,x]",))
            ck.fail("%s: a malformed vector parameter fails" % mode, "it ran")
        except psycopg.Error as e:
            ck.check("%s: a malformed vector parameter is pgvector's 22P02, at the parameter" % mode,
                     (e.sqlstate, e.diag.statement_position), ("22P02", "50"))
        drop(conn, V)


with psycopg.connect(DSN, autocommit=True) as conn:
    drop(conn, T)
    conn.execute("CREATE TABLE %s (id integer PRIMARY KEY, name varchar(40) NOT NULL, price numeric(10,2),"
                 " ok boolean, born date, at timestamp, note text)" % T)

    # extended protocol, parameters in text and binary
    rows = [(1, "Apple", decimal.Decimal("1.50"), True, datetime.date(2024, 1, 2),
             datetime.datetime(2024, 1, 2, 3, 4, 5, 678901), "first"),
            (2, "apple", decimal.Decimal("2.25"), False, None, None, None),
            (3, "Banana", None, None, datetime.date(1999, 12, 31), None, "it's")]
    with conn.cursor() as cur:
        cur.executemany("INSERT INTO %s VALUES (%%s, %%s, %%s, %%s, %%s, %%s, %%s)" % T, rows)
    got = conn.execute("SELECT id, name, price, ok, born, at, note FROM %s ORDER BY id" % T).fetchall()
    ck.check("rows come back as inserted, typed as PostgreSQL types them", got, rows)
    with conn.cursor(binary=True) as cur:
        cur.execute("SELECT id, name, ok, at FROM %s WHERE id = %%s" % T, (1,))
        ck.check("binary results", cur.fetchone(), (1, "Apple", True, rows[0][5]))

    # case-sensitive strings, as in PostgreSQL (IRIS: the column's COLLATE %EXACT)
    ck.check("= compares strings case-sensitively",
             conn.execute("SELECT id FROM %s WHERE name = 'apple'" % T).fetchall(), [(2,)])
    ck.check("LIKE is case-sensitive, ILIKE is not",
             (conn.execute("SELECT count(*) FROM %s WHERE name LIKE 'a%%'" % T).fetchone()[0],
              conn.execute("SELECT count(*) FROM %s WHERE name ILIKE 'a%%'" % T).fetchone()[0]), (1, 2))
    ck.check("GROUP BY keeps each spelling",
             conn.execute("SELECT name, count(*) FROM %s GROUP BY name ORDER BY name" % T).fetchall(),
             [("Apple", 1), ("Banana", 1), ("apple", 1)])

    # row limits, integer division, booleans in the select list
    ck.check("LIMIT/OFFSET with parameters",
             conn.execute("SELECT id FROM %s ORDER BY id LIMIT %%s OFFSET %%s" % T, (1, 1)).fetchall(), [(2,)])
    ck.check("FETCH FIRST", conn.execute("SELECT id FROM %s ORDER BY id DESC FETCH FIRST 2 ROWS ONLY" % T)
             .fetchall(), [(3,), (2,)])
    ck.check("integer division truncates", conn.execute("SELECT 7 / 2, -7 / 2").fetchone(), (3, -3))
    ck.check("a comparison in the select list is a boolean",
             conn.execute("SELECT id, price > 2 AS dear FROM %s WHERE price IS NOT NULL ORDER BY id" % T)
             .fetchall(), [(1, False), (2, True)])
    ck.check("count(*) is named count", conn.execute("SELECT count(*) FROM %s" % T).description[0].name, "count")

    # transactions and savepoints
    with conn.transaction():
        conn.execute("UPDATE %s SET note = 'changed' WHERE id = 1" % T)
        try:
            with conn.transaction():
                conn.execute("INSERT INTO %s (id, name) VALUES (1, 'dup')" % T)
            ck.fail("a duplicate key fails", "it did not")
        except errors.UniqueViolation:
            ck.ok("a duplicate key is 23505, rolled back to the savepoint")
    ck.check("the transaction kept its other change",
             conn.execute("SELECT note FROM %s WHERE id = 1" % T).fetchone()[0], "changed")
    try:
        with conn.transaction():
            conn.execute("DELETE FROM %s" % T)
            raise RuntimeError("roll back")
    except RuntimeError:
        pass
    ck.check("a rolled back DELETE deleted nothing", conn.execute("SELECT count(*) FROM %s" % T).fetchone()[0], 3)

    # errors with PostgreSQL's SQLSTATEs
    for sql, state in [("SELECT nosuchcolumn FROM %s" % T, "42703"), ("SELECT * FROM pgw_no_such_table", "42P01"),
                       ("SELECT 1 FROM %s WHERE name ~ 'a'" % T, "0A000")]:
        try:
            conn.execute(sql)
            ck.fail("%s fails" % sql, "it ran")
        except psycopg.Error as e:
            ck.check("%s fails with %s" % (sql, state), e.sqlstate, state)

    # cancel and statement_timeout on a long query
    threading.Timer(0.5, conn.cancel).start()
    start = time.monotonic()
    try:
        conn.execute(LONG)
        ck.fail("cancel stops a long query", "it finished")
    except errors.QueryCanceled:
        ck.check("cancel stops a long query within a second", time.monotonic() - start < 1.5, True)
    conn.execute("SET statement_timeout = '300ms'")
    try:
        conn.execute(LONG)
        ck.fail("statement_timeout stops a long query", "it finished")
    except errors.QueryCanceled as e:
        ck.check("statement_timeout stops a long query", "statement timeout" in str(e), True)
    conn.execute("RESET statement_timeout")
    ck.check("the session goes on", conn.execute("SELECT 1").fetchone()[0], 1)
    drop(conn, T)

    # pgvector: 4096-dimension parameters, bound and inlined, ranked as pgvector ranks
    if DIALECT == "iris":
        for mode in ("bound", "inline"):
            vector_checks(mode)
        # INSERT ... RETURNING: pgwire reads the row back (LAST_IDENTITY)
        drop(conn, V + "_r")
        conn.execute("CREATE TABLE %s_r (id serial PRIMARY KEY, note text)" % V)
        ck.check("INSERT ... RETURNING gives the generated id",
                 conn.execute("INSERT INTO %s_r (note) VALUES (%%s) RETURNING id, note" % V, ("x",)).fetchone(),
                 (1, "x"))
        drop(conn, V + "_r")

sys.exit(ck.exit_code())
