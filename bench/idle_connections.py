"""Open N idle client sessions to a server (startup packet, authentication
trust, wait for ReadyForQuery), then report the server's memory: the PSS
(proportional set size: shared pages divided among their users, so a
forked server is not counted N times) of the process whose pid is given
and all its descendants, in MB.

usage: idle_connections.py PORT USER DATABASE N ROOT_PID
"""

import os
import socket
import struct
import sys
import time

PORT, USER, DB, N, ROOT = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])


def startup():
    s = socket.create_connection(("127.0.0.1", int(PORT)), timeout=60)
    body = struct.pack("!I", 196608) + b"user\0" + USER.encode() + b"\0database\0" + DB.encode() + b"\0\0"
    s.sendall(struct.pack("!I", len(body) + 4) + body)
    buf = b""
    while True:
        try:
            chunk = s.recv(4096)
        except socket.timeout:
            raise SystemExit("no ReadyForQuery within 60 s on a connection")
        if not chunk:
            raise SystemExit("server closed a connection during startup")
        buf += chunk
        while len(buf) >= 5:
            kind, length = buf[0:1], struct.unpack("!I", buf[1:5])[0]
            if len(buf) < 1 + length:
                break
            if kind == b"E":
                raise SystemExit("server refused a connection: %r" % buf[5:1 + length])
            if kind == b"Z":
                return s
            buf = buf[1 + length:]


def descendants(root):
    children = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % pid) as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except OSError:
            continue
        children.setdefault(ppid, []).append(int(pid))
    out, todo = [], [root]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def pss_kb(pid):
    try:
        with open("/proc/%d/smaps_rollup" % pid) as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


socks = [startup() for _ in range(N)]
time.sleep(1)
procs = descendants(ROOT)
print("sessions %d" % len(socks))
print("processes %d" % len(procs))
print("pss_mb %.1f" % (sum(pss_kb(p) for p in procs) / 1024.0))
for s in socks:
    s.close()
