"""Connection limit and crash isolation, with raw protocol connections.

usage: lifecycle.py PORT MAX_CONNECTIONS
"""

import os
import signal
import struct
import sys
import time

from pgproto import Conn, connect, error_fields, query, startup_packet

PORT = int(sys.argv[1])
MAX = int(sys.argv[2])
failures = 0


def check(name, cond, detail=""):
    global failures
    print("lifecycle: %s - %s%s" % ("ok" if cond else "FAIL:", name, "" if cond else " " + detail))
    if not cond:
        failures += 1


def scalar(c, sql):
    c.send(query(sql))
    msgs = c.read_until("Z")
    rows = [b for t, b in msgs if t == "D"]
    errs = [error_fields(b) for t, b in msgs if t == "E"]
    if errs:
        raise RuntimeError(repr(errs))
    (n,) = struct.unpack("!h", rows[0][:2])
    (length,) = struct.unpack("!i", rows[0][2:6])
    return rows[0][6:6 + length].decode()


# max_connections clients are served; one more is refused with 53300
held = [connect(PORT)[0] for _ in range(MAX)]
extra = Conn(PORT)
extra.send(startup_packet({"user": "tester", "database": "testdb"}))
t, body = extra.read_message()
f = error_fields(body)
check("client beyond max_connections gets FATAL 53300",
      t == "E" and f.get("S") == "FATAL" and f.get("C") == "53300" and
      f.get("M") == "sorry, too many clients already", repr(f))
extra.close()

# a CancelRequest is still routed by a refused slot (never answered)
cancel = Conn(PORT)
cancel.send(struct.pack("!IIII", 16, 80877102, 1, 2))
check("CancelRequest gets no reply, just a close", cancel.closed_by_server() and cancel.buf == b"")

# killing one backend leaves the others working
victim = held.pop()
pid = int(scalar(victim, "SELECT pg_backend_pid()"))
os.kill(pid, signal.SIGKILL)
time.sleep(0.3)
check("other sessions survive a killed backend",
      all(scalar(c, "SELECT 7 AS seven") == "7" for c in held))

# the freed slot is reusable
deadline = time.time() + 5
while True:
    try:
        again, _ = connect(PORT)
        break
    except RuntimeError:
        if time.time() > deadline:
            raise
        time.sleep(0.1)
check("a slot freed by a dead backend is reused", scalar(again, "SELECT 1") == "1")
for c in held + [again]:
    c.close()

sys.exit(1 if failures else 0)
