#!/bin/bash
# pgvector on the embedded default, through psycopg 3: a RAG-shaped flow
# (10,000 × 384 vectors, top 10 by each operator against a brute-force
# ranking), pgvector's functions, 4096 dimensions, pgvector's errors.
. "$(dirname "$0")/lib.sh"

pgw_start
"$PY" "$TESTS_DIR/vectors.py" "$PORT" || fail "vectors with psycopg (see above)"
pgw_finish
