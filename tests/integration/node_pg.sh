#!/bin/bash
# node-postgres (the npm `pg` package, pinned in node/package-lock.json):
# parameterized queries, named statements, queued queries, transactions,
# errors and a pool, as a Node.js application drives pgwire; then all of it
# again in sessions that write vector parameters into the statement
# (PGOPTIONS='-c vector_parameters=inline').
. "$(dirname "$0")/lib.sh"

NODE_DIR="$TESTS_DIR/node"
command -v node >/dev/null || { fail "node is not installed"; pgw_finish; }

if [ ! -d "$NODE_DIR/node_modules/pg" ]; then
    command -v npm >/dev/null || { fail "npm is not installed"; pgw_finish; }
    # a read-only source tree (VPATH build, distcheck): install in a copy
    if [ ! -w "$NODE_DIR" ]; then
        cp "$NODE_DIR/package.json" "$NODE_DIR/package-lock.json" "$NODE_DIR/pg_test.js" "$WORK/"
        NODE_DIR="$WORK"
    fi
    (cd "$NODE_DIR" && npm ci --no-audit --no-fund >"$WORK/npm.log" 2>&1) ||
        { fail "npm ci in $NODE_DIR"; cat "$WORK/npm.log"; pgw_finish; }
fi

pgw_start
(cd "$NODE_DIR" && node pg_test.js "$PORT") || fail "node-postgres checks (see above)"
(cd "$NODE_DIR" && PGOPTIONS='-c vector_parameters=inline' node pg_test.js "$PORT") ||
    fail "node-postgres checks, vector_parameters = inline (see above)"
pgw_finish
