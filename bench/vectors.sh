#!/bin/bash
# vectors.sh -- vector search on the embedded default against its yardstick:
# top-10 cosine search over ROWS x DIM float4 vectors (default 100,000 x
# 384) through pgwire (psycopg, one query at a time), and the same
# brute-force scan as a plain C loop over the same floats in memory
# (bench/vector_scan). Prints a Markdown table with the ratio.
#
#   bench/vectors.sh [BUILDDIR] [ROWS] [DIM] [QUERIES]
set -euo pipefail
SRC=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$SRC/build}
ROWS=${2:-100000}
DIM=${3:-384}
QUERIES=${4:-50}

[ -f "$BUILD/Makefile" ] || "$SRC/scripts/build" "$BUILD" >/dev/null
make -s -C "$BUILD" >/dev/null
make -s -C "$BUILD" bench/vector_scan >/dev/null

WORK=$(mktemp -d "${TMPDIR:-/tmp}/vector-bench.XXXXXX")
PORT=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cleanup() { "$BUILD/pgwire-ctl" -D "$WORK/data" stop -m fast >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT

"$BUILD/pgwire-ctl" -D "$WORK/data" init >/dev/null
"$BUILD/pgwire-ctl" -D "$WORK/data" -l "$WORK/server.log" -o "-p $PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$WORK" start -w >/dev/null

out=$(/usr/bin/python3 "$SRC/bench/vectors.py" "$PORT" "$ROWS" "$DIM" "$QUERIES" "$WORK")
loop=$("$BUILD/bench/vector_scan" "$WORK/vectors.f32" "$WORK/queries.f32" "$DIM" 10)
get() { echo "$out" | sed -n "s/^$1 //p"; }
loop_qps=$(echo "$loop" | sed -n 's/.*qps \([0-9.]*\).*/\1/p')

echo "machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
echo "data: $ROWS x $DIM float4 vectors, $QUERIES queries, top 10 by cosine distance"
echo
echo "| search | queries/s | p50 ms | p99 ms |"
echo "| --- | ---: | ---: | ---: |"
echo "| pgwire, embedded SQLite (psycopg, ORDER BY embedding <=> \$1 LIMIT 10) | $(get qps) | $(get p50_ms) | $(get p99_ms) |"
echo "| plain C loop over the same floats (bench/vector_scan) | $loop_qps | | |"
echo
echo "ratio pgwire / C loop: $(/usr/bin/python3 -c "print('%.2f' % ($(get qps) / $loop_qps))")"
echo "load through pgwire (executemany, binary vectors, one transaction): $(get load_rows_per_s) rows/s"
