"""Malformed, truncated, oversized and unusual protocol input.

Each case checks what a client would see (an ErrorResponse with the right
SQLSTATE, a clean close, or a usable session) and, after every case, that
the server still accepts and serves a new connection.
"""

import socket
import struct
import sys
import time

from pgproto import (Conn, connect, error_fields, message, query, random_bytes,
                     startup_packet, types)

PORT = int(sys.argv[1])
failures = 0


def check(name, cond, detail=""):
    global failures
    if cond:
        print("bad_input: ok - %s" % name)
    else:
        failures += 1
        print("bad_input: FAIL: %s %s" % (name, detail))


def server_still_serves(after):
    c, _ = connect(PORT)
    c.send(query("SELECT 41 + 1 AS answer"))
    msgs = c.read_until("Z")
    rows = [b for t, b in msgs if t == "D"]
    check("server serves after %s" % after, len(rows) == 1 and rows[0].endswith(b"42"), repr(msgs))
    c.close()


def fatal_then_close(c, sqlstate, name):
    t, body = c.read_message()
    fields = error_fields(body) if t == "E" else {}
    check(name + ": FATAL " + sqlstate,
          t == "E" and fields.get("S") == "FATAL" and fields.get("C") == sqlstate,
          "got %s %r" % (t, fields))
    check(name + ": connection closed", c.closed_by_server())


# --- first packet ---------------------------------------------------------

c = Conn(PORT)
c.send(struct.pack("!I", 20000) + b"\0" * 8)
fatal_then_close(c, "08P01", "startup length over 10000")
server_still_serves("oversized startup packet")

c = Conn(PORT)
c.send(struct.pack("!I", 3))
fatal_then_close(c, "08P01", "startup length below 8")

c = Conn(PORT)
c.send(random_bytes(2) + b"\x00\x20" + random_bytes(28))
try:
    t, body = c.read_message()
    check("garbage first packet gets an error", t == "E", t)
except EOFError:
    check("garbage first packet: connection closed", True)
c.close()
server_still_serves("garbage")

c = Conn(PORT)
c.send(struct.pack("!I", 100) + b"\x00\x03\x00\x00user")
c.sock.shutdown(socket.SHUT_WR)
check("truncated startup packet: closed without a reply", c.closed_by_server() and c.buf == b"")
server_still_serves("truncated startup packet")

c = Conn(PORT)
c.send(startup_packet({"database": "x"}))
fatal_then_close(c, "28000", "no user name")

c = Conn(PORT)
c.send(startup_packet({"user": "u"}, version=(2 << 16)))
fatal_then_close(c, "0A000", "protocol 2.0")

c = Conn(PORT)
body = struct.pack("!I", 196608) + b"user\0u\0junk\0"
c.send(struct.pack("!I", len(body) + 4) + body)
fatal_then_close(c, "08P01", "startup packet without terminator")

c = Conn(PORT)
c.send(startup_packet({"user": "u", "no_such_guc": "1"}))
fatal_then_close(c, "42704", "unknown startup parameter")

c = Conn(PORT)
c.send(startup_packet({"user": "u", "DateStyle": "SQL, DMY"}))
fatal_then_close(c, "0A000", "unsupported DateStyle")

# negotiation: SSL and GSSAPI refused with 'N', then a normal login
c = Conn(PORT)
c.send(struct.pack("!II", 8, 80877104))
check("GSSENCRequest answered N", c.read_byte() == b"N")
c.send(struct.pack("!II", 8, 80877103))
check("SSLRequest answered N", c.read_byte() == b"N")
c.send(startup_packet({"user": "u", "database": "d"}))
msgs = c.read_until("Z")
check("login after negotiation", types(msgs).startswith("R") and msgs[-1][1] == b"I", types(msgs))
c.close()

# a newer minor version and _pq_ options: NegotiateProtocolVersion, not an error
c = Conn(PORT)
c.send(startup_packet({"user": "u", "_pq_.something": "1"}, version=(3 << 16) | 3))
msgs = c.read_until("Z")
neg = [b for t, b in msgs if t == "v"]
ok = len(neg) == 1 and struct.unpack("!II", neg[0][:8]) == (196610, 1) and b"_pq_.something" in neg[0]
check("protocol 3.3 with _pq_ option gets NegotiateProtocolVersion 3.2", ok, repr(msgs[:2]))
c.close()

# protocol 3.2 (PostgreSQL 18) is spoken: no negotiation, a 32-byte cancel key
c = Conn(PORT)
c.send(startup_packet({"user": "u"}, version=(3 << 16) | 2))
msgs = c.read_until("Z")
keys = [b for t, b in msgs if t == "K"]
check("protocol 3.2 accepted as is, with a 32-byte cancel key",
      "v" not in types(msgs) and len(keys) == 1 and len(keys[0]) == 4 + 32, repr(types(msgs)))
