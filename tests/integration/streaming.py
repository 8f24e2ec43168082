"""A million-row SELECT streams: the backend's memory does not grow with the
result, and every row arrives in order with the right CommandComplete.

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


c, msgs = connect(PORT)
pid = struct.unpack("!i", [b for t, b in msgs if t == "K"][0][:4])[0]
c.send(query("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < %d) "
             "SELECT x, 'row padding to make each row a little wider' AS pad FROM c" % ROWS))

seen = 0
expected_next = 1
early = late = None
while True:
    t, body = c.read_message()
    if t == "D":
        seen += 1
        (n,) = struct.unpack("!i", body[2:6])
        value = int(body[6:6 + n])
        if value != expected_next:
            print("streaming: FAIL: row %d out of order (got %d)" % (expected_next, value))
            sys.exit(1)
        expected_next += 1
        if seen == ROWS // 10:
            early = rss_kb(pid)
        if seen == ROWS - 1000:
            late = rss_kb(pid)
    elif t == "C":
        tag = body.rstrip(b"\0").decode()
    elif t == "E":
        print("streaming: FAIL: error %r" % body)
        sys.exit(1)
    elif t == "Z":
        break

ok = True
if seen != ROWS or tag != "SELECT %d" % ROWS:
    print("streaming: FAIL: %d rows, tag %r" % (seen, tag))
    ok = False
else:
    print("streaming: ok - %d rows in order, tag %s" % (seen, tag))
growth = late - early
print("streaming: backend RSS %d kB after %d rows, %d kB near the end (growth %d kB)"
      % (early, ROWS // 10, late, growth))
if growth > 16 * 1024:
    print("streaming: FAIL: backend memory grew with the result")
    ok = False
else:
    print("streaming: ok - constant backend memory")
sys.exit(0 if ok else 1)
