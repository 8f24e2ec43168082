"""TLS negotiation and SASL at the byte level, against a pgwire with ssl on.

The cases no driver can be made to send: direct SSL with and without ALPN,
plaintext where TLS is expected, bytes stuffed after an SSLRequest, the
SCRAM gs2 flags. Each checks what the client sees; afterwards the server
must still serve. The hba rules are tls.sh's.
"""

import base64
import os
import ssl
import struct
import sys

from pgproto import (GSSENC_REQUEST, SSL_REQUEST, Conn, connect, error_fields, message, query,
                     startup_packet, tls_context, types)

PORT = int(sys.argv[1])
failures = 0


def check(name, cond, detail=""):
    global failures
    if cond:
        print("tls: ok - %s" % name)
    else:
        failures += 1
        print("tls: FAIL: %s %s" % (name, detail))


def select_42(c):
    c.send(query("SELECT 41 + 1 AS answer"))
    msgs = c.read_until("Z")
    return any(t == "D" and b.endswith(b"42") for t, b in msgs)


def server_still_serves(after):
    c, _ = connect(PORT, tls=tls_context())
    check("server serves after %s" % after, select_42(c))
    c.close()


def first_error(c):
    t, body = c.read_message()
    return error_fields(body) if t == "E" else {"type": t}


# ---- SSLRequest: 'S', the handshake, a login over TLS ----
c = Conn(PORT)
c.send(SSL_REQUEST)
check("SSLRequest answered S", c.read_byte() == b"S")
c.start_tls(tls_context())
check("ALPN postgresql negotiated after SSLRequest", c.sock.selected_alpn_protocol() == "postgresql")
c.send(startup_packet({"user": "tester", "database": "trustdb"}))
msgs = c.read_until("Z")
check("login over TLS", types(msgs).startswith("R") and select_42(c), types(msgs))
c.close()

# an old client without ALPN is fine on the SSLRequest path
c, _ = connect(PORT, tls=tls_context(alpn=None), database="trustdb")
check("SSLRequest path without ALPN", select_42(c))
c.close()

# ---- direct SSL (PostgreSQL 17): ALPN required ----
c = Conn(PORT)
c.start_tls(tls_context())
check("direct SSL handshake negotiates ALPN postgresql", c.sock.selected_alpn_protocol() == "postgresql")
c.send(SSL_REQUEST)
check("SSLRequest inside direct SSL answered N", c.read_byte() == b"N")
c.send(startup_packet({"user": "tester", "database": "trustdb"}))
msgs = c.read_until("Z")
check("login over direct SSL", select_42(c), types(msgs))
c.close()

c = Conn(PORT)
try:
    c.start_tls(tls_context(alpn=None))
    closed = c.closed_by_server()
except (ssl.SSLError, ConnectionResetError, BrokenPipeError):
    closed = True
check("direct SSL without ALPN is closed", closed)

c = Conn(PORT)
try:
    c.start_tls(tls_context(alpn=("http/1.1",)))
    refused = c.closed_by_server()
except ssl.SSLError as e:
    refused = "NO_APPLICATION_PROTOCOL" in str(e).upper() or "ALERT" in str(e).upper()
except (ConnectionResetError, BrokenPipeError):
    refused = True
check("direct SSL with another ALPN protocol is refused", refused)
server_still_serves("direct SSL refusals")

# ---- what must not reach the protocol unencrypted ----
c = Conn(PORT)
c.send(SSL_REQUEST)
check("S before plaintext", c.read_byte() == b"S")
c.send(startup_packet({"user": "tester", "database": "trustdb"}))
# (at most a TLS alert: never a protocol message in the clear)
check("plaintext after S: closed, nothing answered", c.closed_by_server() and c.buf[:1] in (b"", b"\x15"),
      repr(c.buf[:40]))
server_still_serves("plaintext after S")

c = Conn(PORT)
c.send(SSL_REQUEST + startup_packet({"user": "tester", "database": "trustdb"}))
check("stuffed SSLRequest still answered S", c.read_byte() == b"S")
c.start_tls(tls_context())
f = first_error(c)
check("bytes after SSLRequest: FATAL 08P01 over TLS",
      f.get("S") == "FATAL" and f.get("C") == "08P01" and
      f.get("M") == "received unencrypted data after SSL request", repr(f))
