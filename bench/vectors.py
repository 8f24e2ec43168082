"""Top-10 cosine search through pgwire on the embedded default, timed per
query from a psycopg client; loads the vectors first. Writes the vectors
and queries as float4 files for the C yardstick (bench/vector_scan).

usage: vectors.py PORT ROWS DIM QUERIES WORKDIR
"""

import sys
import time
import struct

import numpy as np
import psycopg
from psycopg.adapt import Dumper
from psycopg.pq import Format

PORT, ROWS, DIM, QUERIES = (int(a) for a in sys.argv[1:5])
WORK = sys.argv[5]


class VectorBinary(list):
    pass


class VectorBinaryDumper(Dumper):
    format = Format.BINARY
    oid = 16385

    def dump(self, obj):
        return struct.pack(">HH%df" % len(obj), len(obj), 0, *obj)


rng = np.random.default_rng(42)
data = rng.standard_normal((ROWS, DIM)).astype(np.float32)
queries = rng.standard_normal((QUERIES, DIM)).astype(np.float32)
data.tofile(WORK + "/vectors.f32")
queries.tofile(WORK + "/queries.f32")

with psycopg.connect("host=127.0.0.1 port=%d user=bench dbname=bench" % PORT) as conn:
    conn.adapters.register_dumper(VectorBinary, VectorBinaryDumper)
    conn.execute("CREATE TABLE items (id integer PRIMARY KEY, embedding vector(%d))" % DIM)
    start = time.monotonic()
    with conn.cursor() as cur:
        cur.executemany("INSERT INTO items VALUES (%s, %b)",
                        [(i + 1, VectorBinary(data[i].tolist())) for i in range(ROWS)])
    conn.commit()
    load = time.monotonic() - start
    conn.autocommit = True
    sql = "SELECT id FROM items ORDER BY embedding <=> %s LIMIT 10"
    text = ["[" + ",".join(repr(float(x)) for x in q) + "]" for q in queries]
    conn.execute(sql, (text[0],)).fetchall()      # warm-up: pages in the cache
    times = []
    for t in text:
        s = time.monotonic()
        conn.execute(sql, (t,)).fetchall()
        times.append(time.monotonic() - s)
    times.sort()
    total = sum(times)
    print("load_rows_per_s %.0f" % (ROWS / load))
    print("qps %.2f" % (len(times) / total))
    print("p50_ms %.1f" % (1000 * times[len(times) // 2]))
    print("p99_ms %.1f" % (1000 * times[min(len(times) - 1, int(len(times) * 0.99))]))
