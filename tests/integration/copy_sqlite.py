"""COPY FROM on the embedded SQLite default as a user sees it, whichever way
the rows travel: copy.sh runs it with pgwire_vector.so loaded (packed
batches through pgwire_rows()) and without it (multi-row VALUES), and the
answers must be the same: the storage class SQLite keeps each value in
(typeof()), NULLs, a table of 1600 columns, and, in the middle of large
COPYs, a bad value's CONTEXT line and constraint violations that leave no
row. vector(n) columns, whose CHECK calls the extension, only with it.

usage: copy_sqlite.py PORT [packed]   (packed: pgwire_vector.so is loaded)
"""

import datetime
import sys

import psycopg

from checks import Checks

PORT = int(sys.argv[1])
EXTENSION = sys.argv[2:] == ["packed"]
DSN = "host=127.0.0.1 port=%d user=tester dbname=testdb" % PORT
ck = Checks("copy_sqlite")
check = ck.check

conn = psycopg.connect(DSN, autocommit=True)
cur = conn.cursor()
for table in ("ty", "big", "emb", "wide"):   # left by the run the other way
    cur.execute("DROP TABLE IF EXISTS %s" % table)


def copy_in(sql, data):
    with cur.copy(sql) as copy:
        copy.write(data)


def diag_of(sql, data):
    """(sqlstate, message, context) of the error the COPY raises, or None."""
    try:
        copy_in(sql, data)
    except psycopg.Error as e:
        return (e.sqlstate, e.diag.message_primary, e.diag.context)
    return None


def count(table):
    cur.execute("SELECT count(*) FROM %s" % table)
    return cur.fetchone()[0]


# ---- every type's storage class, and NULLs ----

