#!/bin/bash
# Bad input of every kind at the protocol level (raw bytes from Python):
# PostgreSQL-style errors with the right SQLSTATE, clean closes, and a
# postmaster that keeps serving.
. "$(dirname "$0")/lib.sh"

pgw_start
"$PY" "$TESTS_DIR/bad_input.py" "$PORT" || fail "protocol-level cases (see above)"

# a client that connects and never logs in is dropped after authentication_timeout
pgw_stop
pgw_set authentication_timeout 1
pgw_start
expect_eq "a silent client is closed after authentication_timeout" "closed" "$("$PY" - "$PORT" <<'PYEOF'
import sys, time
from pgproto import Conn
c = Conn(int(sys.argv[1]), timeout=5)
start = time.monotonic()
closed = c.closed_by_server()
print("closed" if closed and time.monotonic() - start < 3 else "open")
PYEOF
)"
pgw_finish
