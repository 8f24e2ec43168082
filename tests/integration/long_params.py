"""Long parameter values, as psycopg 3 users see them: 1 MB text,
multi-byte text and bytea parameters (pgwire sends them to the driver in
pieces, SQLPutData) stored, compared and read back whole, values around
the size where the pieces begin, and a statement refused by the database
after its long value was sent, then run again.

usage: long_params.py PORT DIALECT
"""

import sys

import psycopg

from checks import Checks

PORT = int(sys.argv[1])
DSN = "host=127.0.0.1 port=%d user=tester dbname=testdb connect_timeout=30" % PORT
ck = Checks("long_params-" + sys.argv[2])


def long_values():
    """Values far beyond what drivers take in one piece."""
    text = "".join(chr(32 + i % 95) for i in range(1 << 20))
    multi = "é€𝄞a" * 104858                 # 10 bytes each: a character across every 32 KB piece
    blob = bytes(range(256)) * 4096
    with psycopg.connect(DSN, autocommit=True) as conn:
        conn.execute("CREATE TABLE long_values (id integer PRIMARY KEY, t text, b bytea)")
        conn.execute("INSERT INTO long_values VALUES (1, %s, %s)", (text, blob))
        conn.execute("INSERT INTO long_values VALUES (2, %s, NULL)", (multi,))
        got = conn.execute("SELECT t, b FROM long_values ORDER BY id").fetchall()
        ck.check("a 1 MB text and a 1 MB bytea parameter are stored whole",
                 (got[0][0] == text, bytes(got[0][1]) == blob), (True, True))
        ck.check("a 1 MB multi-byte text parameter is stored whole (no character cut)", got[1][0] == multi, True)
        ck.check("a long parameter compared with a stored value",
                 conn.execute("SELECT id FROM long_values WHERE t = %s", (multi,)).fetchall(), [(2,)])
        ck.check("the database sees its length", conn.execute("SELECT length(%s)", (text,)).fetchone()[0], 1 << 20)
        for n in (8191, 8192, 8193, 32769):
            value = "x" * (n - 1) + "é"
            ck.check("a %d-byte text parameter round trip" % (n + 1),
                     conn.execute("SELECT %s::text", (value,)).fetchone()[0], value)
        with conn.cursor(binary=True) as cur:
            cur.execute("SELECT b FROM long_values WHERE b = %b", (blob,))
            ck.check("a 1 MB binary parameter compared with a stored bytea", bytes(cur.fetchone()[0]) == blob, True)
        conn.execute("DROP TABLE long_values")

        # the database refuses a statement whose long value went in pieces: the next one runs
        key = "k" * 20000
        conn.execute("CREATE TABLE long_keys (k text PRIMARY KEY)")
        insert = "INSERT INTO long_keys VALUES (%s)"
        conn.execute(insert, (key,))
        ck.raises("a duplicate long key is the database's unique violation", psycopg.errors.UniqueViolation,
                  lambda: conn.execute(insert, (key,)), "23505")
        conn.execute(insert, (key + "2",))
        ck.check("the same statement runs again with another long value",
                 conn.execute("SELECT count(*) FROM long_keys").fetchone()[0], 2)
        conn.execute("DROP TABLE long_keys")


long_values()
sys.exit(ck.exit_code())
