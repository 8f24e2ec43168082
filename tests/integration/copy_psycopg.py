"""COPY through pgwire with real clients: psycopg 3's cursor.copy() (rows
written one by one, raw blocks split at odd places, rows read back), errors
with PostgreSQL's CONTEXT and no row left behind, CopyFail, transactions,
and the COPY sub-protocol byte by byte (Flush and Sync ignored during COPY
IN, errors in the middle of the data, the extended protocol).

usage: copy_psycopg.py PORT (not copy.py: that name would hide the standard library's copy module)
"""

import datetime
import struct
import sys

import psycopg
from psycopg import errors

from checks import Checks
from pgproto import B, D, E, P, S, connect, error_fields, message, query, summarize

PORT = int(sys.argv[1])
DSN = "host=127.0.0.1 port=%d user=tester dbname=testdb" % PORT
ck = Checks("copy")
check = ck.check
raises = ck.raises


def count(cur, table):
    cur.execute("SELECT count(*) FROM %s" % table)
    return cur.fetchone()[0]


def diag_of(fn):
    """(sqlstate, message, context) of the error fn() raises, or None."""
    try:
        fn()
    except psycopg.Error as e:
        return (e.sqlstate, e.diag.message_primary, e.diag.context)
    return None


ROWS = [
    (1, "plain", 1.5, True, datetime.date(2024, 1, 2), b"\x00\x01\xff"),
    (2, "tab\there, newline\nthere, backslash \\ and \\N", -0.25, False, None, b""),
    (3, "ünïcødé ✓ 😀", 1e300, None, datetime.date(1999, 12, 31), None),
    (4, None, None, None, None, None),
    (5, "\\N", 0.0, True, datetime.date(2000, 2, 29), b"\\"),
]

conn = psycopg.connect(DSN, autocommit=True)
cur = conn.cursor()
cur.execute("CREATE TABLE items (id integer, name text, price float8, ok boolean, born date, raw bytea)")


def reset(table="items"):
    cur.execute("DELETE FROM %s" % table)


def fetch_items():
    cur.execute("SELECT id, name, price, ok, born, raw FROM items ORDER BY id")
    return [tuple(bytes(v) if isinstance(v, memoryview) else v for v in r) for r in cur.fetchall()]


# ---- COPY FROM STDIN with psycopg ----

with cur.copy("COPY items FROM STDIN") as copy:
    for r in ROWS:
        copy.write_row(r)
check("write_row: COPY n", cur.rowcount, len(ROWS))
check("write_row: every value round-trips", fetch_items(), ROWS)

# the same rows as text, written in blocks split at odd places
reset()
text = b"".join(
    b"%d\t%s\n" % (i, name) for i, name in
    [(1, b"a\\tb"), (2, b"\\N"), (3, b"\\x41\\102C"), (4, b"back\\\\slash"), (5, "çà".encode()),
     (6, b"new\\nline"), (7, b"")])
for size in (1, 2, 3, 5, 7, 64):
    reset()
    with cur.copy("COPY items (id, name) FROM STDIN") as copy:
        for k in range(0, len(text), size):
            copy.write(text[k:k + size])
    cur.execute("SELECT id, name FROM items ORDER BY id")
    check("text in %d-byte blocks" % size, cur.fetchall(),
          [(1, "a\tb"), (2, None), (3, "ABC"), (4, "back\\slash"), (5, "çà"), (6, "new\nline"), (7, "")])

csv = ('id,name,price\n1,"comma, inside",1\n2,"quote "" inside",2\n3,"two\nlines",3\n'
       '4,,4\n5,"",5\n6,NULL,6\n').encode()
for size in (1, 4, 9, len(csv)):
    reset()
    with cur.copy("COPY items (id, name, price) FROM STDIN WITH CSV HEADER") as copy:
        for k in range(0, len(csv), size):
            copy.write(csv[k:k + size])
    cur.execute("SELECT id, name FROM items ORDER BY id")
    check("CSV with header, quotes, newlines in %d-byte blocks" % size, cur.fetchall(),
          [(1, "comma, inside"), (2, 'quote " inside'), (3, "two\nlines"), (4, None), (5, ""), (6, "NULL")])

