"""pgproto.py -- raw PostgreSQL protocol messages for byte-level tests.

A tiny client that sends exactly the bytes a test asks for and decodes the
server's replies into (type, fields) tuples, so tests can check message
order, SQLSTATEs and connection state for malformed or unusual input that
no real driver would send.
"""

import os
import socket
import ssl
import struct

PROTO_3_0 = 196608


class Conn:
    def __init__(self, port, host="127.0.0.1", timeout=10.0):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.buf = b""

    def close(self):
        self.sock.close()

    def send(self, data):
        self.sock.sendall(data)

    def recv_exact(self, n):
        while len(self.buf) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise EOFError("server closed the connection")
            self.buf += chunk
        data, self.buf = self.buf[:n], self.buf[n:]
        return data

    def read_byte(self):
        return self.recv_exact(1)

    def read_message(self):
        head = self.recv_exact(5)
        mtype = head[:1].decode("latin1")
        (length,) = struct.unpack("!I", head[1:])
        body = self.recv_exact(length - 4)
        return mtype, body

    def read_until(self, mtype="Z"):
        """All messages up to and including the first of type mtype."""
        out = []
        while True:
            t, body = self.read_message()
            out.append((t, body))
            if t == mtype:
                return out

    def start_tls(self, context, server_hostname=None):
        """Wrap the socket in TLS (after the server answered 'S'); nothing
        may be buffered unread."""
        assert not self.buf, "bytes left before the TLS handshake"
        self.sock = context.wrap_socket(self.sock, server_hostname=server_hostname)

    def closed_by_server(self):
        """True if the server closes the connection (EOF) within the timeout."""
        try:
            while True:
                chunk = self.sock.recv(65536)
                if not chunk:
                    return True
                self.buf += chunk
        except (ConnectionResetError, BrokenPipeError):
            return True
        except socket.timeout:
            return False


SSL_REQUEST = struct.pack("!II", 8, 80877103)
GSSENC_REQUEST = struct.pack("!II", 8, 80877104)


def tls_context(alpn=("postgresql",), cafile=None):
    """A client TLS context; without cafile the server is not verified."""
    ctx = ssl.create_default_context(cafile=cafile) if cafile else ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    if not cafile:
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
    if alpn:
        ctx.set_alpn_protocols(list(alpn))
    return ctx


def startup_packet(params, version=PROTO_3_0):
    body = struct.pack("!I", version)
    for k, v in params.items():
        body += k.encode() + b"\0" + v.encode() + b"\0"
    body += b"\0"
    return struct.pack("!I", len(body) + 4) + body


def message(mtype, body=b""):
    return mtype.encode() + struct.pack("!I", len(body) + 4) + body


def query(sql):
    if isinstance(sql, str):
        sql = sql.encode()
    return message("Q", sql + b"\0")


def error_fields(body):
    """ErrorResponse/NoticeResponse body -> {code letter: value}."""
    fields = {}
    for part in body.split(b"\0"):
        if part:
            fields[part[:1].decode()] = part[1:].decode("utf-8", "replace")
    return fields


def connect(port, user="tester", database="testdb", tls=None, **params):
    """A logged-in connection (through the first ReadyForQuery); with a TLS
    context, negotiated with SSLRequest first."""
    c = Conn(port)
    if tls is not None:
        c.send(SSL_REQUEST)
        if c.read_byte() != b"S":
            raise RuntimeError("SSL refused")
        c.start_tls(tls)
    p = {"user": user, "database": database}
    p.update(params)
    c.send(startup_packet(p))
    msgs = c.read_until("Z")
    for t, body in msgs:
        if t == "E":
            raise RuntimeError("login failed: %r" % error_fields(body))
    return c, msgs


def cancel_request(pid, key):
    """A CancelRequest packet (protocol 3.0: a 4-byte key)."""
    return struct.pack("!iiI", 12 + len(key), 80877102, pid) + key


def backend_key(msgs):
    """(pid, key) from the BackendKeyData among login messages."""
    for t, body in msgs:
        if t == "K":
            return struct.unpack("!I", body[:4])[0], body[4:]
    raise RuntimeError("no BackendKeyData")


def types(msgs):
    return "".join(t for t, _ in msgs)


def random_bytes(n):
    return os.urandom(n)


# ---- extended-protocol messages (empty name = unnamed) ----


def P(name, q, types=()):
    return message("P", name.encode() + b"\0" + q.encode() + b"\0" + struct.pack("!h", len(types)) +
                   b"".join(struct.pack("!I", t) for t in types))


def B(portal, stmt, params=(), fmts=(), rfmts=()):
    b = portal.encode() + b"\0" + stmt.encode() + b"\0"
    b += struct.pack("!h", len(fmts)) + b"".join(struct.pack("!h", f) for f in fmts)
    b += struct.pack("!h", len(params))
    for p in params:
        b += struct.pack("!i", -1) if p is None else struct.pack("!i", len(p)) + p
    b += struct.pack("!h", len(rfmts)) + b"".join(struct.pack("!h", f) for f in rfmts)
    return message("B", b)


def D(kind, name):
    return message("D", kind.encode() + name.encode() + b"\0")


def E(portal, n=0):
    return message("E", portal.encode() + b"\0" + struct.pack("!i", n))


def C(kind, name):
    return message("C", kind.encode() + name.encode() + b"\0")


S = message("S")


def summarize(msgs):
    """Replies in the compact notation the extended-protocol tests use:
    1 ParseComplete, 2 BindComplete, 3 CloseComplete, t[oids]
    ParameterDescription, T RowDescription, n NoData, D<values> DataRow,
    s PortalSuspended, I EmptyQueryResponse, C:<tag>, E:<sqlstate>, Z<status>."""
    out = []
    for t, b in msgs:
        if t == "C":
            out.append("C:" + b.rstrip(b"\0").decode())
        elif t == "E":
            out.append("E:" + error_fields(b)["C"])
        elif t == "t":
            n = struct.unpack("!h", b[:2])[0]
            out.append("t" + str([struct.unpack("!I", b[2 + 4 * i:6 + 4 * i])[0] for i in range(n)]))
        elif t == "Z":
            out.append("Z" + b.decode())
        elif t == "D":
            n = struct.unpack("!h", b[:2])[0]
            vals = []
            pos = 2
            for _ in range(n):
                (ln,) = struct.unpack("!i", b[pos:pos + 4])
                pos += 4
                vals.append(None if ln < 0 else b[pos:pos + ln].decode("utf-8", "replace"))
                pos += max(ln, 0)
            out.append("D" + ",".join("NULL" if v is None else v for v in vals))
        else:
            out.append(t)
    return " ".join(out)