c.close()

# startup parameters: options -c and known parameters are applied
c, msgs = connect(PORT, options="-c extra_float_digits=2 --application-name=fromoptions")
status = dict(tuple(b.split(b"\0")[:2]) for t, b in msgs if t == "S")
check("options --application-name applied and reported",
      status.get(b"application_name") == b"fromoptions", repr(status))
for name in (b"server_version", b"server_encoding", b"client_encoding", b"DateStyle",
             b"integer_datetimes", b"standard_conforming_strings", b"TimeZone",
             b"IntervalStyle", b"is_superuser", b"session_authorization",
             b"default_transaction_read_only", b"application_name"):
    check("ParameterStatus %s sent" % name.decode(), name in status)
check("BackendKeyData sent", any(t == "K" and len(b) == 8 for t, b in msgs))
c.close()

# --- after login -------------------------------------------------------------

c, _ = connect(PORT)
c.send(b"Y" + struct.pack("!I", 4))
fatal_then_close(c, "08P01", "unknown message type")
server_still_serves("unknown message type")

c, _ = connect(PORT)
c.send(b"S" + struct.pack("!I", 2))
fatal_then_close(c, "08P01", "message length below 4")

c, _ = connect(PORT)
c.send(b"S" + struct.pack("!I", 20000))
fatal_then_close(c, "08P01", "Sync longer than the small-message limit")

# framing is intact: a malformed Query body is an ERROR and the session goes on
c, _ = connect(PORT)
for body, name in ((b"SELECT 1\0trailing", "Query with bytes after its string"),
                   (b"SELECT 1", "Query without terminator")):
    c.send(message("Q", body))
    msgs = c.read_until("Z")
    errs = [error_fields(b) for t, b in msgs if t == "E"]
    check(name + ": ERROR 08P01 then ReadyForQuery",
          types(msgs) == "EZ" and errs[0]["S"] == "ERROR" and errs[0]["C"] == "08P01", repr(msgs))
c.send(query("SELECT 5 AS five"))
check("session usable after malformed Query bodies", any(t == "D" for t, _ in c.read_until("Z")))
c.close()

c, _ = connect(PORT)
c.send(query(b"SELECT '\xff\xfe'"))
msgs = c.read_until("Z")
errs = [error_fields(b) for t, b in msgs if t == "E"]
check("invalid UTF-8 gets 22021", len(errs) == 1 and errs[0]["C"] == "22021", repr(errs))
c.send(query("SELECT 'still usable' AS s"))
msgs = c.read_until("Z")
check("session usable after invalid UTF-8", any(t == "D" and b.endswith(b"still usable") for t, b in msgs))

for text in ("", "   ", ";;", "-- only a comment", "/* c */ ;"):
    c.send(query(text))
    msgs = c.read_until("Z")
    check("empty query %r gets EmptyQueryResponse" % text, types(msgs) == "IZ", types(msgs))

c.send(query("SELECT 'unterminated"))
msgs = c.read_until("Z")
errs = [error_fields(b) for t, b in msgs if t == "E"]
check("lexer error gets 42601 with a position",
      errs and errs[0]["C"] == "42601" and errs[0].get("P") == "8", repr(errs))

# a Bind whose counts promise more than the message holds: 08P01, the
# Execute after it is skipped, Sync answers, the session goes on
c.send(message("P", b"\0SELECT 1\0\0\0") + message("B", b"\0\0\0\0\0\0\x05") +
       message("E", b"\0\0\0\0\0") + message("S"))
msgs = c.read_until("Z")
errs = [error_fields(b) for t, b in msgs if t == "E"]
check("truncated Bind gets 08P01, then ReadyForQuery",
      types(msgs) == "1EZ" and errs[0]["C"] == "08P01", types(msgs) + repr(errs))
c.send(query("SELECT 'after bad bind' AS s"))
msgs = c.read_until("Z")
check("session usable after a truncated Bind",
      any(t == "D" and b.endswith(b"after bad bind") for t, b in msgs), types(msgs))

# a large query (2 MB literal) is read and answered
big = "x" * (2 * 1024 * 1024)
c.send(query("SELECT length('%s') AS n" % big))
msgs = c.read_until("Z")
check("2 MB query answered", any(t == "D" and b.endswith(b"2097152") for t, b in msgs), types(msgs))

c.send(message("X"))
check("Terminate closes the connection", c.closed_by_server())

# a client that connects and sends nothing does not block others
idle = Conn(PORT)
server_still_serves("an idle unauthenticated connection")
idle.close()

sys.exit(1 if failures else 0)
