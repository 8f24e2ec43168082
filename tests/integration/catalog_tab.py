"""Drive psql's tab completion through a terminal: the catalog queries it
sends must all run (psql hides their errors, the server log does not).

    catalog_tab.py PORT
"""
import os
import pty
import select
import sys
import time

PORT = sys.argv[1]
INPUTS = ["\\d fo", "SELECT * FROM ", "SELECT * FROM foo WHERE na", "\\dt ", "ALTER TABLE foo ",
          "SET datest", "\\c ", "DROP TABLE ", "INSERT INTO bar (", "\\df ", "\\dn ", "\\du ",
          "CREATE INDEX ON foo (", "\\dT ", "GRANT SELECT ON ", "\\dv ", "\\di ", "ALTER TABLE foo DROP COLUMN "]


def drain(fd, seconds):
    end = time.time() + seconds
    while time.time() < end:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                os.read(fd, 65536)
            except OSError:
                return


pid, fd = pty.fork()
if pid == 0:
    os.execvp("psql", ["psql", "-X", "-h", "127.0.0.1", "-p", PORT, "-U", "tester", "testdb"])
drain(fd, 1.0)
for text in INPUTS:
    os.write(fd, (text + "\t\t").encode())
    drain(fd, 0.4)
    os.write(fd, b"\x03")  # ^C: drop the line
    drain(fd, 0.2)
os.write(fd, b"\\q\n")
drain(fd, 0.5)
os.waitpid(pid, 0)
