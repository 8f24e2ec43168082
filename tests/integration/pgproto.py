"""pgproto.py -- raw PostgreSQL protocol messages for byte-level tests.

A tiny client that sends exactly the bytes a test asks for and decodes the
server's replies into (type, fields) tuples, so tests can check message
order, SQLSTATEs and connection state for malformed or unusual input that
no real driver would send.
"""

import os
import socket
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


def connect(port, user="tester", database="testdb", **params):
    """A logged-in connection (through the first ReadyForQuery)."""
    c = Conn(port)
    p = {"user": user, "database": database}
    p.update(params)
    c.send(startup_packet(p))
    msgs = c.read_until("Z")
    for t, body in msgs:
        if t == "E":
            raise RuntimeError("login failed: %r" % error_fields(body))
    return c, msgs


def types(msgs):
    return "".join(t for t, _ in msgs)


def random_bytes(n):
    return os.urandom(n)
