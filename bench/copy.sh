#!/bin/bash
# copy.sh -- how fast COPY is: psql's \copy of a million narrow CSV rows
# (integer, integer, 20-character text) into and out of
#   pgwire -> SQLite (the embedded default),
#   pgwire -> psqlODBC -> PostgreSQL,
#   PostgreSQL itself,
# all started here on this machine and measured in the same run; prints a
# Markdown table of rows per second and the ratio to PostgreSQL. Each
# figure is the best of REPEAT runs.
#
#   bench/copy.sh [BUILDDIR] [-n ROWS] [-r REPEAT]
#
# BUILDDIR defaults to ./build (configured and built if needed). Needs
# PostgreSQL's server programs (scripts/install-deps installs them).
set -euo pipefail
SRC=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$SRC/build
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

[ -f "$BUILD/Makefile" ] || "$SRC/scripts/build" "$BUILD" >/dev/null
make -s -C "$BUILD" pgwire pgwire-ctl >/dev/null

PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$PG_BIN/initdb" ] || { echo "copy.sh: PostgreSQL server programs not found" >&2; exit 1; }
PY=/usr/bin/python3
WORK=$(mktemp -d "${TMPDIR:-/tmp}/copy-bench.XXXXXX")
chmod 755 "$WORK"
PIDS=()

as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cleanup() {
    for pid in "${PIDS[@]}"; do kill -INT "$pid" 2>/dev/null || true; done
    [ -d "$WORK/pg/data" ] && as_owner "$PG_BIN/pg_ctl" -D "$WORK/pg/data" -m fast -w stop >/dev/null 2>&1
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT

free_port() {
    "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# ---- PostgreSQL ----
PG_PORT=$(free_port)
mkdir -p "$WORK/pg"
[ "$(id -u)" -eq 0 ] && chown postgres "$WORK/pg"
as_owner "$PG_BIN/initdb" -D "$WORK/pg/data" -A trust -U postgres >/dev/null
as_owner "$PG_BIN/pg_ctl" -D "$WORK/pg/data" -l "$WORK/pg/log" -w \
    -o "-p $PG_PORT -k $WORK/pg -c listen_addresses=127.0.0.1" start >/dev/null

# ---- pgwire, once per dialect ----
start_pgwire() {
    local dir=$WORK/$1 port=$2
    shift 2
    "$BUILD/pgwire-ctl" -D "$dir" init >/dev/null
    {
        echo "port: $port"
        echo "listen_addresses: 127.0.0.1"
        echo "unix_socket_directories: $dir"
        for line in "$@"; do echo "$line"; done
    } >>"$dir/pgwire.yaml.extra"
    # later keys must replace the template's, not repeat them
    grep -v -E "^(port|listen_addresses|unix_socket_directories|dialect|odbc_connection_string):" \
        "$dir/pgwire.yaml" >"$dir/pgwire.yaml.new"
    cat "$dir/pgwire.yaml.extra" >>"$dir/pgwire.yaml.new"
    mv "$dir/pgwire.yaml.new" "$dir/pgwire.yaml"
    "$BUILD/pgwire" -D "$dir" >"$dir/server.log" 2>&1 &
    PIDS+=($!)
    for _ in $(seq 1 100); do
        grep -q "ready to accept connections" "$dir/server.log" 2>/dev/null && return 0
        sleep 0.05
    done
    echo "copy.sh: pgwire in $dir did not start" >&2
    cat "$dir/server.log" >&2
    exit 1
}
SQLITE_PORT=$(free_port)
start_pgwire sqlite "$SQLITE_PORT" "dialect: sqlite" \
    "odbc_connection_string: \"Driver=/usr/lib/x86_64-linux-gnu/odbc/libsqlite3odbc.so;Database=pgwire.db;JournalMode=WAL;Timeout=10000\""
PGW_PG_PORT=$(free_port)
start_pgwire postgres "$PGW_PG_PORT" "dialect: postgres" \
    "odbc_connection_string: \"Driver=/usr/lib/x86_64-linux-gnu/odbc/psqlodbcw.so;Server=127.0.0.1;Port=$PG_PORT;Database=postgres;UID=postgres\""

# ---- the data ----
"$PY" - "$ROWS" "$WORK/rows.csv" <<'EOF'
import sys
n, path = int(sys.argv[1]), sys.argv[2]
with open(path, "w") as f:
    for i in range(n):
        f.write("%d,%d,%s\n" % (i, i % 1000, "abcdefghijklmnopqrst"))
EOF

# target NAME PORT USER DB TABLE: psql against one of them
run_psql() {
    psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$1" -U "$2" -d "$3" "${@:4}"
}

# best_rate PORT USER DB TABLE DIRECTION: the best rows/s of REPEAT runs
best_rate() {
    local port=$1 user=$2 db=$3 table=$4 dir=$5 best=0 start end rate
    for _ in $(seq 1 "$REPEAT"); do
        if [ "$dir" = from ]; then
            run_psql "$port" "$user" "$db" -c "DROP TABLE IF EXISTS $table" \
                -c "CREATE TABLE $table (a integer, b integer, c text)" 2>/dev/null
            start=$(date +%s%N)
            run_psql "$port" "$user" "$db" -c "\\copy $table FROM '$WORK/rows.csv' WITH (FORMAT csv)"
        else
            start=$(date +%s%N)
            run_psql "$port" "$user" "$db" -c "\\copy $table TO '$WORK/out.csv' WITH (FORMAT csv)"
            cmp -s "$WORK/rows.csv" "$WORK/out.csv" || { echo "copy.sh: COPY TO from port $port differs" >&2; exit 1; }
        fi
        end=$(date +%s%N)
        rate=$((ROWS * 1000000000 / (end - start)))
        [ "$rate" -gt "$best" ] && best=$rate
    done
    echo "$best"
}

declare -A FROM TO
for target in postgres pgw_sqlite pgw_postgres; do
    case $target in
        postgres) args=("$PG_PORT" postgres postgres bench_pg) ;;
        pgw_sqlite) args=("$SQLITE_PORT" tester testdb bench_sqlite) ;;
        pgw_postgres) args=("$PGW_PG_PORT" tester testdb bench_pgw) ;;
    esac
    FROM[$target]=$(best_rate "${args[@]}" from)
    TO[$target]=$(best_rate "${args[@]}" to)
done

ratio() { "$PY" -c "print('%.2f' % ($1 / $2))"; }

echo "machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "data: $ROWS rows of (integer, integer, 20-character text), CSV, psql \\copy; best of $REPEAT"
echo
echo "| target | COPY FROM rows/s | vs PostgreSQL | COPY TO rows/s | vs PostgreSQL |"
echo "| --- | ---: | ---: | ---: | ---: |"
for target in postgres pgw_sqlite pgw_postgres; do
    case $target in
        postgres) label="PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') direct" ;;
        pgw_sqlite) label="pgwire -> SQLite" ;;
        pgw_postgres) label="pgwire -> psqlODBC -> PostgreSQL" ;;
    esac
    echo "| $label | ${FROM[$target]} | $(ratio "${FROM[$target]}" "${FROM[postgres]}") | ${TO[$target]} | $(ratio "${TO[$target]}" "${TO[postgres]}") |"
done
