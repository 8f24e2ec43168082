"""pg_catalog and information_schema as psycopg clients read them: TypeInfo
lookups (pgvector's registration asks for "vector"), ANY(array) parameters,
information_schema, settings, roles, a query mixing the catalog with a
table refused, and DDL seen by the next catalog query of the session.

    catalog.py PORT
"""
import sys
import time

import psycopg
import psycopg2
from psycopg.types import TypeInfo

from checks import Checks

PORT = sys.argv[1]
DSN = "host=127.0.0.1 port=%s user=tester dbname=testdb" % PORT
ck = Checks("catalog")

conn = psycopg.connect(DSN, autocommit=True)
conn.execute("CREATE TABLE items (id int PRIMARY KEY, name varchar(40) NOT NULL, price numeric(12,3))")

# --- pg_type: psycopg's TypeInfo, in the extended protocol with parameters ---
for name, oid, array_oid in (("int4", 23, 1007), ("text", 25, 1009), ("vector", 16385, 16386)):
    info = TypeInfo.fetch(conn, name)
    ck.check("TypeInfo.fetch(%s)" % name, (info.oid, info.array_oid) if info else None, (oid, array_oid))
ck.check("TypeInfo.fetch(no such type)", TypeInfo.fetch(conn, "nosuchtype"), None)
ck.check("typname = ANY(%s)",
         conn.execute("SELECT oid, typname FROM pg_type WHERE typname = ANY(%s) ORDER BY oid",
                      (["int4", "text", "vector"],)).fetchall(),
         [(23, "int4"), (25, "text"), (16385, "vector")])
ck.check("'vector'::regtype",
         conn.execute("SELECT 'vector'::regtype::oid, 'int4'::regtype::text").fetchone(), (16385, "integer"))
ck.check("pg_type of every built-in type",
         conn.execute("SELECT count(*) >= 185 FROM pg_catalog.pg_type WHERE typnamespace = 11").fetchone(), (True,))
ck.check("format_type",
         conn.execute("SELECT format_type(1043, 44), format_type(1700, 786439), format_type(16385, 3)").fetchone(),
         ("character varying(40)", "numeric(12,3)", "vector(3)"))

# --- information_schema ---
ck.check("information_schema.tables",
         conn.execute("SELECT table_schema, table_name, table_type FROM information_schema.tables"
                       " WHERE table_schema = 'public' ORDER BY table_name").fetchall(),
         [("public", "items", "BASE TABLE")])
ck.check("information_schema.columns",
         conn.execute("SELECT column_name, data_type, character_maximum_length, numeric_precision, numeric_scale,"
                      " is_nullable FROM information_schema.columns WHERE table_name = %s"
                      " ORDER BY ordinal_position", ("items",)).fetchall(),
         [("id", "integer", None, 32, 0, "NO"), ("name", "character varying", 40, None, None, "NO"),
          ("price", "numeric", None, 12, 3, "YES")])
ck.check("information_schema.table_constraints",
         conn.execute("SELECT constraint_name, constraint_type FROM information_schema.table_constraints"
                      " WHERE table_name = 'items'").fetchall(), [("items_pkey", "PRIMARY KEY")])
ck.check("information_schema.key_column_usage",
         conn.execute("SELECT column_name, ordinal_position FROM information_schema.key_column_usage"
                      " WHERE table_name = 'items'").fetchall(), [("id", 1)])

# --- settings, the database, roles ---
ck.check("current_setting()",
         conn.execute("SELECT current_setting('DateStyle'), current_setting('server_version_num')").fetchone(),
         ("ISO, MDY", "160006"))
ck.raises("current_setting(unknown)", psycopg.errors.UndefinedObject,
          lambda: conn.execute("SELECT current_setting('no_such_setting')"), "42704")
ck.check("current_setting(unknown, true)",
         conn.execute("SELECT current_setting('no_such_setting', true)").fetchone(), (None,))
ck.check("pg_settings",
         conn.execute("SELECT setting, vartype FROM pg_settings WHERE name = 'statement_timeout'").fetchone(),
         ("0", "integer"))
conn.execute("SET statement_timeout = '5s'")
ck.check("pg_settings after SET",
         conn.execute("SELECT setting FROM pg_settings WHERE name = 'statement_timeout'").fetchone(), ("5s",))