check("and the connection closes", c.closed_by_server())

c = Conn(PORT)
c.send(GSSENC_REQUEST + startup_packet({"user": "tester", "database": "trustdb"}))
check("GSSENCRequest answered N", c.read_byte() == b"N")
f = first_error(c)
check("bytes after GSSENCRequest: FATAL 08P01",
      f.get("C") == "08P01" and f.get("M") == "received unencrypted data after GSSAPI encryption request", repr(f))

# GSSENC refused, then SSL on the same connection (libpq's gssencmode=prefer order)
c = Conn(PORT)
c.send(GSSENC_REQUEST)
check("GSSENCRequest N first", c.read_byte() == b"N")
c.send(SSL_REQUEST)
check("then SSLRequest S", c.read_byte() == b"S")
c.start_tls(tls_context())
c.send(startup_packet({"user": "tester", "database": "trustdb"}))
c.read_until("Z")
check("login after GSSENC then SSL", select_42(c))
c.close()

# ---- SASL ----


def sasl_start(tls, user="alice"):
    """Log in as user; returns (conn, mechanisms offered)."""
    c = Conn(PORT)
    if tls:
        c.send(SSL_REQUEST)
        c.read_byte()
        c.start_tls(tls_context())
    c.send(startup_packet({"user": user, "database": "testdb"}))
    t, body = c.read_message()
    assert t == "R" and struct.unpack("!I", body[:4])[0] == 10, (t, body)
    return c, [m.decode() for m in body[4:].split(b"\0") if m]


def sasl_initial(c, mech, data):
    body = mech.encode() + b"\0" + struct.pack("!i", len(data)) + data
    c.send(message("p", body))


c, mechs = sasl_start(tls=True)
check("over TLS: SCRAM-SHA-256-PLUS offered first", mechs == ["SCRAM-SHA-256-PLUS", "SCRAM-SHA-256"], repr(mechs))
sasl_initial(c, "SCRAM-SHA-256", b"y,,n=,r=abcdefgh")
f = first_error(c)
check("gs2 flag y over TLS: refused (a downgrade)",
      f.get("C") == "28000" and f.get("M") == "SCRAM channel binding negotiation error", repr(f))

c, mechs = sasl_start(tls=False)
check("without TLS: only SCRAM-SHA-256", mechs == ["SCRAM-SHA-256"], repr(mechs))
sasl_initial(c, "SCRAM-SHA-256-PLUS", b"p=tls-server-end-point,,n=,r=abcdefgh")
f = first_error(c)
check("PLUS without TLS: invalid mechanism",
      f.get("C") == "08P01" and f.get("M") == "client selected an invalid SASL authentication mechanism", repr(f))


def server_first(user):
    c, _ = sasl_start(tls=True, user=user)
    sasl_initial(c, "SCRAM-SHA-256", b"n,,n=,r=clientnonce")
    t, body = c.read_message()
    assert t == "R" and struct.unpack("!I", body[:4])[0] == 11, (t, body)
    return c, dict(kv.split("=", 1) for kv in body[4:].decode().split(","))


c, known = server_first("alice")
c.close()
c, unknown = server_first("nobody")
c2, again = server_first("nobody")
c2.close()
check("an unknown user gets a salt and 4096 iterations like a known one",
      unknown["i"] == known["i"] == "4096" and len(base64.b64decode(unknown["s"])) == 16, repr(unknown))
check("the same salt every time", unknown["s"] == again["s"])
final = "c=biws,r=%s,p=%s" % (unknown["r"], base64.b64encode(os.urandom(32)).decode())
c.send(message("p", final.encode()))
f = first_error(c)
check("and fails like a wrong password",
      f.get("C") == "28P01" and f.get("M") == 'password authentication failed for user "nobody"', repr(f))

server_still_serves("the SASL cases")
sys.exit(1 if failures else 0)
