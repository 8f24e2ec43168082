"""pgvector applications on the embedded default, as a RAG application runs
them with psycopg 3: CREATE EXTENSION vector, a vector(384) table, 10,000
random vectors inserted with executemany in pgvector's binary format, then
the top 10 by each distance operator for 20 query vectors (text
parameters), compared with a brute-force computation in float64 (numpy)
to 1e-5; pgvector's functions; a 4096-dimension parameter round trip;
pgvector's errors.

usage: vectors.py PORT
"""

import struct
import sys

import numpy as np
import psycopg
from psycopg import errors
from psycopg.types import TypeInfo

from checks import Checks
from pgvector_values import VECTOR_OID, VectorBinary, VectorText, as_text, parse, register

PORT = int(sys.argv[1])
DSN = "host=127.0.0.1 port=%d user=tester dbname=testdb connect_timeout=10" % PORT
ck = Checks("vectors")
DIM = 384
ROWS = 10000
QUERIES = 20

rng = np.random.default_rng(20261127)
data = rng.standard_normal((ROWS, DIM)).astype(np.float32)
queries = rng.standard_normal((QUERIES, DIM)).astype(np.float32)

with psycopg.connect(DSN, autocommit=True) as conn:
    register(conn)
    conn.execute("CREATE EXTENSION IF NOT EXISTS vector")
    conn.execute("CREATE EXTENSION vector")
    ck.ok("CREATE EXTENSION [IF NOT EXISTS] vector succeeds")
    info = TypeInfo.fetch(conn, "vector")
    ck.check("TypeInfo.fetch(conn, 'vector') finds pgvector's type, as pgvector-python registers it",
             (info.name, info.oid, info.array_oid) if info else None, ("vector", VECTOR_OID, VECTOR_OID + 1))
    ck.check("pg_extension lists vector",
             conn.execute("SELECT extname FROM pg_extension WHERE extname = 'vector'").fetchall(), [("vector",)])
    try:
        conn.execute("CREATE EXTENSION postgis")
        ck.fail("CREATE EXTENSION of another extension fails", "it succeeded")
    except errors.FeatureNotSupported as e:
        ck.check("another extension is not available (0A000)", 'extension "postgis" is not available' in str(e), True)

    conn.execute("CREATE TABLE items (id bigserial PRIMARY KEY, content text, embedding vector(%d))" % DIM)
    conn.execute("CREATE INDEX ON items USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 64)")
    ck.ok("an HNSW index is accepted")
    with conn.cursor() as cur:
        cur.executemany("INSERT INTO items (content, embedding) VALUES (%s, %b)",
                        [("doc %d" % i, VectorBinary(data[i].tolist())) for i in range(ROWS)])
    ck.check("10,000 vectors inserted with executemany (binary)",
             conn.execute("SELECT count(*) FROM items").fetchone()[0], ROWS)

    # the stored vectors come back as pgvector prints them, float4 exact
    row = conn.execute("SELECT id, embedding FROM items WHERE id = 7").fetchone()
    ck.check("a stored vector comes back as its float4 values",
             np.array_equal(parse(row[1]), data[6]), True)
    desc = conn.execute("SELECT embedding, embedding <=> %s AS d FROM items LIMIT 1",
                        (as_text(queries[0]),)).description
    ck.check("result types: vector, double precision", [(d.type_code) for d in desc], [VECTOR_OID, 701])

    d64 = data.astype(np.float64)
    norms = np.linalg.norm(d64, axis=1)
    mismatches = []
    for q in range(QUERIES):
        qv = queries[q].astype(np.float64)
        expected = {
            "<->": np.linalg.norm(d64 - qv, axis=1),
            "<=>": 1.0 - (d64 @ qv) / (norms * np.linalg.norm(qv)),
            "<#>": -(d64 @ qv),
        }
        for op, dist in expected.items():
            got = conn.execute("SELECT id, embedding %s %%s AS d FROM items ORDER BY d LIMIT 10" % op,
                               (as_text(queries[q]),)).fetchall()
            want = np.argsort(dist, kind="stable")[:10]
            ids_ok = [r[0] for r in got] == [int(i) + 1 for i in want]
            dist_ok = all(abs(r[1] - dist[r[0] - 1]) <= 1e-5 * max(1.0, abs(dist[r[0] - 1])) for r in got)
            if not (ids_ok and dist_ok):
                mismatches.append((q, op))
    ck.check("top 10 by <->, <=>, <#> for 20 queries equal a brute-force float64 ranking (1e-5)",
             mismatches, [])

    # pgvector's functions
    v = data[41]
    got = conn.execute("SELECT vector_dims(embedding), l2_norm(embedding), cosine_distance(embedding, %s),"
                       " inner_product(embedding, %s), l2_distance(embedding, %s) FROM items WHERE id = 42",
                       (as_text(queries[1]),) * 3).fetchone()
    q1 = queries[1].astype(np.float64)
    want = (DIM, float(np.linalg.norm(v.astype(np.float64))),
            float(1 - v.astype(np.float64) @ q1 / (np.linalg.norm(v.astype(np.float64)) * np.linalg.norm(q1))),
            float(v.astype(np.float64) @ q1), float(np.linalg.norm(v.astype(np.float64) - q1)))
    ck.check("vector_dims, l2_norm, cosine_distance, inner_product, l2_distance",
             got[0] == want[0] and all(abs(a - b) < 1e-5 for a, b in zip(got[1:], want[1:])), True)

    # a 4096-dimension parameter, text and binary, stored and read back
    conn.execute("CREATE TABLE big (id integer PRIMARY KEY, embedding vector(4096))")
    big = rng.standard_normal(4096).astype(np.float32)
    conn.execute("INSERT INTO big VALUES (1, %s), (2, %b)", (VectorText(big.tolist()), VectorBinary(big.tolist())))
    texts = [r[0] for r in conn.execute("SELECT embedding FROM big ORDER BY id").fetchall()]
    ck.check("a 4096-dimension vector round trip (text and binary parameters)",
             [np.array_equal(parse(t), big) for t in texts], [True, True])
    conn.execute("INSERT INTO big VALUES (3, '%s')" % as_text(big))
    ck.check("  and as an uncast constant", np.array_equal(parse(conn.execute(
        "SELECT embedding FROM big WHERE id = 3").fetchone()[0]), big), True)
    conn.execute("DELETE FROM big WHERE id = 3")
    ck.check("  and its distance to itself", conn.execute(
        "SELECT embedding <-> %s FROM big WHERE id = 2", (as_text(big),)).fetchone()[0], 0.0)
    with conn.cursor(binary=True) as cur:
        cur.execute("SELECT embedding FROM big WHERE id = 1")
        raw = cur.fetchone()[0]
        dims, _ = struct.unpack(">HH", raw[:4])
        ck.check("binary results in pgvector's format", (dims, np.array_equal(
            np.frombuffer(raw[4:], dtype=">f4").astype(np.float32), big)), (4096, True))

    # pgvector's errors
    for sql, params, state, text in [
            ("SELECT '[1,2,x]'::vector", None, "22P02", 'invalid input syntax for type vector'),
            ("SELECT %s::vector(3)", ("[1,2]",), "22000", "expected 3 dimensions, not 2"),
            ("SELECT embedding <-> %s FROM items LIMIT 1", ("[1,2,3]",), None, "different vector dimensions"),
            ("INSERT INTO big VALUES (3, %s)", ("[1,2]",), "22000", "expected 4096 dimensions, not 2"),
            # constants without a cast are read as the column's vector(n) too
            ("INSERT INTO big VALUES (4, '[1,2]')", None, "22000", "expected 4096 dimensions, not 2"),
            ("INSERT INTO big VALUES (5, 'garbage')", None, "22P02", "invalid input syntax for type vector"),
            ("UPDATE big SET embedding = '[1,2]' WHERE id = 1", None, "22000",
             "expected 4096 dimensions, not 2")]:
        try:
            conn.execute(sql, params)
            ck.fail("%s fails" % sql, "it ran")
        except psycopg.Error as e:
            ck.check("%s fails: %s" % (sql, text), (text in str(e), state is None or e.sqlstate == state),
                     (True, True))

sys.exit(ck.exit_code())