reset()
with cur.copy("COPY items (id, name, price) FROM STDIN (FORMAT csv, NULL 'NULL', FORCE_NOT_NULL (name), "
              "FORCE_NULL (price), DELIMITER ';', QUOTE '''')") as copy:
    copy.write(b"1;NULL;'NULL'\n2;;NULL\n3;'it''s';3\n")
cur.execute("SELECT id, name, price FROM items ORDER BY id")
check("FORCE_NOT_NULL, FORCE_NULL, NULL, DELIMITER, QUOTE", cur.fetchall(),
      [(1, "NULL", None), (2, "", None), (3, "it's", 3.0)])

reset()
with cur.copy("COPY items (id, name) FROM STDIN (FORMAT csv, HEADER match)") as copy:
    copy.write(b"id,name\n1,x\n")
check("HEADER match accepts the column names", count(cur, "items"), 1)

reset()
big = b"".join(b"%d\trow %d\n" % (i, i) for i in range(1, 50001))
with cur.copy("COPY items (id, name) FROM STDIN") as copy:
    copy.write(big)
check("50000 rows in one block: COPY n", cur.rowcount, 50000)
check("50000 rows all there", count(cur, "items"), 50000)
cur.execute("SELECT name FROM items WHERE id = 43210")
check("... row 43210 as sent", cur.fetchone(), ("row 43210",))


# a long value among short ones travels in a chunk of its own, not in
# slots as long as itself for every row of the batch
reset()
huge = "x" * (6 * 1024 * 1024)
with cur.copy("COPY items (id, name) FROM STDIN") as copy:
    for i in range(1, 601):
        copy.write_row((i, huge if i == 300 else "short %d" % i))
check("a 6 MB value among 600 rows: COPY n", cur.rowcount, 600)
cur.execute("SELECT name FROM items WHERE id = 300")
check("... the long value intact", cur.fetchone()[0] == huge, True)
cur.execute("SELECT name FROM items WHERE id IN (299, 301) ORDER BY id")
check("... its neighbours intact", cur.fetchall(), [("short 299",), ("short 301",)])
check("... every row", count(cur, "items"), 600)

# ---- errors: PostgreSQL's message and CONTEXT, and no row left ----

def copy_in(sql, data):
    def run():
        with cur.copy(sql) as copy:
            copy.write(data)
    return run


reset()
good = b"".join(b"%d\tok\n" % i for i in range(1, 6))
check("bad integer at line 6",
      diag_of(copy_in("COPY items (id, name) FROM STDIN", good + b"x6\tbad\n" + good)),
      ("22P02", 'invalid input syntax for type integer: "x6"', 'COPY items, line 6, column id: "x6"'))
check("... leaves no row", count(cur, "items"), 0)
check("extra column",
      diag_of(copy_in("COPY items (id, name) FROM STDIN", good + b"6\ta\tb\n")),
      ("22P04", "extra data after last expected column", 'COPY items, line 6: "6\ta\tb"'))
check("missing column",
      diag_of(copy_in("COPY items (id, name) FROM STDIN", good + b"6\n")),
      ("22P04", 'missing data for column "name"', 'COPY items, line 6: "6"'))
check("unterminated CSV quote",
      diag_of(copy_in("COPY items (id, name) FROM STDIN CSV", b'1,"open\n')),
      ("22P04", "unterminated CSV quoted field", 'COPY items, line 1: "1,"open\n"'))
check("HEADER match mismatch",
      diag_of(copy_in("COPY items (id, name) FROM STDIN (FORMAT csv, HEADER match)", b"id,nom\n1,x\n")),
      ("22P04", 'column name mismatch in header line field 2: got "nom", expected "name"',
       'COPY items, line 1: "id,nom"'))
