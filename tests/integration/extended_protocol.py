"""The extended query protocol at the message level: every case lists the
reply sequence PostgreSQL 15 gives (validated by running this script
against a real PostgreSQL: `extended_protocol.py PORT --postgres`).

Reply notation: 1 ParseComplete, 2 BindComplete, 3 CloseComplete,
t[oids] ParameterDescription, T RowDescription, n NoData, D DataRow,
s PortalSuspended, I EmptyQueryResponse, C:<tag>, E:<sqlstate>, Z<status>.

usage: extended_protocol.py PORT [--postgres | --sqlite]
(--sqlite: pgwire serves the embedded SQLite, whose driver cannot type
parameters; a few cases accept that answer too)
"""

import struct
import sys

from pgproto import B, C, D, E, P, S, connect, query, summarize

PORT = int(sys.argv[1])
AGAINST_POSTGRES = "--postgres" in sys.argv
ON_SQLITE = "--sqlite" in sys.argv
failures = 0



c, _ = connect(PORT, user="postgres" if AGAINST_POSTGRES else "tester",
               database="postgres" if AGAINST_POSTGRES else "testdb")
c.send(query("DROP TABLE IF EXISTS three; CREATE TABLE three (x integer); "
             "INSERT INTO three VALUES (1), (2), (3)"))
c.read_until("Z")


def case(label, data, expected, also=None, sqlite=None):
    """Send data; read one reply sequence per Sync in it. also: a second
    answer pgwire may give (noted where used); sqlite: one it may give on
    SQLite."""
    global failures
    c.send(data)
    msgs = []
    for _ in range(data.count(S)):
        msgs += c.read_until("Z")
    got = summarize(msgs)
    if got == expected or (got == also and not AGAINST_POSTGRES) or (got == sqlite and ON_SQLITE):
        print("extended: ok - %s" % label)
    else:
        failures += 1
        print("extended: FAIL: %s\n    expected: %s\n    got:      %s" % (label, expected, got))


Q3 = "SELECT x FROM three ORDER BY x"
case("row limit: suspend, then the rest with its own count",
     P("", Q3) + B("", "") + E("", 2) + E("", 2) + S, "1 2 D1 D2 s D3 C:SELECT 1 ZI")
case("a limit reached exactly still suspends",
     P("", Q3) + B("", "") + E("", 3) + E("", 3) + S, "1 2 D1 D2 D3 s C:SELECT 0 ZI")
case("portals end with the implicit transaction at Sync",
     P("", Q3) + B("p1", "") + E("p1", 1) + S, "1 2 D1 s ZI")
case("  so the portal is gone afterwards", E("p1", 1) + S, "E:34000 ZI")
case("a bound portal not executed is gone after Sync too",
     P("", Q3) + B("p2", "") + S + E("p2") + S, "1 2 ZI E:34000 ZI")
case("Describe statement: unspecified parameter is text",
     P("s1", "SELECT $1") + D("S", "s1") + S, "1 t[25] T ZI")
case("Describe statement: a parameter compared with a column takes its type",
     P("s1c", "SELECT x FROM three WHERE x = $1 AND $2::int8 > 0") + D("S", "s1c") + S, "1 t[23, 20] T ZI",
     sqlite="1 t[25, 20] T ZI")
case("Describe statement: given types are kept",
     P("s2", "SELECT x FROM three WHERE x > $1", [23]) + D("S", "s2") + S, "1 t[23] T ZI")
case("Describe statement without a result: NoData",
     P("s3", "INSERT INTO three VALUES ($1)", [23]) + D("S", "s3") + S, "1 t[23] n ZI")
case("duplicate statement name", P("s1", "SELECT 2") + S, "E:42P05 ZI")
case("missing statement", B("", "nosuch") + S, "E:26000 ZI")
case("missing portal", E("nosuch") + S, "E:34000 ZI")
case("Describe of a missing portal", D("P", "nosuch") + S, "E:34000 ZI")
case("Describe of a missing statement", D("S", "nosuch") + S, "E:26000 ZI")
case("wrong parameter count", P("s4", "SELECT x FROM three WHERE x = $1", [23]) + B("", "s4", []) + S,
     "1 E:08P01 ZI")
case("bad format code", B("", "s4", [b"1"], [2]) + S, "E:22023 ZI")
case("format count does not match parameters", B("", "s4", [b"1"], [0, 0]) + S, "E:08P01 ZI")
case("text parameter that is not an integer", B("", "s4", [b"abc"]) + E("") + S, "E:22P02 ZI")
case("bad binary length for int4", B("", "s4", [b"\x00\x01\x02"], [1]) + E("") + S, "E:08P01 ZI")
case("text parameter bound and run", B("", "s4", [b"2"]) + E("") + S, "2 D2 C:SELECT 1 ZI")
case("binary parameter bound and run", B("", "s4", [struct.pack("!i", 3)], [1]) + E("") + S,
     "2 D3 C:SELECT 1 ZI")
case("after an error everything until Sync is skipped",
     E("nosuch") + P("", "SELECT 1") + B("", "") + E("") + query("SELECT 1") + S, "E:34000 ZI")
case("Close of names that do not exist is fine", C("S", "zzz") + C("P", "zzz") + S, "3 3 ZI")
case("several commands cannot be prepared", P("", "SELECT 1; SELECT 2") + S, "E:42601 ZI")
case("the empty query", P("", "") + B("", "") + D("P", "") + E("") + S, "1 2 n I ZI")
case("BEGIN through the extended protocol",
     P("", "BEGIN") + B("", "") + E("") + P("", Q3) + B("", "") + E("", 1) + S,
     "1 2 C:BEGIN 1 2 D1 s ZT")
