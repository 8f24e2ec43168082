# lib.sh -- what the benchmarks share: a build, a scratch directory removed
# at exit, and the servers they compare, all on this machine, on free
# loopback ports:
#   bench_start_postgres            a private PostgreSQL             -> PG_PORT
#   bench_start_pgwire NAME ...     pgwire with extra settings       -> PORT
#   bench_start_pgbouncer NAME P N  PgBouncer in front of port P     -> PORT
# (PORT is set, not printed: the servers must be this shell's children.)
# Source it, then call bench_init [BUILDDIR].

set -euo pipefail
SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=$SRC/build
PY=/usr/bin/python3
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
PGBOUNCER=/usr/sbin/pgbouncer
SQLITE_DRIVER=/usr/lib/x86_64-linux-gnu/odbc/libsqlite3odbc.so
PSQLODBC_DRIVER=/usr/lib/x86_64-linux-gnu/odbc/psqlodbcw.so
WORK=
PG_PORT=
PIDS=()
BOUNCERS=()
PORT=

# run a server program as a user it accepts (PostgreSQL and PgBouncer refuse root)
bench_as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

bench_free_port() {
    "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

bench_cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do kill -INT "$pid" 2>/dev/null || true; done
    for pid in "${BOUNCERS[@]}"; do kill -TERM "$(cat "$pid" 2>/dev/null)" 2>/dev/null || true; done
    if [ -n "$WORK" ] && [ -d "$WORK/pg/data" ]; then
        bench_as_owner "$PG_BIN/pg_ctl" -D "$WORK/pg/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    [ -n "$WORK" ] && rm -rf "$WORK"
}

# bench_init [BUILDDIR]: build pgwire if needed, make the scratch directory
bench_init() {
    [ $# -gt 0 ] && BUILD=$1
    [ -f "$BUILD/Makefile" ] || "$SRC/scripts/build" "$BUILD" >/dev/null
    make -s -C "$BUILD" pgwire pgwire-ctl pgwire_vector.so >/dev/null
    BUILD=$(cd "$BUILD" && pwd)     # servers start elsewhere: LoadExt= needs it absolute
    [ -x "$PG_BIN/initdb" ] || { echo "bench: PostgreSQL server programs not found" >&2; exit 1; }
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/pgwire-bench.XXXXXX")
    chmod 755 "$WORK"
    trap bench_cleanup EXIT
}

bench_machine() {
    echo "machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
}

bench_start_postgres() {
    PG_PORT=$(bench_free_port)
    mkdir -p "$WORK/pg"
    [ "$(id -u)" -eq 0 ] && chown postgres "$WORK/pg"
    bench_as_owner "$PG_BIN/initdb" -D "$WORK/pg/data" -A trust -U postgres >/dev/null
    bench_as_owner "$PG_BIN/pg_ctl" -D "$WORK/pg/data" -l "$WORK/pg/log" -w \
        -o "-p $PG_PORT -k $WORK/pg -c listen_addresses=127.0.0.1 -c max_connections=1100" start >/dev/null
}

# bench_start_pgwire NAME "key: value"...: sets PORT
bench_start_pgwire() {
    local name=$1 dir=$WORK/$1 port
    shift
    port=$(bench_free_port)
    "$BUILD/pgwire-ctl" -D "$dir" init >/dev/null
    grep -v -E "^(port|listen_addresses|unix_socket_directories|dialect|odbc_connection_string|max_connections):" \
        "$dir/pgwire.yaml" >"$dir/pgwire.yaml.new"
    {
        echo "port: $port"
        echo "listen_addresses: 127.0.0.1"
        echo "unix_socket_directories: $dir"
        echo "max_connections: 1100"
        for line in "$@"; do echo "$line"; done
    } >>"$dir/pgwire.yaml.new"
    mv "$dir/pgwire.yaml.new" "$dir/pgwire.yaml"
    "$BUILD/pgwire" -D "$dir" >"$dir/server.log" 2>&1 &
    PIDS+=($!)
    SERVER_PID=$!
    for _ in $(seq 1 100); do
        if grep -q "ready to accept connections" "$dir/server.log" 2>/dev/null; then
            PORT=$port
            return 0
        fi
        sleep 0.05
    done
    echo "bench: pgwire $name did not start" >&2
    cat "$dir/server.log" >&2
    exit 1
}

# pgwire on the embedded SQLite default, and on PostgreSQL through psqlODBC.
# bench_start_pgwire_sqlite [NAME [LOADEXT]]: LOADEXT, when given, is the
# SQLite extension the driver loads (pgwire-ctl init writes pgwire_vector.so)
bench_start_pgwire_sqlite() {
    local ext=${2:+;LoadExt=$2}
    bench_start_pgwire "${1:-sqlite}" "dialect: sqlite" \
        "odbc_connection_string: \"Driver=$SQLITE_DRIVER;Database=pgwire.db;JournalMode=WAL;Timeout=10000$ext\""
}

bench_start_pgwire_postgres() {
    bench_start_pgwire postgres "dialect: postgres" \
        "odbc_connection_string: \"Driver=$PSQLODBC_DRIVER;Server=127.0.0.1;Port=$PG_PORT;Database=postgres;UID=postgres\""
}

# bench_start_pgbouncer NAME TARGET_PORT POOL_SIZE: transaction pooling in
# front of PostgreSQL's database postgres on TARGET_PORT; sets PORT
bench_start_pgbouncer() {
    local name=$1 target=$2 size=$3 dir=$WORK/bouncer port
    port=$(bench_free_port)
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    echo "\"postgres\" \"\"" >"$dir/userlist.txt"
    cat >"$dir/$name.ini" <<EOF
[databases]
postgres = host=127.0.0.1 port=$target dbname=postgres

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
unix_socket_dir = $dir
auth_type = trust
auth_file = $dir/userlist.txt
pool_mode = transaction
default_pool_size = $size
max_client_conn = 1100
logfile = $dir/$name.log
pidfile = $dir/$name.pid
EOF
    [ "$(id -u)" -eq 0 ] && chown -R postgres "$dir"
    bench_as_owner "$PGBOUNCER" -d "$dir/$name.ini" >"$dir/$name.out" 2>&1 ||
        { echo "bench: pgbouncer did not start" >&2; exit 1; }
    BOUNCERS+=("$dir/$name.pid")
    for _ in $(seq 1 100); do
        if psql -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -c "SELECT 1" >/dev/null 2>&1; then
            PORT=$port
            return 0
        fi
        sleep 0.05
    done
    echo "bench: pgbouncer not answering" >&2
    cat "$dir/$name.log" "$dir/$name.out" >&2 2>/dev/null || true
    exit 1
}

# bench_psql PORT USER DB ARGS...
bench_psql() {
    psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$1" -U "$2" -d "$3" "${@:4}"
}

# bench_ratio A B: A / B with two decimals
bench_ratio() {
    "$PY" -c "import sys; a, b = float(sys.argv[1]), float(sys.argv[2]); print('%.2f' % (a / b) if b else '-')" "$1" "$2"
}
