"""A million-row SELECT streams: the backend's memory does not grow with the
result, and every row arrives in order with the right CommandComplete;
in autocommit and inside a transaction block (where the SQLite driver,
left to run the transaction itself, would read the whole result first).

usage: streaming.py PORT ROWS
"""

import struct
import sys

from pgproto import connect, query

PORT = int(sys.argv[1])
ROWS = int(sys.argv[2])


def rss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return -1


def until_ready(c):
    """Read to ReadyForQuery; the tags seen."""
    tags = []
    while True:
        t, body = c.read_message()
        if t == "C":
            tags.append(body.rstrip(b"\0").decode())
        elif t == "E":
            print("streaming: FAIL: error %r" % body)
            sys.exit(1)
        elif t == "Z":
            return tags


def stream(c, pid, label):
    """The big SELECT: True when its rows came in order and memory stayed flat."""
    before = rss_kb(pid)
    c.send(query("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < %d) "
                 "SELECT x, 'row padding to make each row a little wider' AS pad FROM c" % ROWS))
    seen = 0
    expected_next = 1
    early = late = None
    tag = None
    while True:
        t, body = c.read_message()
        if t == "D":
            seen += 1
            (n,) = struct.unpack("!i", body[2:6])
            value = int(body[6:6 + n])
            if value != expected_next:
                print("streaming: FAIL: %s: row %d out of order (got %d)" % (label, expected_next, value))
                sys.exit(1)
            expected_next += 1
            if seen == ROWS // 10:
                early = rss_kb(pid)
            if seen == ROWS - 1000:
                late = rss_kb(pid)
        elif t == "C":
            tag = body.rstrip(b"\0").decode()
        elif t == "E":
            print("streaming: FAIL: %s: error %r" % (label, body))
            sys.exit(1)
        elif t == "Z":
            break

    ok = True
    if seen != ROWS or tag != "SELECT %d" % ROWS:
        print("streaming: FAIL: %s: %d rows, tag %r" % (label, seen, tag))
        ok = False
    else:
        print("streaming: ok - %s: %d rows in order, tag %s" % (label, seen, tag))
    print("streaming: %s: backend RSS %d kB before, %d kB after %d rows, %d kB near the end"
          % (label, before, early, ROWS // 10, late))
    # against the memory before the query: a driver that reads the whole
    # result first has grown by the first row already
    if late - before > 32 * 1024:
        print("streaming: FAIL: %s: backend memory grew with the result" % label)
        ok = False
    else:
        print("streaming: ok - %s: constant backend memory" % label)
    return ok


c, msgs = connect(PORT)
pid = struct.unpack("!i", [b for t, b in msgs if t == "K"][0][:4])[0]
ok = stream(c, pid, "autocommit")
c.send(query("BEGIN"))
until_ready(c)
ok = stream(c, pid, "in a transaction block") and ok
c.send(query("COMMIT"))
if until_ready(c) != ["COMMIT"]:
    print("streaming: FAIL: COMMIT after the streamed SELECT")
    ok = False
sys.exit(0 if ok else 1)
