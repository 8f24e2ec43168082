"""One golden-corpus file run end to end against a live pgwire: its
"# setup:" statements, then the input of every case that has an
expectation for the server's dialect ("-> sqlite" on the embedded
default, "-> iris" on IRIS), sent as a client sends it. A case expecting
a translation must succeed; a case expecting "! SQLSTATE POSITION
MESSAGE" must fail with that SQLSTATE.

Inputs go through psycopg 3's ClientCursor (the simple query protocol).
An input with $n parameters is one Parse/Bind/Execute with every
parameter NULL (server-side binding); several statements with $n cannot
be one prepared statement, so such a case is skipped with the reason.
A transaction a case leaves open is rolled back before the next one.

With --clean (a database that outlives the test, such as an IRIS
namespace), the tables the file creates (in its setup lines and its
cases) are dropped before and after it.

usage: corpus_live.py PORT CORPUS_FILE DIALECT [--clean]
"""

import re
import sys

import psycopg
from psycopg import pq

import corpus
from checks import Checks

PORT = int(sys.argv[1])
DIALECT = sys.argv[3]
CLEAN = "--clean" in sys.argv[4:]
DSN = "host=127.0.0.1 port=%d user=tester dbname=testdb connect_timeout=10" % PORT
SQLSTATE = pq.DiagnosticField.SQLSTATE


class Outcome:
    """What the server answered: None for success, or (SQLSTATE, message)."""

    def __init__(self, error=None):
        self.error = error

    def describe(self):
        return "success" if self.error is None else "%s %s" % self.error


def connect():
    return psycopg.connect(DSN, autocommit=True, cursor_factory=psycopg.ClientCursor)


def run_simple(conn, sql):
    try:
        with conn.cursor() as cur:
            cur.execute(sql)
            while cur.nextset():
                pass
    except psycopg.Error as e:
        return Outcome((e.sqlstate or "(none)", str(e).splitlines()[0] if str(e) else ""))
    return Outcome()


def run_with_null_params(conn, sql, nparams):
    res = conn.pgconn.exec_params(sql.encode(), [None] * nparams)
    if res.status in (pq.ExecStatus.COMMAND_OK, pq.ExecStatus.TUPLES_OK, pq.ExecStatus.EMPTY_QUERY):
        return Outcome()
    sqlstate = res.error_field(SQLSTATE)
    message = res.error_message.decode(errors="replace").splitlines()
    return Outcome((sqlstate.decode() if sqlstate else "(none)", message[0] if message else ""))


def end_open_transaction(conn):
    status = conn.pgconn.transaction_status
    if status in (pq.TransactionStatus.INTRANS, pq.TransactionStatus.INERROR):
        conn.pgconn.exec_(b"ROLLBACK")


def usable(conn):
    return not conn.closed and not conn.broken and conn.pgconn.status == pq.ConnStatus.OK


def skip_reason(case):
    if corpus.max_parameter(case.input) and corpus.statement_count(case.input) > 1:
        return "$n parameters in several statements: no single prepared statement can carry them"
    return None


def run_case(conn, case):
    nparams = corpus.max_parameter(case.input)
    outcome = run_with_null_params(conn, case.input, nparams) if nparams else run_simple(conn, case.input)
    end_open_transaction(conn)
    return outcome


def judge(ck, case, outcome):
    expected = case.expectations[DIALECT].error
    name = "%s %s" % (case.where, case.title)
    if expected is None and outcome.error is None:
        ck.ok(name)
    elif expected is not None and outcome.error is not None and outcome.error[0] == expected[0]:
        ck.ok(name, " (%s)" % expected[0])
    else:
        want = "success" if expected is None else "SQLSTATE %s %s" % (expected[0], expected[2])
        ck.fail(name, "expected %s, got %s\n    input: %s"
                % (want, outcome.describe(), case.input.replace("\n", "\n           ")))


CREATED_TABLE = re.compile(r'\bCREATE\s+(?:TEMP\w*\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?'
                           r'((?:"[^"]+"|[\w.]+))', re.I)


def drop_created_tables(conn, f):
    """Drop every table the file creates, last created first (errors ignored)."""
    names = []
    for sql in list(f.setup) + [c.input for c in f.cases if DIALECT in c.expectations]:
        for name in CREATED_TABLE.findall(sql):
            if name not in names:
                names.append(name)
    for name in reversed(names):
        run_simple(conn, "DROP TABLE " + name)


def main():
    f = corpus.load(sys.argv[2])
    ck = Checks("corpus-" + DIALECT)
    ran = skipped = 0
    conn = connect()
    if CLEAN:
        drop_created_tables(conn, f)
    for stmt in f.setup:
        outcome = run_simple(conn, stmt)
        if outcome.error is not None:
            ck.fail("%s setup: %s" % (f.name, stmt), outcome.describe())
    for case in f.cases:
        if DIALECT not in case.expectations:
            continue
        reason = skip_reason(case)
        if reason:
            skipped += 1
            print("corpus-%s: skip - %s %s: %s" % (DIALECT, case.where, case.title, reason))
            continue
        if not usable(conn):
            conn.close()
            conn = connect()
        try:
            outcome = run_case(conn, case)
        except psycopg.OperationalError as e:
            outcome = Outcome(("(connection lost)", str(e).strip()))
        judge(ck, case, outcome)
        ran += 1
    if CLEAN:
        if not usable(conn):
            conn.close()
            conn = connect()
        drop_created_tables(conn, f)
    conn.close()
    print("corpus-%s: %s: %d case(s) run, %d failed, %d skipped"
          % (DIALECT, f.name, ran, ck.failures, skipped))
    return ck.exit_code()


if __name__ == "__main__":
    sys.exit(main())
