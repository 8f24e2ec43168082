"""How vector parameters reach the database, as psycopg 3 users see it on
the embedded SQLite default: vector_parameters = bound (a ? marker bound to
the value) and inline (a literal pgwire formats, in the statement's text),
chosen per session with options=-c, give the same results for searches,
functions, INSERT ... RETURNING, UPDATE, executemany, prepared statements
reused with other values and portals read in pieces; 16,000-dimension
vectors as text, declared and binary parameters; bad vectors fail with
pgvector's SQLSTATE and the parameter's position.

usage: vector_params.py PORT
"""

import sys

import numpy as np
import psycopg

from checks import Checks
from pgproto import B, E, P, S, connect, summarize
from pgvector_values import VECTOR_OID, VectorBinary, VectorText, as_text, parse, register

PORT = int(sys.argv[1])
DSN = "host=127.0.0.1 port=%d user=tester dbname=testdb connect_timeout=30" % PORT
ck = Checks("vector_params")
MODES = ("bound", "inline")
DIM = 16


def session(mode):
    conn = psycopg.connect(DSN, autocommit=True, options="-c vector_parameters=" + mode)
    register(conn)
    return conn


def position(sql):
    """The position (1-based, as ErrorResponse gives it) of $1 in a psycopg statement."""
    return str(sql.index("%s") + 1)


rng = np.random.default_rng(20261128)
data = rng.standard_normal((200, DIM)).astype(np.float32)
queries = rng.standard_normal((4, DIM)).astype(np.float32)


def searches(conn):
    """What each kind of vector parameter gives: bare operands, casts, declared, functions."""
    out = []
    for q in queries:
        out.append(conn.execute("SELECT id, embedding <=> %s AS d FROM items ORDER BY d LIMIT 5",
                                (as_text(q),)).fetchall())
        out.append(conn.execute("SELECT id FROM items ORDER BY embedding <-> %s::vector(16) LIMIT 5",
                                (as_text(q),)).fetchall())
        out.append(conn.execute("SELECT id, inner_product(embedding, %s) FROM items"
                                " WHERE embedding <#> %s < 0 AND id < %s ORDER BY id LIMIT 5",
                                (as_text(q), VectorText(q.tolist()), 100)).fetchall())
    return out


def vector_writes(conn, mode, base):
    """INSERT ... RETURNING (a plan of two steps), UPDATE, executemany, read back."""
    v = queries[0]
    row = conn.execute("INSERT INTO items (id, embedding) VALUES (%s, %s::vector(16)) RETURNING id, embedding <-> %s",
                       (base, as_text(v), as_text(v))).fetchone()
    ck.check("%s: INSERT ... RETURNING a distance to the vector just stored" % mode, row, (base, 0.0))
    conn.execute("UPDATE items SET embedding = %s WHERE id = %s", (VectorText(queries[1].tolist()), base))
    got = conn.execute("SELECT embedding FROM items WHERE id = %s", (base,)).fetchone()[0]
    ck.check("%s: UPDATE ... SET a declared vector parameter" % mode, np.array_equal(parse(got), queries[1]), True)
    rows = [(base + 1 + i, as_text(data[i])) for i in range(30)]
    with conn.cursor() as cur:
        cur.executemany("INSERT INTO items (id, embedding) VALUES (%s, %s::vector(16))", rows)
    got = conn.execute("SELECT id, embedding FROM items WHERE id > %s AND id <= %s ORDER BY id",
                       (base, base + 30)).fetchall()
    ck.check("%s: executemany stores every row's own vector" % mode,
             [(i, np.array_equal(parse(t), data[i - base - 1])) for i, t in got],
             [(base + 1 + i, True) for i in range(30)])
    conn.execute("DELETE FROM items WHERE id >= %s", (base,))


def reuse(conn, mode):
    """One text, other values: never the results of the values before."""
    sql = "SELECT id FROM items ORDER BY embedding <=> %s LIMIT 1"
    want = [int(np.argmin(1 - (data @ q) / (np.linalg.norm(data, axis=1) * np.linalg.norm(q)))) + 1 for q in queries]
    got = [conn.execute(sql, (as_text(q),)).fetchone()[0] for q in queries]
    ck.check("%s: the unnamed statement parsed again with other vectors" % mode, got, want)
    got = [conn.execute(sql, (as_text(q),), prepare=True).fetchone()[0] for q in queries]
    ck.check("%s: a prepared statement executed with other vectors" % mode, got, want)
    conn.pgconn.prepare(b"described", b"SELECT id FROM items ORDER BY embedding <=> $1", None)
    res = conn.pgconn.describe_prepared(b"described")
    ck.check("%s: Describe says the parameter is a vector" % mode, (res.nparams, res.param_type(0)), (1, VECTOR_OID))


def portal_in_pieces(mode):
    """Execute with a row limit: the portal suspends and goes on with its own vector."""
    c, _ = connect(PORT, options="-c vector_parameters=" + mode)
    c.send(P("", "SELECT id FROM items ORDER BY embedding <=> $1 LIMIT 3") +
           B("", "", [as_text(queries[2]).encode()]) + E("", 2) + E("", 0) + S)
    got = summarize(c.read_until("Z"))
    c.close()
    return got