ck.check("pg_database", conn.execute("SELECT datname FROM pg_database").fetchall(), [("testdb",)])
ck.check("pg_roles", conn.execute("SELECT rolname, rolcanlogin FROM pg_roles").fetchall(), [("tester", True)])
ck.check("pg_user", conn.execute("SELECT usename FROM pg_user").fetchall(), [("tester",)])
ck.check("pg_namespace",
         conn.execute("SELECT nspname FROM pg_namespace ORDER BY oid").fetchall(),
         [("pg_catalog",), ("public",), ("information_schema",)])
ck.check("pg_extension lists vector",
         conn.execute("SELECT extname FROM pg_extension ORDER BY 1").fetchall(), [("plpgsql",), ("vector",)])

# --- pg_class, pg_attribute, the stable OID ---
oid = conn.execute("SELECT 'items'::regclass::oid").fetchone()[0]
ck.check("user OIDs above 16384", oid >= 16384, True)
ck.check("pg_attribute",
         conn.execute("SELECT attname, format_type(atttypid, atttypmod), attnotnull FROM pg_attribute"
                      " WHERE attrelid = %s AND attnum > 0 ORDER BY attnum", (oid,)).fetchall(),
         [("id", "integer", True), ("name", "character varying(40)", True), ("price", "numeric(12,3)", False)])
other = psycopg.connect(DSN, autocommit=True)
ck.check("the same OID in another session",
         other.execute("SELECT oid FROM pg_class WHERE relname = 'items'").fetchone(), (oid,))

# --- this session's DDL shows at once ---
conn.execute("CREATE TABLE later (x text)")
ck.check("a new table in pg_class",
         conn.execute("SELECT relname FROM pg_class WHERE relkind = 'r' ORDER BY 1").fetchall(),
         [("items",), ("later",)])
conn.execute("DROP TABLE later")
ck.check("a dropped table gone",
         conn.execute("SELECT count(*) FROM pg_class WHERE relname = 'later'").fetchone(), (0,))

# --- another session's DDL: seen once this session's catalog is a second old ---
other.execute("CREATE TABLE from_other (x int)")
time.sleep(1.2)
ck.check("another session's table, a second later",
         conn.execute("SELECT relname FROM pg_class WHERE relname = 'from_other'").fetchall(), [("from_other",)])
other.execute("DROP TABLE from_other")

# --- catalog and tables in one query: refused ---
ck.raises("catalog joined with a table", psycopg.errors.FeatureNotSupported,
          lambda: conn.execute("SELECT * FROM items JOIN pg_class ON relname = name"), "0A000")
ck.raises("a table in a catalog subquery", psycopg.errors.FeatureNotSupported,
          lambda: conn.execute("SELECT relname FROM pg_class WHERE relname IN (SELECT name FROM items)"),
          "0A000")
ck.check("a table query still runs", conn.execute("SELECT count(*) FROM items").fetchone(), (0,))

# --- pg_stat_activity from the shared backend table ---
rows = conn.execute("SELECT pid, usename, state, query FROM pg_stat_activity WHERE pid = pg_backend_pid()").fetchall()
ck.check("pg_stat_activity: this session", [(r[1], r[2], r[3].startswith("SELECT pid")) for r in rows],
         [("tester", "active", True)])
ck.check("pg_stat_activity: the other session",
         conn.execute("SELECT count(*) FROM pg_stat_activity WHERE state = 'idle'").fetchone(), (1,))
other.close()

# --- psycopg2 (simple protocol): SQLAlchemy's hstore probe ---
c2 = psycopg2.connect(DSN)
cur = c2.cursor()
cur.execute("SELECT t.oid, typarray FROM pg_type t JOIN pg_namespace ns ON typnamespace = ns.oid"
            " WHERE typname = 'hstore'")
ck.check("psycopg2: no hstore", cur.fetchall(), [])
cur.execute("SELECT t.oid FROM pg_catalog.pg_type t WHERE t.typname = %s", ("vector",))
ck.check("psycopg2: vector", cur.fetchall(), [(16385,)])
c2.close()

# --- a catalog portal sent in pieces: Execute's row limit, PortalSuspended ---
from pgproto import B, E, P, S, connect, summarize  # noqa: E402

raw, _ = connect(int(PORT))
raw.send(P("", "SELECT typname FROM pg_type WHERE oid IN (16, 20, 23) ORDER BY oid") + B("", "") +
         E("", 2) + E("", 2) + S)
ck.check("catalog portal: 2 rows, suspended, then the rest",
         summarize(raw.read_until("Z")),
         "1 2 Dbool Dint8 s Dint4 C:SELECT 3 ZI")
raw.close()

conn.execute("DROP TABLE items")
conn.close()
sys.exit(ck.exit_code())
