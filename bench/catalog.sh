#!/bin/bash
# catalog.sh -- how long psql's \d foo takes on a database of many tables:
# a SQLite database of N tables (default 5000, each with a primary key,
# three more columns and an index; every tenth, and the one after foo,
# references the one before), served by pgwire on the embedded default.
# Each psql run is a new session, so it includes psql's own start and
# connecting (the backend opens the database: SQLite reads its schema);
# the first rows time those alone, the last two \d foo's queries in a
# session already connected. Prints a Markdown table (median / p90 / max
# ms over the runs).
#
#   bench/catalog.sh [BUILDDIR] [-n TABLES] [-r RUNS]
set -euo pipefail
SRC=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$SRC/build
TABLES=5000
RUNS=20
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
    BUILD=$1
    shift
fi
while getopts "n:r:" opt; do
    case $opt in
        n) TABLES=$OPTARG ;;
        r) RUNS=$OPTARG ;;
        *) echo "usage: bench/catalog.sh [BUILDDIR] [-n TABLES] [-r RUNS]" >&2; exit 2 ;;
    esac
done
[ -f "$BUILD/Makefile" ] || "$SRC/scripts/build" "$BUILD" >/dev/null
make -s -C "$BUILD" pgwire pgwire-ctl >/dev/null

WORK=$(mktemp -d "${TMPDIR:-/tmp}/catalog-bench.XXXXXX")
PID=
cleanup() {
    [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT

"$BUILD/pgwire-ctl" -D "$WORK/data" init >/dev/null
PORT=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
sed -i -e "s|^port:.*|port: $PORT|" -e "s|^unix_socket_directories:.*|unix_socket_directories: $WORK|" \
    -e "s|^listen_addresses:.*|listen_addresses: 127.0.0.1|" "$WORK/data/pgwire.yaml"
# the tables, written straight into the database file pgwire serves
/usr/bin/python3 - "$WORK/data/pgwire.db" "$TABLES" <<'PYEOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
n = int(sys.argv[2])
with db:
    names = ["foo" if i == n // 2 else "t%05d" % i for i in range(n)]
    for i, name in enumerate(names):
        # every tenth table, and the one after foo, references the one before it
        refers = i > 0 and name != "foo" and (i % 10 == 1 or names[i - 1] == "foo")
        ref = ", parent int REFERENCES %s (id)" % names[i - 1] if refers else ""
        db.execute("CREATE TABLE %s (id int PRIMARY KEY, name varchar(40) NOT NULL, amount numeric(12,3), "
                   "created timestamptz%s)" % (name, ref))
        db.execute("CREATE INDEX %s_name ON %s (name)" % (name, name))
db.close()
PYEOF
"$BUILD/pgwire" -D "$WORK/data" >"$WORK/log" 2>&1 &
PID=$!
for _ in $(seq 1 100); do
    grep -q "ready to accept connections" "$WORK/log" && break
    sleep 0.05
done

echo "machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
echo "database: $TABLES tables (SQLite), psql $(psql --version | awk '{print $3}'), $RUNS runs"
echo
/usr/bin/python3 - "$PORT" "$RUNS" <<'PYEOF'
import re, socket, statistics, subprocess, sys, time
import psycopg
port, runs = sys.argv[1], int(sys.argv[2])
PSQL = ["psql", "-X", "-h", "127.0.0.1", "-p", port, "-U", "tester", "-d", "testdb"]

def summary(times):
    times.sort()
    return statistics.median(times), times[max(int(len(times) * 0.9) - 1, 0)], times[-1]

def timed(run):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return summary(times)

def psql(args):
    out = subprocess.run(PSQL + args, capture_output=True, text=True)
    if out.returncode != 0 or "ERROR" in out.stderr:
        sys.exit("psql failed: " + out.stderr)

# psql's own start: a port nothing listens on (on Debian, psql is the Perl pg_wrapper in front of the binary)
closed = socket.socket()
closed.bind(("127.0.0.1", 0))
no_server = PSQL[:4] + [str(closed.getsockname()[1])] + PSQL[5:] + ["-c", "SELECT 1"]
closed.close()

# the queries psql sends for \d foo, replayed in a session that is already connected
echo = subprocess.run(PSQL + ["-E", "-c", "\\d foo"], capture_output=True, text=True).stdout
queries = re.findall(r"\*{9} QUERY \*{10}\n(.*?)\n\*{26}", echo, re.S)

def timed_session(repeat):
    first, again = [], []
    for _ in range(runs):
        conn = psycopg.connect("host=127.0.0.1 port=%s user=tester dbname=testdb" % port, autocommit=True)
        for k in range(repeat):
            start = time.perf_counter()
            for q in queries:
                conn.execute(q.replace("%", "%%")).fetchall()
            (first if k == 0 else again).append((time.perf_counter() - start) * 1000)
        conn.close()
    return summary(first), summary(again)

print("| what | median ms | p90 ms | max ms |")
print("|---|---:|---:|---:|")
for label, run in (("psql alone, no server to connect to (its own start)",
                    lambda: subprocess.run(no_server, capture_output=True)),
                   ("psycopg: connect and close (the backend starts and opens the database)",
                    lambda: psycopg.connect("host=127.0.0.1 port=%s user=tester dbname=testdb" % port).close()),
                   ("psql session: `SELECT 1` (connecting alone)", lambda: psql(["-c", "SELECT 1"])),
                   ("psql session: `\\d foo`", lambda: psql(["-c", "\\d foo"])),
                   ("psql session: `\\dt` (lists every table)", lambda: psql(["-c", "\\dt"]))):
    print("| %s | %.1f | %.1f | %.1f |" % ((label,) + timed(run)))
first, again = timed_session(2)
print("| `\\d foo`'s %d queries, connected, first in the session | %.1f | %.1f | %.1f |" % ((len(queries),) + first))
print("| `\\d foo`'s %d queries, connected, again | %.1f | %.1f | %.1f |" % ((len(queries),) + again))
PYEOF
