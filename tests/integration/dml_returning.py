"""INSERT ... RETURNING and upserts through psycopg 3 as applications use
them: client-side binding (the simple protocol), server-side binding (the
extended protocol) in text and in binary, executemany with returning,
prepared statements, in autocommit and inside transactions. Every check
states what PostgreSQL answers, so the same script passes against pgwire
on any dialect (dml_returning.sh runs it on SQLite and on PostgreSQL).

usage: dml_returning.py PORT
"""

import sys

import psycopg
from psycopg import errors, pq

from checks import Checks

PORT = int(sys.argv[1])
DSN = "host=127.0.0.1 port=%d user=tester dbname=testdb" % PORT
ck = Checks("dml-returning")

INT4, TEXT, BOOL = 23, 25, 16

MODES = [
    ("simple", dict(cursor_factory=psycopg.ClientCursor), {}),
    ("extended text", {}, {}),
    ("extended binary", {}, {"binary": True}),
]


def names_and_types(cur):
    return [(d.name, d.type_code) for d in cur.description]


def ids_of(conn, names):
    return [conn.execute("SELECT id FROM items WHERE name = %s", (n,)).fetchone()[0] for n in names]


def count(conn, where="true"):
    return conn.execute("SELECT count(*) FROM items WHERE " + where).fetchone()[0]