check("boolean at line 2, long value cut in CONTEXT",
      diag_of(copy_in("COPY items (id, ok) FROM STDIN", b"1\tt\n2\t" + b"y" * 150 + b"\n")),
      ("22P02", 'invalid input syntax for type boolean: "%s"' % ("y" * 150),
       'COPY items, line 2, column ok: "%s..."' % ("y" * 100)))
check("nothing left after the errors", count(cur, "items"), 0)

cur.execute("CREATE TABLE pk (id integer PRIMARY KEY, v text NOT NULL)")
dup = b"".join(b"%d\tv\n" % (i if i != 700 else 3) for i in range(1, 1001))
got = diag_of(copy_in("COPY pk FROM STDIN", dup))
check("duplicate key at line 700 (third batch): SQLSTATE and CONTEXT",
      (got[0], got[2]) if got else None, ("23505", "COPY pk, line 700"))
check("... leaves no row", count(cur, "pk"), 0)
nulls = b"".join(b"%d\t%s\n" % (i, b"\\N" if i == 1234 else b"v") for i in range(1, 2001))
got = diag_of(copy_in("COPY pk FROM STDIN", nulls))
check("NULL into NOT NULL at line 1234: SQLSTATE and CONTEXT",
      (got[0], got[2]) if got else None, ("23502", "COPY pk, line 1234"))
check("... leaves no row", count(cur, "pk"), 0)


# other batch shapes: parameter arrays of single rows (as on IRIS), and odd
# sizes that leave a tail of single-row executions; the failing line is
# still named exactly
for per_insert, per_batch in ((1, 100), (7, 50), (300, 300)):
    shape = "%d row(s) per INSERT, %d per batch" % (per_insert, per_batch)
    cur.execute("SET copy_rows_per_insert = %d" % per_insert)
    cur.execute("SET copy_batch_rows = %d" % per_batch)
    data = b"".join(b"%d\tv%d\n" % (i, i) for i in range(1, 1234))
    with cur.copy("COPY pk FROM STDIN") as copy:
        copy.write(data)
    cur.execute("SELECT count(*), min(v) FROM pk")
    check(shape + ": every row", cur.fetchone(), (1233, "v1"))
    cur.execute("SELECT v FROM pk WHERE id = 1233")
    check(shape + ": the last row", cur.fetchone(), ("v1233",))
    cur.execute("DELETE FROM pk")
    got = diag_of(copy_in("COPY pk FROM STDIN", dup))
    check(shape + ": duplicate at line 700", (got[0], got[2]) if got else None, ("23505", "COPY pk, line 700"))
    check(shape + ": ... leaves no row", count(cur, "pk"), 0)
    cur.execute("RESET copy_rows_per_insert")
    cur.execute("RESET copy_batch_rows")


def copy_then_fail():
    with cur.copy("COPY items (id, name) FROM STDIN") as copy:
        copy.write(good)
        raise ValueError("client gave up")


try:
    copy_then_fail()
    check("CopyFail from the client", "no error", "QueryCanceled")
except errors.QueryCanceled as e:
    check("CopyFail: 57014 COPY from stdin failed", e.diag.message_primary.startswith("COPY from stdin failed: "), True)
except ValueError:
    check("CopyFail from the client", "ValueError passed through", "QueryCanceled")
check("... leaves no row", count(cur, "items"), 0)

raises("COPY from a server file is refused", errors.FeatureNotSupported,
       lambda: cur.execute("COPY items FROM '/etc/passwd'"), "0A000")
raises("COPY to a program is refused", errors.FeatureNotSupported,
       lambda: cur.execute("COPY items TO PROGRAM 'cat'"), "0A000")
raises("COPY binary is refused", errors.FeatureNotSupported,
       lambda: cur.execute("COPY items TO STDOUT (FORMAT binary)"), "0A000")
raises("COPY of a missing table", psycopg.errors.UndefinedTable,
       lambda: cur.execute("COPY nosuch FROM STDIN"), "42P01")


