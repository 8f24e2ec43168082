#!/bin/bash
# The golden corpus's sqlite side run end to end: for each
# tests/translate/*.txt file (or the files named as arguments), a fresh
# pgwire on a fresh embedded SQLite database, the file's "# setup:"
# statements, then every case with a "-> sqlite" expectation sent through
# psycopg 3 (corpus_live.py): translations must run, errors must carry
# their SQLSTATE.
#
#   tests/integration/corpus_sqlite.sh [CORPUS_FILE...]
. "$(dirname "$0")/lib.sh"

# per file, at most this long (a hung statement must not hang make check)
FILE_TIMEOUT=${CORPUS_FILE_TIMEOUT:-300}

if [ $# -gt 0 ]; then
    FILES=("$@")
else
    FILES=("$PGWIRE_SRCDIR"/tests/translate/*.txt)
fi
[ -e "${FILES[0]}" ] || { fail "no corpus files in $PGWIRE_SRCDIR/tests/translate"; pgw_finish; }

# fresh_server: stop the running pgwire, start one on a new data directory
fresh_server() {
    pgw_stop
    rm -rf "$DATA"
    pgw_init
    pgw_start
}

for file in "${FILES[@]}"; do
    fresh_server
    timeout "$FILE_TIMEOUT" "$PY" "$TESTS_DIR/corpus_live.py" "$PORT" "$file" sqlite ||
        fail "$(basename "$file"): end-to-end cases (see above)"
done
pgw_finish
