#!/bin/bash
# copy.sh -- how fast COPY is: psql's \copy of a million narrow CSV rows
# (integer, integer, 20-character text) into and out of
#   pgwire -> SQLite (the embedded default, pgwire_vector.so loaded as
#     pgwire-ctl init configures it: COPY FROM in packed batches),
#   pgwire -> SQLite without pgwire_vector.so (COPY FROM as multi-row VALUES),
#   pgwire -> psqlODBC -> PostgreSQL,
#   PostgreSQL itself,
# all started here on this machine and measured in the same run; prints a
# Markdown table of rows per second and the ratio to PostgreSQL. Each
# figure is the best of REPEAT rounds; a round runs every target once, so
# a change in the machine's load falls on all of them alike.
#
#   bench/copy.sh [BUILDDIR] [-n ROWS] [-r REPEAT]
#
# BUILDDIR defaults to ./build (configured and built if needed). Needs
# PostgreSQL's server programs (scripts/install-deps installs them).
. "$(dirname "$0")/lib.sh"

if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
    BUILD=$1
    shift
fi
ROWS=1000000
REPEAT=3
while getopts "n:r:" opt; do
    case $opt in
        n) ROWS=$OPTARG ;;
        r) REPEAT=$OPTARG ;;
        *) echo "usage: bench/copy.sh [BUILDDIR] [-n ROWS] [-r REPEAT]" >&2; exit 2 ;;
    esac
done

bench_init
bench_start_postgres
bench_start_pgwire_sqlite sqlite "$BUILD/pgwire_vector.so"
SQLITE_PORT=$PORT
bench_start_pgwire_sqlite sqlite_values
SQLITE_VALUES_PORT=$PORT
bench_start_pgwire_postgres
PGW_PG_PORT=$PORT

"$PY" - "$ROWS" "$WORK/rows.csv" <<'EOF'
import sys
n, path = int(sys.argv[1]), sys.argv[2]
with open(path, "w") as f:
    for i in range(n):
        f.write("%d,%d,%s\n" % (i, i % 1000, "abcdefghijklmnopqrst"))
EOF

# rate PORT USER DB TABLE from|to: rows/s of one \copy
rate() {
    local port=$1 user=$2 db=$3 table=$4 dir=$5 start end
    if [ "$dir" = from ]; then
        bench_psql "$port" "$user" "$db" -c "DROP TABLE IF EXISTS $table" \
            -c "CREATE TABLE $table (a integer, b integer, c text)" 2>/dev/null
        start=$(date +%s%N)
        bench_psql "$port" "$user" "$db" -c "\\copy $table FROM '$WORK/rows.csv' WITH (FORMAT csv)"
    else
        start=$(date +%s%N)
        bench_psql "$port" "$user" "$db" -c "\\copy $table TO '$WORK/out.csv' WITH (FORMAT csv)"
        cmp -s "$WORK/rows.csv" "$WORK/out.csv" || { echo "copy.sh: COPY TO from port $port differs" >&2; exit 1; }
    fi
    end=$(date +%s%N)
    echo $((ROWS * 1000000000 / (end - start)))
}

declare -A FROM TO LABEL ARGS
TARGETS=(postgres pgw_sqlite pgw_sqlite_values pgw_postgres)
LABEL[postgres]="PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') direct"
LABEL[pgw_sqlite]="pgwire -> SQLite"
LABEL[pgw_sqlite_values]="pgwire -> SQLite without pgwire_vector.so"
LABEL[pgw_postgres]="pgwire -> psqlODBC -> PostgreSQL"
ARGS[postgres]="$PG_PORT postgres postgres bench_pg"
ARGS[pgw_sqlite]="$SQLITE_PORT tester testdb bench_sqlite"
ARGS[pgw_sqlite_values]="$SQLITE_VALUES_PORT tester testdb bench_sqlite"
ARGS[pgw_postgres]="$PGW_PG_PORT tester testdb bench_pgw"
for _ in $(seq 1 "$REPEAT"); do
    for target in "${TARGETS[@]}"; do
        # shellcheck disable=SC2086 # ARGS holds four words
        r=$(rate ${ARGS[$target]} from)
        if [ "$r" -gt "${FROM[$target]:-0}" ]; then FROM[$target]=$r; fi
        # shellcheck disable=SC2086
        r=$(rate ${ARGS[$target]} to)
        if [ "$r" -gt "${TO[$target]:-0}" ]; then TO[$target]=$r; fi
    done
done

bench_machine
echo "data: $ROWS rows of (integer, integer, 20-character text), CSV, psql \\copy; best of $REPEAT rounds"
echo
echo "| target | COPY FROM rows/s | vs PostgreSQL | COPY TO rows/s | vs PostgreSQL |"
echo "| --- | ---: | ---: | ---: | ---: |"
for target in "${TARGETS[@]}"; do
    echo "| ${LABEL[$target]} | ${FROM[$target]} | $(bench_ratio "${FROM[$target]}" "${FROM[postgres]}") |" \
        "${TO[$target]} | $(bench_ratio "${TO[$target]}" "${TO[postgres]}") |"
done
