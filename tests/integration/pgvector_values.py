"""pgvector's values for the psycopg 3 tests, as pgvector-python sends them:
VectorText (pgvector's text, declared vector) and VectorBinary (pgvector's
binary format), the text of a vector for a plain text parameter, and the
float4 array back from pgvector's text.

    register(conn)
    conn.execute("INSERT ... VALUES (%s, %b)", (VectorText(v), VectorBinary(v)))
"""

import struct

import numpy as np
from psycopg.adapt import Dumper
from psycopg.pq import Format

VECTOR_OID = 16385      # the oid pgwire reports for vector (common/types.h)


class VectorText(list):
    """A vector sent as pgvector's text, declared vector."""


class VectorBinary(list):
    """A vector sent in pgvector's binary format."""


class VectorTextDumper(Dumper):
    oid = VECTOR_OID

    def dump(self, obj):
        return as_text(obj).encode()


class VectorBinaryDumper(Dumper):
    """pgvector's binary send format: int16 dims, int16 unused, float4 each (network order)."""
    format = Format.BINARY
    oid = VECTOR_OID

    def dump(self, obj):
        return struct.pack(">HH%df" % len(obj), len(obj), 0, *obj)


def register(conn):
    conn.adapters.register_dumper(VectorText, VectorTextDumper)
    conn.adapters.register_dumper(VectorBinary, VectorBinaryDumper)


def as_text(v):
    return "[" + ",".join(repr(float(x)) for x in v) + "]"


def parse(text):
    return np.array([float(x) for x in text.strip("[]").split(",")], dtype=np.float32)