def run_mode(mode, conn_args, cur_args):
    p = mode.split()[0][0] + mode.split()[-1][0]      # a prefix per mode: ss, et, eb
    with psycopg.connect(DSN, autocommit=True, **conn_args) as conn:
        cur = conn.cursor(**cur_args)

        # one row: the values given and the ones the database made
        cur.execute("INSERT INTO items (name, qty) VALUES (%s, %s) RETURNING id, name, qty, ok",
                    (p + "-one", 5))
        row = cur.fetchone()
        ck.check(mode + ": one row returned", row, (ids_of(conn, [p + "-one"])[0], p + "-one", 5, True))
        ck.check(mode + ": its columns, named and typed as PostgreSQL does", names_and_types(cur),
                 [("id", INT4), ("name", TEXT), ("qty", INT4), ("ok", BOOL)])
        ck.check(mode + ": tag INSERT 0 1", cur.statusmessage, "INSERT 0 1")

        # several rows, RETURNING *
        cur.execute("INSERT INTO items (name, qty, ok) VALUES (%s, %s, %s), (%s, %s, %s) RETURNING *",
                    (p + "-a", 1, False, p + "-b", 2, True))
        ids = ids_of(conn, [p + "-a", p + "-b"])
        ck.check(mode + ": several rows, in VALUES order", cur.fetchall(),
                 [(ids[0], p + "-a", 1, False), (ids[1], p + "-b", 2, True)])
        ck.check(mode + ": RETURNING * names every column", [d.name for d in cur.description],
                 ["id", "name", "qty", "ok"])
        ck.check(mode + ": tag INSERT 0 2", (cur.statusmessage, cur.rowcount), ("INSERT 0 2", 2))
        ck.check(mode + ": generated ids ascend", ids[0] < ids[1], True)

        # expressions in the list, the table's alias, DEFAULT VALUES
        cur.execute("INSERT INTO items AS i (name, qty) VALUES (%s, %s) "
                    "RETURNING upper(i.name) AS shout, (i.qty * 2)::integer AS twice, i.qty > 2 AS many",
                    (p + "-x", 3))
        ck.check(mode + ": expressions in the RETURNING list", cur.fetchone(), ((p + "-X").upper(), 6, True))
        ck.check(mode + ": their names and types", names_and_types(cur),
                 [("shout", TEXT), ("twice", INT4), ("many", BOOL)])

        # a failing row: nothing of the statement stays (autocommit)
        before = count(conn)
        ck.raises(mode + ": a duplicate in the second row fails the statement", errors.UniqueViolation,
                  lambda: cur.execute("INSERT INTO items (name) VALUES (%s), (%s) RETURNING id",
                                      (p + "-new", p + "-one")), "23505")
        ck.check(mode + ": and the first row is not kept", (count(conn), count(conn, "name = '%s-new'" % p)),
                 (before, 0))
        ck.check(mode + ": the connection is idle again", conn.info.transaction_status,
                 pq.TransactionStatus.IDLE)

    # inside a transaction: a failing row fails the transaction
    with psycopg.connect(DSN, **conn_args) as conn:
        cur = conn.cursor(**cur_args)
        cur.execute("INSERT INTO items (name) VALUES (%s) RETURNING name", (p + "-t1",))
        ck.check(mode + ": RETURNING inside a transaction", cur.fetchone(), (p + "-t1",))
        ck.raises(mode + ": a failing row inside the transaction", errors.UniqueViolation,
                  lambda: cur.execute("INSERT INTO items (name) VALUES (%s), (%s) RETURNING id",
                                      (p + "-t2", p + "-one")), "23505")
        ck.check(mode + ": fails the transaction", conn.info.transaction_status,
                 pq.TransactionStatus.INERROR)
        ck.raises(mode + ": which then refuses statements", errors.InFailedSqlTransaction,
                  lambda: cur.execute("SELECT 1"), "25P02")
        conn.rollback()
        ck.check(mode + ": rolled back, none of it stays", count(conn, "name LIKE '%s-t%%'" % p), 0)
        conn.commit()
        with conn.transaction():
            cur.execute("INSERT INTO items (name) VALUES (%s), (%s) RETURNING name", (p + "-t3", p + "-t4"))
            ck.check(mode + ": several rows inside a transaction", cur.fetchall(), [(p + "-t3",), (p + "-t4",)])
        ck.check(mode + ": committed", count(conn, "name LIKE '%s-t%%'" % p), 2)
        conn.commit()

    # executemany with returning, and a prepared statement run again
    with psycopg.connect(DSN, autocommit=True, **conn_args) as conn:
        cur = conn.cursor(**cur_args)
        cur.executemany("INSERT INTO items (name, qty) VALUES (%s, %s) RETURNING name, qty",
                        [(p + "-m1", 1), (p + "-m2", 2), (p + "-m3", 3)], returning=True)
        got = []
        while True:
            got += cur.fetchall()
            if not cur.nextset():
                break
        ck.check(mode + ": executemany with returning", got, [(p + "-m1", 1), (p + "-m2", 2), (p + "-m3", 3)])
        if mode != "simple":
            for i in range(6):
                cur.execute("INSERT INTO items (name, qty) VALUES (%s, %s), (%s, %s) RETURNING qty",
                            (p + "-p%da" % i, i, p + "-p%db" % i, i + 10), prepare=True)
            ck.check(mode + ": a prepared statement run again", cur.fetchall(), [(5,), (15,)])

        # upserts
        cur.execute("INSERT INTO items (name, qty) VALUES (%s, %s) ON CONFLICT (name) DO NOTHING", (p + "-one", 9))
        ck.check(mode + ": ON CONFLICT DO NOTHING skips the row", (cur.statusmessage, cur.rowcount), ("INSERT 0 0", 0))
        cur.execute("INSERT INTO items (name, qty) VALUES (%s, %s) ON CONFLICT (name) DO NOTHING", (p + "-u", 9))
        ck.check(mode + ": and inserts a new one", cur.statusmessage, "INSERT 0 1")
        cur.execute("INSERT INTO items (name, qty) VALUES (%s, %s) "
                    "ON CONFLICT (name) DO UPDATE SET qty = EXCLUDED.qty", (p + "-one", 7))
        ck.check(mode + ": ON CONFLICT DO UPDATE", cur.statusmessage, "INSERT 0 1")
        cur.execute("INSERT INTO items (name, qty) VALUES (%s, %s) "
                    "ON CONFLICT (name) DO UPDATE SET qty = items.qty + EXCLUDED.qty WHERE items.qty > 100",
                    (p + "-one", 1))
        ck.check(mode + ": DO UPDATE ... WHERE false updates nothing", cur.statusmessage, "INSERT 0 0")
        cur.execute("SELECT qty FROM items WHERE name = %s", (p + "-one",))
        ck.check(mode + ": the updated value", cur.fetchone(), (7,))


with psycopg.connect(DSN, autocommit=True) as conn:
    conn.execute("DROP TABLE IF EXISTS items")
    conn.execute("CREATE TABLE items (id serial PRIMARY KEY, name text NOT NULL UNIQUE,"
                 " qty integer DEFAULT 1, ok boolean DEFAULT true)")
for mode_args in MODES:
    run_mode(*mode_args)
with psycopg.connect(DSN, autocommit=True) as conn:
    conn.execute("DROP TABLE items")
sys.exit(ck.exit_code())
