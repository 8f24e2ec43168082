#!/bin/bash
# A million-row result streams from the driver to the client in batches:
# every row arrives, and the backend's memory stays flat while it does.
. "$(dirname "$0")/lib.sh"

# sanitizer builds keep freed memory in quarantine; keep it small here so
# RSS measures what the backend holds, not what ASan remembers
export ASAN_OPTIONS="$ASAN_OPTIONS:quarantine_size_mb=8"
pgw_start
"$PY" "$TESTS_DIR/streaming.py" "$PORT" 1000000 || fail "streaming (see above)"
pgw_finish
