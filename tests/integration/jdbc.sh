#!/bin/bash
# The PostgreSQL JDBC driver (pgjdbc, Debian's libpostgresql-jdbc-java):
# server-prepared statements, text and binary transfer, batches, fetch-size
# streaming, transactions, errors and NULLs -- against the embedded SQLite
# default, then the postgres dialect (psqlODBC to a private PostgreSQL).
# The Java program is compiled at test time; a missing JDK or driver fails
# the test (scripts/install-deps installs both).
. "$(dirname "$0")/lib.sh"

JDBC_JAR=/usr/share/java/postgresql.jar
if ! command -v javac >/dev/null 2>&1 || ! command -v java >/dev/null 2>&1; then
    fail "javac/java not found (package default-jdk-headless)"
    pgw_finish
fi
if [ ! -r "$JDBC_JAR" ]; then
    fail "$JDBC_JAR not found (package libpostgresql-jdbc-java)"
    pgw_finish
fi
javac -encoding UTF-8 -cp "$JDBC_JAR" -d "$WORK/classes" "$TESTS_DIR/jdbc/JdbcTest.java" ||
    { fail "javac JdbcTest.java"; pgw_finish; }

# run_jdbc LABEL [JdbcTest options...]
run_jdbc() {
    local label=$1
    shift
    say "--- $label ---"
    java -Dfile.encoding=UTF-8 -cp "$JDBC_JAR:$WORK/classes" JdbcTest "$@" "$PORT" ||
        fail "$label: JDBC checks (see above)"
}

# SQLite's ODBC driver returns doubles with 15 significant digits
pgw_start
run_jdbc "SQLite" --lossy-float8 --vectors

pgw_use_postgres
run_jdbc "postgres dialect"
pgw_finish
