#!/bin/bash
# translate.sh -- how fast the translator is: every golden-corpus input
# (tests/translate/*.txt) translated many times for iris and sqlite; prints
# a Markdown table (statements, median / p90 / p99 / max ns per statement).
#
#   bench/translate.sh [BUILDDIR] [-n REPEAT]
#
# BUILDDIR defaults to ./build; it is configured and built if needed
# (scripts/build), then bench/translate_bench is made in it.
set -euo pipefail
SRC=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$SRC/build
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
    BUILD=$1
    shift
fi

[ -f "$BUILD/Makefile" ] || "$SRC/scripts/build" "$BUILD" >/dev/null
make -s -C "$BUILD" bench/translate_bench >/dev/null

INPUTS=$(mktemp "${TMPDIR:-/tmp}/translate-bench.XXXXXX")
trap 'rm -f "$INPUTS"' EXIT
/usr/bin/python3 "$SRC/tests/integration/corpus.py" list-inputs "$SRC" >"$INPUTS"

echo "machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
echo "corpus: $(ls "$SRC"/tests/translate/*.txt | wc -l) files, $(tr -cd '\0' <"$INPUTS" | wc -c) inputs"
echo
"$BUILD/bench/translate_bench" --dialect iris --dialect sqlite "$@" "$INPUTS"
