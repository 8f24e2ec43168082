#!/bin/bash
# run.sh -- build the libFuzzer targets with clang and run each for a bounded
# time (PGWIRE_FUZZ_SECONDS, default 20) from the seed corpus. Part of
# make check when clang with libFuzzer is available; a crash, leak or
# sanitizer report fails the suite and leaves the reproducer in the log.
set -u
SRC=${PGWIRE_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
BUILD=${PGWIRE_BUILDDIR:-$SRC}
SECONDS_EACH=${PGWIRE_FUZZ_SECONDS:-20}
OUT=$(mktemp -d "${TMPDIR:-/tmp}/pgwire-fuzz.XXXXXX")
trap 'rm -rf "$OUT"' EXIT

CFLAGS="-std=c11 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -I$SRC -I$BUILD"
COMMON=$(ls "$SRC"/common/*.c)
TRANSLATE=$(ls "$SRC"/translate/*.c | grep -v /pgwire_translate.c)
CONFIG=$(ls "$SRC"/config/*.c)

status=0
build_and_run() {
    local name=$1; shift
    if ! clang $CFLAGS -o "$OUT/$name" "$SRC/tests/fuzz/$name.c" "$@" $(pkg-config --libs yaml-0.1 libcrypto) 2>"$OUT/$name.build"; then
        echo "fuzz: FAIL: could not build $name"; cat "$OUT/$name.build"; status=1; return
    fi
    mkdir -p "$OUT/corpus-$name"
    cp "$SRC"/tests/fuzz/corpus/"${name#fuzz_}"/* "$OUT/corpus-$name/" 2>/dev/null
    if (cd "$OUT" && "./$name" -max_total_time="$SECONDS_EACH" -max_len=4096 -timeout=10 \
            -print_final_stats=1 "corpus-$name" >"$name.log" 2>&1); then
        echo "fuzz: ok - $name: $(grep -o 'stat::number_of_executed_units: [0-9]*' "$OUT/$name.log") in ${SECONDS_EACH}s"
    else
        echo "fuzz: FAIL: $name"; tail -60 "$OUT/$name.log"; status=1
    fi
}

build_and_run fuzz_protocol $COMMON
build_and_run fuzz_sql $COMMON $TRANSLATE $CONFIG
exit $status