case("  an error fails the block", P("", "SELECT * FROM nosuch") + B("", "") + E("") + S, "E:42P01 ZE",
     also="1 2 E:42P01 ZE")  # drivers that compile a statement when it first runs
case("  only ROLLBACK is accepted", P("", "SELECT 1") + S, "E:25P02 ZE")
case("  ROLLBACK ends it", P("", "ROLLBACK") + B("", "") + E("") + S, "1 2 C:ROLLBACK ZI")
case("a finished query's portal yields nothing more",
     P("s9", "SELECT x FROM three WHERE x = 1") + B("pp", "s9") + E("pp") + E("pp") + S,
     "1 2 D1 C:SELECT 1 C:SELECT 0 ZI")
case("an INSERT portal cannot run twice",
     P("", "INSERT INTO three VALUES (4), (5)") + B("", "") + E("") + E("") + S,
     "1 2 C:INSERT 0 2 E:55000 ZI")
case("  and its transaction rolled back", P("", "SELECT count(*) FROM three") + B("", "") + E("") + S,
     "1 2 D3 C:SELECT 1 ZI")
case("closing a statement leaves its portal running",
     P("s10", Q3) + B("pk", "s10") + C("S", "s10") + E("pk") + S, "1 2 3 D1 D2 D3 C:SELECT 3 ZI")
case("binding the unnamed portal twice replaces it",
     P("", "SELECT 1") + B("", "") + B("", "") + E("") + S, "1 2 2 D1 C:SELECT 1 ZI")
case("pipeline: statements before one Sync form one transaction",
     P("", "INSERT INTO three VALUES (10)") + B("", "") + E("") +
     P("", "INSERT INTO nosuch VALUES (11)") + B("", "") + E("") + S, "1 2 C:INSERT 0 1 E:42P01 ZI",
     # drivers that compile a statement only when it first runs (SQLite's
     # for an INSERT, psqlODBC) report the error at Execute instead of Parse
     also="1 2 C:INSERT 0 1 1 2 E:42P01 ZI")
case("  the first insert was rolled back with it",
     P("", "SELECT count(*) FROM three WHERE x = 10") + B("", "") + E("") + S, "1 2 D0 C:SELECT 1 ZI")
case("a parameter used twice and out of order",
     P("", "SELECT x FROM three WHERE x = $2 OR x = $1 OR x = $2 ORDER BY x", [23, 23]) +
     B("", "", [b"1", b"3"]) + E("") + S, "1 2 D1 D3 C:SELECT 2 ZI")
case("a declared parameter type is the one the statement sees",
     P("", "SELECT $1 IS NULL, $2 IS NULL", [23, 25]) + B("", "", [None, b"x"]) + E("") + S,
     "1 2 Dt,f C:SELECT 1 ZI")
case("NULL parameter", P("", "SELECT count(*) FROM three WHERE x = $1", [23]) + B("", "", [None]) + E("") + S,
     "1 2 D0 C:SELECT 1 ZI")
case("SET and SHOW through the extended protocol",
     P("", "SET application_name = 'ext'") + B("", "") + E("") +
     P("", "SHOW application_name") + B("", "") + D("P", "") + E("") + S,
     "1 2 C:SET 1 2 T Dext C:SHOW S ZI")
case("Describe statement for SHOW", P("sh", "SHOW DateStyle") + D("S", "sh") + S, "1 t[] T ZI")

R2 = "INSERT INTO three VALUES ($1), ($2) RETURNING x, x * 10 AS ten"
case("INSERT ... RETURNING: Describe statement gives its columns",
     P("r2", R2, [23, 23]) + D("S", "r2") + S, "1 t[23, 23] T ZI")
case("  Describe portal too, and every row with its tag",
     B("", "r2", [b"20", b"21"]) + D("P", "") + E("") + S, "2 T D20,200 D21,210 C:INSERT 0 2 ZI")
case("  a row limit: rows held, suspended, then a tag counting the last Execute's",
     B("", "r2", [b"22", b"23"]) + E("", 1) + E("", 1) + E("", 1) + S,
     "2 D22,220 s D23,230 s C:INSERT 0 0 ZI")
case("  a named statement runs again with new values",
     B("", "r2", [b"24", b"25"]) + E("") + S, "2 D24,240 D25,250 C:INSERT 0 2 ZI")
case("  all of them stored",
     P("", "SELECT count(*) FROM three WHERE x >= 20") + B("", "") + E("") + S, "1 2 D6 C:SELECT 1 ZI")

# the unnamed statement parsed again with the same text: the same answers,
# and after DDL the new shape (pgwire reuses its prepared handle otherwise)
U = "SELECT * FROM three WHERE x = $1"
case("the unnamed statement parsed again, run twice",
     P("", U, [23]) + B("", "", [b"1"]) + E("") + S + P("", U, [23]) + B("", "", [b"2"]) + E("") + S,
     "1 2 D1 C:SELECT 1 ZI 1 2 D2 C:SELECT 1 ZI")
case("  with other parameter types it is parsed anew",
     P("", U, [20]) + D("S", "") + S, "1 t[20] T ZI")
c.send(query("ALTER TABLE three ADD COLUMN y integer"))
c.read_until("Z")
case("  after DDL the same text describes the table as it is now",
     P("", U, [20]) + B("", "", [b"1"]) + D("P", "") + E("") + S, "1 2 T D1,NULL C:SELECT 1 ZI")

c.send(query("DROP TABLE three"))
c.read_until("Z")
sys.exit(1 if failures else 0)