def huge(conn, mode):
    """16,000 dimensions (pgvector's most): text, declared text and binary parameters."""
    big = rng.standard_normal(16000).astype(np.float32)
    table = "huge_" + mode
    conn.execute("CREATE TABLE %s (id integer PRIMARY KEY, embedding vector(16000))" % table)
    conn.execute("INSERT INTO %s VALUES (1, %%s::vector(16000)), (2, %%s), (3, %%b)" % table,
                 (as_text(big), VectorText(big.tolist()), VectorBinary(big.tolist())))
    texts = [r[0] for r in conn.execute("SELECT embedding FROM %s ORDER BY id" % table).fetchall()]
    ck.check("%s: 16,000-dimension vectors stored from text, declared and binary parameters" % mode,
             [np.array_equal(parse(t), big) for t in texts], [True, True, True])
    got = conn.execute("SELECT id, embedding <-> %%s FROM %s ORDER BY id" % table, (as_text(big),)).fetchall()
    ck.check("%s: a 16,000-dimension search parameter" % mode, got, [(1, 0.0), (2, 0.0), (3, 0.0)])
    ck.check("%s: vector_dims of a 16,000-dimension parameter" % mode,
             conn.execute("SELECT vector_dims(%s::vector)", (as_text(big),)).fetchone()[0], 16000)
    conn.execute("DROP TABLE " + table)


BAD = [
    ("SELECT id FROM items ORDER BY embedding <=> %s LIMIT 1", ("[1,2,x]",), "22P02",
     'invalid input syntax for type vector: "[1,2,x]"'),
    ("SELECT %s::vector(16)", ("abc",), "22P02", 'invalid input syntax for type vector: "abc"'),
    ("SELECT id FROM items WHERE cosine_distance(embedding, %s) < 1", ("[1,,2]",), "22P02",
     'invalid input syntax for type vector: "[1,,2]"'),
    ("SELECT count(*) FROM items WHERE embedding <-> %s::vector(16) < 1", ("[1,2]",), "22000",
     "expected 16 dimensions, not 2"),
    ("SELECT count(*) FROM items WHERE embedding <=> %s < 1", ("[1,NaN,3]",), "22000",
     "NaN not allowed in vector"),
    ("SELECT count(*) FROM items WHERE embedding <=> %s < 1", ("[1,inf,3]",), "22000",
     "infinite value not allowed in vector"),
    ("SELECT count(*) FROM items WHERE embedding <=> %s < 1", ("[1,1e99,3]",), "22003",
     '"1e99" is out of range for type vector'),
]


def errors(conn, mode):
    for sql, params, state, message in BAD:
        try:
            conn.execute(sql, params)
            ck.fail("%s: %s fails" % (mode, sql), "it ran")
        except psycopg.Error as e:
            ck.check("%s: %s with %s: %s %s at the parameter" % (mode, sql, params[0], state, message),
                     (e.sqlstate, e.diag.message_primary, e.diag.statement_position),
                     (state, message, position(sql)))
    try:
        conn.execute("INSERT INTO items VALUES (%s, %s)", (9999, VectorText([1.0, 2.0])))
        ck.fail("%s: a declared vector of other dimensions than its column fails" % mode, "it ran")
    except psycopg.Error as e:
        ck.check("%s: a declared vector of other dimensions than its column" % mode,
                 (e.sqlstate, e.diag.message_primary), ("22000", "expected 16 dimensions, not 2"))
    ck.check("%s: the session goes on" % mode, conn.execute("SELECT count(*) FROM items").fetchone()[0], 200)


def vectors():
    conns = {mode: session(mode) for mode in MODES}
    for mode, conn in conns.items():
        ck.check("SHOW vector_parameters in a session started with -c vector_parameters=" + mode,
                 conn.execute("SHOW vector_parameters").fetchone()[0], mode)
    setup = conns["bound"]
    setup.execute("CREATE TABLE items (id integer PRIMARY KEY, embedding vector(16))")
    with setup.cursor() as cur:
        cur.executemany("INSERT INTO items (id, embedding) VALUES (%s, %b)",
                        [(i + 1, VectorBinary(data[i].tolist())) for i in range(len(data))])

    results = {mode: searches(conn) for mode, conn in conns.items()}
    norms = np.linalg.norm(data.astype(np.float64), axis=1)
    q = queries[0].astype(np.float64)
    want = np.argsort(1 - (data.astype(np.float64) @ q) / (norms * np.linalg.norm(q)), kind="stable")[:5] + 1
    ck.check("bound: the 5 nearest by <=> are a brute-force ranking's", [r[0] for r in results["bound"][0]],
             [int(i) for i in want])
    ck.check("inline: searches, casts, declared vectors and functions give the bound results",
             results["inline"], results["bound"])
    for k, (mode, conn) in enumerate(conns.items()):
        vector_writes(conn, mode, 1000 + 100 * k)
        reuse(conn, mode)
        huge(conn, mode)
        errors(conn, mode)
    pieces = {mode: portal_in_pieces(mode) for mode in MODES}
    ck.check("bound: a portal read 2 rows, then the rest", pieces["bound"].count(" s "), 1)
    ck.check("inline: a portal read in pieces as the bound one", pieces["inline"], pieces["bound"])
    for conn in conns.values():
        conn.close()


vectors()
sys.exit(ck.exit_code())