# ---- transactions ----

tconn = psycopg.connect(DSN)            # not autocommit: psycopg opens a transaction
tcur = tconn.cursor()
with tcur.copy("COPY items (id, name) FROM STDIN") as copy:
    copy.write(good)
check("COPY inside a transaction: rows visible to it", count(tcur, "items"), 5)
tconn.rollback()
check("... and gone after ROLLBACK", count(cur, "items"), 0)
with tcur.copy("COPY items (id, name) FROM STDIN") as copy:
    copy.write(good)
tcur.execute("INSERT INTO items (id) VALUES (99)")
tconn.commit()
check("COPY and INSERT committed together", count(cur, "items"), 6)
reset()
try:
    with tcur.copy("COPY items (id) FROM STDIN") as copy:
        copy.write(b"1\nzz\n")
    check("an error in COPY inside a transaction", "no error", "InvalidTextRepresentation")
except errors.InvalidTextRepresentation:
    check("an error in COPY inside a transaction", "InvalidTextRepresentation", "InvalidTextRepresentation")
raises("... then only ROLLBACK works", errors.InFailedSqlTransaction, lambda: tcur.execute("SELECT 1"))
tconn.rollback()
check("... and nothing stayed", count(cur, "items"), 0)
tconn.close()


# ---- COPY TO STDOUT ----

reset()
with cur.copy("COPY items FROM STDIN") as copy:
    for r in ROWS:
        copy.write_row(r)
with cur.copy("COPY items (id, name, born) TO STDOUT") as copy:
    rows = list(copy.rows())
check("COPY TO: rows() in text format", rows[:3],
      [("1", "plain", "2024-01-02"), ("2", "tab\there, newline\nthere, backslash \\ and \\N", None),
       ("3", "ünïcødé ✓ 😀", "1999-12-31")])
check("COPY TO: COPY n", cur.rowcount, len(ROWS))
with cur.copy("COPY (SELECT id, name, raw FROM items WHERE id IN (1, 2, 5) ORDER BY id) "
              "TO STDOUT (FORMAT csv, HEADER, FORCE_QUOTE (name))") as copy:
    data = b"".join(bytes(b) for b in copy)
check("COPY (query) TO: CSV, HEADER, FORCE_QUOTE", data.decode(),
      'id,name,raw\n1,"plain",\\x0001ff\n2,"tab\there, newline\nthere, backslash \\ and \\N",\\x\n'
      '5,"\\N",\\x5c\n')
with cur.copy("COPY items (id, name) TO STDOUT") as copy:
    data = b"".join(bytes(b) for b in copy)
check("COPY TO: text escapes", data.decode().split("\n")[1],
      "2\ttab\\there, newline\\nthere, backslash \\\\ and \\\\N")
raises("FORCE_QUOTE of a column not copied", errors.InvalidColumnReference,
       lambda: cur.execute("COPY items (id) TO STDOUT (FORMAT csv, FORCE_QUOTE (name))"), "42P10")

with cur.copy("COPY (SELECT id FROM items) TO STDOUT") as copy:
    n = sum(1 for _ in copy.rows())
check("COPY (query) TO reads every row", n, len(ROWS))
conn.close()


# ---- the sub-protocol, byte by byte ----

def tags(msgs):
    return summarize(msgs)


c, _ = connect(PORT)
c.send(query("CREATE TABLE w (a integer, b text)"))
c.read_until("Z")

# Flush and Sync during COPY IN are ignored; CopyData boundaries are free
c.send(query("COPY w FROM STDIN"))
check("CopyInResponse: text, 2 columns", c.read_message(), ("G", b"\x00\x00\x02\x00\x00\x00\x00"))
c.send(message("d", b"1\tx\n2\t") + message("H") + S + message("d", b"y\n") + message("c"))
check("Flush and Sync ignored during COPY IN", tags(c.read_until("Z")), "C:COPY 2 ZI")