COLUMNS = [
    ("i", "integer", b"1", "integer"),
    ("bi", "bigint", b"9000000000", "integer"),
    ("si", "smallint", b"-3", "integer"),
    ("t", "text", b"t\\tab", "text"),
    ("vc", "varchar(10)", b"", "text"),
    ("f8", "float8", b"1.5", "real"),
    ("f4", "real", b"2.5", "real"),
    ("n", "numeric", b"12.50", "real"),
    ("b", "boolean", b"t", "integer"),
    ("d", "date", b"2024-01-02", "text"),
    ("ts", "timestamp", b"2024-01-02 03:04:05", "text"),
    ("u", "uuid", b"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "text"),
    ("by", "bytea", b"\\\\x00ff", "blob"),
    ("e", "bytea", b"\\\\x", "blob"),
] + ([("v", "vector(3)", b"[1,2.5,-3]", "blob")] if EXTENSION else [])
cur.execute("CREATE TABLE ty (%s)" % ", ".join("%s %s" % (c[0], c[1]) for c in COLUMNS))
copy_in("COPY ty FROM STDIN",
        b"\t".join(c[2] for c in COLUMNS) + b"\n" + b"\t".join(b"\\N" for _ in COLUMNS) + b"\n")
cur.execute("SELECT %s FROM ty ORDER BY i NULLS LAST" % ", ".join("typeof(%s)" % c[0] for c in COLUMNS))
check("each type in the storage class the column's values have always had",
      cur.fetchall(), [tuple(c[3] for c in COLUMNS), tuple("null" for _ in COLUMNS)])
cur.execute("SELECT i, bi, si, t, vc, f8, f4, b, d, by, e FROM ty WHERE i = 1")
row = cur.fetchone()
check("... and the values as written",
      row[:9] + (bytes(row[9]), bytes(row[10])),
      (1, 9000000000, -3, "t\tab", "", 1.5, 2.5, True, datetime.date(2024, 1, 2), b"\x00\xff", b""))
cur.execute("SELECT length(e) FROM ty WHERE i = 1")
check("an empty bytea is 0 bytes", cur.fetchone(), (0,))
if EXTENSION:
    cur.execute("SELECT v, length(v) FROM ty WHERE i = 1")
    check("a vector is its float4s (12 bytes)", cur.fetchone(), ("[1,2.5,-3]", 12))


# ---- large COPYs: 20,000 rows, some with one bad row in the middle ----

cur.execute("CREATE TABLE big (id integer PRIMARY KEY, v text NOT NULL, n integer)")


def big_rows(bad_line=None, bad=b""):
    lines = []
    for i in range(1, 20001):
        lines.append(bad if i == bad_line else b"%d\tv%d\t%s" % (i, i, b"\\N" if i == 20000 else b"%d" % (i % 7)))
    return b"\n".join(lines) + b"\n"


check("a bad integer at line 15001: 22P02 and PostgreSQL's CONTEXT",
      diag_of("COPY big FROM STDIN", big_rows(15001, b"15001\tv\tx")),
      ("22P02", 'invalid input syntax for type integer: "x"', 'COPY big, line 15001, column n: "x"'))
check("... leaves no row", count("big"), 0)
got = diag_of("COPY big FROM STDIN", big_rows(12345, b"3\tv\t0"))
check("a duplicate key at line 12345: 23505, CONTEXT names the line",
      (got[0], got[2]) if got else None, ("23505", "COPY big, line 12345"))
check("... leaves no row", count("big"), 0)
got = diag_of("COPY big FROM STDIN", big_rows(9999, b"9999\t\\N\t0"))
check("NULL into NOT NULL at line 9999: 23502, CONTEXT names the line",
      (got[0], got[2]) if got else None, ("23502", "COPY big, line 9999"))
check("... leaves no row", count("big"), 0)

copy_in("COPY big FROM STDIN", big_rows())
check("20,000 good rows: all there", count("big"), 20000)
cur.execute("SELECT typeof(id), typeof(v), typeof(n), count(*) FROM big GROUP BY 1, 2, 3 ORDER BY 4")
check("... integers, text and one NULL as stored classes",
      cur.fetchall(), [("integer", "text", "null", 1), ("integer", "text", "integer", 19999)])
cur.execute("SELECT v, n FROM big WHERE id IN (1, 19999) ORDER BY id")
check("... first and last rows as sent", cur.fetchall(), [("v1", 1), ("v19999", 19999 % 7)])

# inside a transaction: the COPY that fails takes the block with it
cur.execute("DELETE FROM big")
tconn = psycopg.connect(DSN)
tcur = tconn.cursor()
with tcur.copy("COPY big FROM STDIN") as copy:
    copy.write(b"".join(b"%d\tfirst\t1\n" % i for i in range(100001, 105001)))
try:
    with tcur.copy("COPY big FROM STDIN") as copy:
        copy.write(big_rows(7000, b"100007\tdup\t0"))
    check("a duplicate after an earlier COPY in the same transaction", "no error", "23505")
except psycopg.errors.UniqueViolation as e:
    check("a duplicate after an earlier COPY in the same transaction: CONTEXT", e.diag.context,
          "COPY big, line 7000")
tconn.rollback()
tconn.close()
check("... after ROLLBACK neither COPY left a row", count("big"), 0)


# ---- a vector(n) column ----

if EXTENSION:
    cur.execute("CREATE TABLE emb (id integer, v vector(3))")
    copy_in("COPY emb FROM STDIN WITH (FORMAT csv)",
            b"".join(b'%d,"[%d,0,1]"\n' % (i, i) for i in range(1, 3001)) + b"3001,\n")
    cur.execute("SELECT typeof(v), count(*) FROM emb GROUP BY 1 ORDER BY 1")
    check("3001 rows into vector(3): BLOBs and one NULL", cur.fetchall(), [("blob", 3000), ("null", 1)])
    cur.execute("SELECT id, v FROM emb WHERE id IN (1, 3000) ORDER BY id")
    check("... read back as written", cur.fetchall(), [(1, "[1,0,1]"), (3000, "[3000,0,1]")])
    cur.execute("SELECT id FROM emb WHERE v IS NOT NULL ORDER BY v <-> '[10,0,1]' LIMIT 2")
    check("... pgvector's <-> reads them", cur.fetchall(), [(10,), (9,)])
    cur.execute("DELETE FROM emb")
    check("a bad vector at line 2500: pgvector's error and the CONTEXT",
          diag_of("COPY emb FROM STDIN",
                  b"".join(b"%d\t%s\n" % (i, b"[1,2" if i == 2500 else b"[1,2,3]") for i in range(1, 3001))),
          ("22P02", 'invalid input syntax for type vector: "[1,2"', 'COPY emb, line 2500, column v: "[1,2"'))
    check("... leaves no row", count("emb"), 0)
    got = diag_of("COPY emb FROM STDIN",
                  b"".join(b"%d\t%s\n" % (i, b"[1,2]" if i == 2000 else b"[1,2,3]") for i in range(1, 3001)))
    check("2 dimensions into vector(3) at line 2000: the column's check, CONTEXT names the line",
          got, ("22000", "expected 3 dimensions, not 2", "COPY emb, line 2000"))
    check("... leaves no row", count("emb"), 0)


# ---- 1600 columns, PostgreSQL's most ----

cur.execute("CREATE TABLE wide (%s)" % ", ".join("c%d integer" % j for j in range(1600)))
copy_in("COPY wide FROM STDIN",
        b"".join(b"\t".join(b"%d" % (r * 10000 + j) for j in range(1600)) + b"\n" for r in range(300)))
check("300 rows of 1600 columns", count("wide"), 300)
cur.execute("SELECT c0, c1599, typeof(c1599) FROM wide WHERE c0 = 2990000")
check("... the last row's last column", cur.fetchall(), [(2990000, 2991599, "integer")])

conn.close()
sys.exit(ck.exit_code())