# an error in the middle: ErrorResponse and ReadyForQuery at once, the rest ignored
c.send(query("COPY w FROM STDIN"))
c.read_message()
c.send(message("d", b"3\tz\nbad\tz\n"))
msgs = c.read_until("Z")
check("simple query: error mid-COPY answered at once", tags(msgs), "E:22P02 ZI")
check("... with CONTEXT", error_fields(msgs[0][1]).get("W"), 'COPY w, line 2, column a: "bad"')
c.send(message("d", b"4\tz\n") + message("c") + query("SELECT count(*) FROM w"))
check("... later CopyData and CopyDone are ignored", tags(c.read_until("Z")), "T D2 C:SELECT 1 ZI")

# CopyFail
c.send(query("COPY w FROM STDIN"))
c.read_message()
c.send(message("d", b"5\tz\n") + message("f", b"boom\0"))
msgs = c.read_until("Z")
check("CopyFail: 57014", tags(msgs), "E:57014 ZI")
check("... COPY from stdin failed: <message>", error_fields(msgs[0][1]).get("M"), "COPY from stdin failed: boom")
check("... CONTEXT: the line being read", error_fields(msgs[0][1]).get("W"), "COPY w, line 2")


# COPY in a multi-statement Query: one transaction, then the next statement
c.send(query("COPY w FROM STDIN; SELECT count(*) FROM w"))
c.read_message()
c.send(message("d", b"6\tz\n7\tz\n") + message("c"))
check("COPY then SELECT in one Query", tags(c.read_until("Z")), "C:COPY 2 T D4 C:SELECT 1 ZI")

# the extended protocol: Sync during COPY is ignored, so one follows CopyDone
c.send(P("", "COPY w FROM STDIN") + B("", "") + D("P", "") + E(""))
c.send(message("H"))
check("extended: Parse, Bind, Describe (NoData), Execute -> CopyInResponse",
      tags([c.read_message() for _ in range(4)]), "1 2 n G")
c.send(message("d", b"8\tz\n") + S + message("c") + S)
check("extended: CopyDone, then Sync", tags(c.read_until("Z")), "C:COPY 1 ZI")
c.send(P("", "COPY w FROM STDIN") + B("", "") + E("") + message("H"))
c.read_until("G")
c.send(message("d", b"bad\n") + message("d", b"9\tz\n") + message("c") + S)
check("extended: an error skips to Sync", tags(c.read_until("Z")), "E:22P02 ZI")
c.send(P("", "COPY (SELECT a FROM w WHERE a > 7 ORDER BY a) TO STDOUT") + B("", "") + E("") + S)
msgs = c.read_until("Z")
check("extended: COPY TO", tags(msgs), "1 2 H d c C:COPY 1 ZI")
check("... CopyOutResponse: text, 1 column", [b for t, b in msgs if t == "H"], [b"\x00\x00\x01\x00\x00"])
check("... one CopyData per row", [b for t, b in msgs if t == "d"], [b"8\n"])
c.close()

# another message during COPY IN: an error, then the session ends (PostgreSQL
# takes the protocol's synchronization as lost)
c, _ = connect(PORT)
c.send(query("COPY w FROM STDIN"))
c.read_message()
c.send(message("d", b"1\tx\n") + query("SELECT 1"))
msgs = [c.read_message(), c.read_message()]
check("a Query during COPY IN: ERROR, then FATAL",
      [(error_fields(b).get("S"), error_fields(b).get("C"), error_fields(b).get("M"), error_fields(b).get("W"))
       for t, b in msgs],
      [("ERROR", "08P01", "unexpected message type 0x51 during COPY from stdin", "COPY w, line 2"),
       ("FATAL", "08P01", "terminating connection because protocol synchronization was lost", None)])
check("... and the connection is closed", c.closed_by_server(), True)
c.close()
conn = psycopg.connect(DSN, autocommit=True)
check("... with nothing of that COPY in the table", count(conn.cursor(), "w"), 5)
conn.close()

sys.exit(ck.exit_code())
