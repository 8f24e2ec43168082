/*
 * JdbcTest -- the PostgreSQL JDBC driver (pgjdbc) as Java applications use
 * it, against pgwire: server-prepared statements, text and binary transfer,
 * batches, fetch-size streaming, transactions, errors, NULLs, and COPY
 * through pgjdbc's CopyManager.
 *
 * Prints one line per check ("jdbc: ok - NAME" or "jdbc: FAIL: NAME: ...")
 * and exits 1 if any failed. The options let the same program run against a
 * real PostgreSQL, to validate what it expects:
 *
 *   java -cp postgresql.jar:CLASSES JdbcTest [--user U] [--database D]
 *        [--server-version V] [--lossy-float8] [--vectors] PORT
 *
 * --vectors runs the pgvector scenario (a database with pgvector's type).
 * --lossy-float8 is for SQLite: its ODBC driver hands doubles over with 15
 * significant digits, so a full-precision double (0.1 + 0.2) is only checked
 * to be stored exactly, and a 15-digit one is read back.
 */

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

public final class JdbcTest {

    /** JDBC work that may throw SQLException. */
    interface SqlAction {
        void run() throws SQLException;
    }

    interface Binder {
        void bind(PreparedStatement ps, int index, Object value) throws SQLException;
    }

    interface Reader {
        Object read(ResultSet rs, int index) throws SQLException;
    }

    /** One column of the all-types table: its type, a value, how JDBC binds and reads it. */
    record Column(String name, String sqlType, String typeName, Object value, Binder binder, Reader reader) {
    }

    private static final HexFormat HEX = HexFormat.of();
    private static final LocalDateTime MICROS = LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000);
    private static final double FULL_PRECISION = 0.1 + 0.2;   /* 0.30000000000000004 */
    private static final double FIFTEEN_DIGITS = 1234.56789012345;

    private final String url;
    private final String serverVersion;
    private final boolean lossyFloat8;
    private final List<Column> columns;
    private int failures;

    private JdbcTest(String url, String serverVersion, boolean lossyFloat8) {
        this.url = url;
        this.serverVersion = serverVersion;
        this.lossyFloat8 = lossyFloat8;
        this.columns = allTypes(lossyFloat8 ? FIFTEEN_DIGITS : FULL_PRECISION);
    }

    /* The first column is the primary key; java.sql and java.time setters bind
     * dates and timestamps with different type OIDs (unspecified vs date/timestamp). */
    private static List<Column> allTypes(double score) {
        return List.of(
            new Column("id", "integer PRIMARY KEY", "int4", 1,
                       (ps, i, v) -> ps.setInt(i, (Integer) v), ResultSet::getInt),
            new Column("big", "bigint", "int8", 9007199254740993L,
                       (ps, i, v) -> ps.setLong(i, (Long) v), ResultSet::getLong),
            new Column("name", "text", "text", "héllo wörld",
                       (ps, i, v) -> ps.setString(i, (String) v), ResultSet::getString),
            new Column("score", "double precision", "float8", score,
                       (ps, i, v) -> ps.setDouble(i, (Double) v), ResultSet::getDouble),
            new Column("ok", "boolean", "bool", true,
                       (ps, i, v) -> ps.setBoolean(i, (Boolean) v), ResultSet::getBoolean),
            new Column("born", "date", "date", LocalDate.of(2024, 1, 2),
                       PreparedStatement::setObject, (rs, i) -> rs.getObject(i, LocalDate.class)),
            new Column("seen", "timestamp", "timestamp", MICROS,
                       PreparedStatement::setObject, (rs, i) -> rs.getObject(i, LocalDateTime.class)),
            new Column("born_sql", "date", "date", LocalDate.of(1999, 12, 31),
                       (ps, i, v) -> ps.setDate(i, java.sql.Date.valueOf((LocalDate) v)),
                       (rs, i) -> rs.getDate(i).toLocalDate()),
            new Column("seen_sql", "timestamp", "timestamp", MICROS,
                       (ps, i, v) -> ps.setTimestamp(i, Timestamp.valueOf((LocalDateTime) v)),
                       (rs, i) -> rs.getTimestamp(i).toLocalDateTime()),
            new Column("raw", "bytea", "bytea", "00ff",
                       (ps, i, v) -> ps.setBytes(i, HEX.parseHex((String) v)),
                       (rs, i) -> HEX.formatHex(rs.getBytes(i))),
            new Column("amount", "numeric", "numeric", new BigDecimal("12.5"),
                       (ps, i, v) -> ps.setBigDecimal(i, (BigDecimal) v), ResultSet::getBigDecimal));
    }

    public static void main(String[] args) {
        String user = "tester";
        String database = "testdb";
        String version = "16.6 (pgwire 0.1.0)";
        boolean lossyFloat8 = false;
        boolean vectors = false;
        String port = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--user" -> user = args[++i];
                case "--database" -> database = args[++i];
                case "--server-version" -> version = args[++i];
                case "--lossy-float8" -> lossyFloat8 = true;
                case "--vectors" -> vectors = true;
                default -> port = args[i];
            }
        }
        if (port == null) {
            System.err.println("usage: JdbcTest [--user U] [--database D] [--server-version V] [--lossy-float8] [--vectors] PORT");
            System.exit(2);
        }
        JdbcTest t = new JdbcTest("jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + user,
                                  version, lossyFloat8);
        t.scenario("metadata", t::metadata);
        t.scenario("database metadata", t::databaseMetadata);
        t.scenario("types, text transfer", () -> t.typesRoundTrip("text", "binaryTransfer=false"));
        t.scenario("types, binary transfer", () -> t.typesRoundTrip("binary", "binaryTransfer=true"));
        t.scenario("float8 precision", t::float8Precision);
        t.scenario("re-executed statements", t::reExecute);
        t.scenario("batch", () -> t.batch("batch", "reWriteBatchedInserts=false", 1));
        t.scenario("rewritten batch", () -> t.batch("rewritten batch", "reWriteBatchedInserts=true",
                                                     Statement.SUCCESS_NO_INFO));
        t.scenario("batch error", t::batchError);
        t.scenario("streaming", t::streaming);
        t.scenario("transactions", t::transactions);
        t.scenario("errors in autocommit", t::errorsInAutocommit);
        t.scenario("errors in a transaction", t::errorsInTransaction);
        t.scenario("nulls", t::nulls);
        t.scenario("cancel", t::cancel);
        t.scenario("copy", t::copy);
        if (vectors)
            t.scenario("vectors", t::vectors);
        System.exit(t.failures == 0 ? 0 : 1);
    }

    // ---- reporting ----

    private void ok(String name) {
        System.out.println("jdbc: ok - " + name);
    }

    private void fail(String name, String why) {
        failures++;
        System.out.println("jdbc: FAIL: " + name + ": " + why);
    }

    private void check(String name, Object expected, Object actual) {
        if (Objects.equals(expected, actual)) {
            ok(name);
        } else {
            fail(name, "expected " + show(expected) + ", got " + show(actual));
        }
    }

    /** action must throw SQLException with the given SQLSTATE. */
    private void checkSqlState(String name, String sqlState, SqlAction action) {
        try {
            action.run();
            fail(name, "expected SQLSTATE " + sqlState + ", got no error");
        } catch (SQLException e) {
            check(name + " (SQLSTATE)", sqlState, e.getSQLState());
        }
    }

    /** Run one scenario; an unexpected exception fails it and the rest still run. */
    private void scenario(String name, SqlAction body) {
        try {
            body.run();
        } catch (SQLException | RuntimeException e) {
            String state = e instanceof SQLException s ? " [SQLSTATE " + s.getSQLState() + "]" : "";
            fail(name, "unexpected " + e.getClass().getSimpleName() + state + ": " + e.getMessage());
        }
    }

    /** Long values (a 2000-element list) are cut so a failure stays readable. */
    private static String show(Object v) {
        String s = v instanceof String ? "\"" + v + "\"" : String.valueOf(v);
        return s.length() > 300 ? s.substring(0, 300) + "... (" + s.length() + " chars)" : s;
    }

    // ---- helpers ----

    private Connection connect(String properties) throws SQLException {
        return DriverManager.getConnection(url + (properties.isEmpty() ? "" : "&" + properties));
    }

    private static void createTable(Connection c, String table, String columns) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + table);
            st.execute("CREATE TABLE " + table + " (" + columns + ")");
        }
    }

    /** The single value of a one-row, one-column query. */
    private static Object scalar(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getObject(1);
        }
    }

    private static long count(Connection c, String table) throws SQLException {
        return ((Number) scalar(c, "SELECT count(*) FROM " + table)).longValue();
    }

    private static List<Integer> range(int from, int to) {
        return IntStream.rangeClosed(from, to).boxed().collect(Collectors.toList());
    }

    // ---- scenarios ----

    /** The values of one column of a metadata result set, in order. */
    private static List<String> column(ResultSet rs, String name) throws SQLException {
        List<String> values = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                values.add(rs.getString(name));
            }
        }
        return values;
    }

    /** DatabaseMetaData and ResultSetMetaData, answered from pgwire's catalog. */
    private void databaseMetadata() throws SQLException {
        try (Connection c = connect("")) {
            try (Statement st = c.createStatement()) {
                st.execute("DROP TABLE IF EXISTS md_child");
                st.execute("DROP TABLE IF EXISTS md_parent");
            }
            createTable(c, "md_parent", "id int PRIMARY KEY, code varchar(20) NOT NULL UNIQUE, amount numeric(10,2)");
            createTable(c, "md_child", "id int PRIMARY KEY, parent_id int REFERENCES md_parent (id), note text");
            try (Statement st = c.createStatement()) {
                st.execute("CREATE INDEX md_child_note ON md_child (note)");
            }
            DatabaseMetaData md = c.getMetaData();
            check("getTables", List.of("md_child", "md_parent"),
                  column(md.getTables(null, "public", "md_%", new String[] {"TABLE"}), "TABLE_NAME"));
            check("getTables: type", List.of("TABLE"),
                  column(md.getTables(null, "public", "md_parent", null), "TABLE_TYPE"));
            check("getColumns: names", List.of("id", "code", "amount"),
                  column(md.getColumns(null, "public", "md_parent", "%"), "COLUMN_NAME"));
            check("getColumns: type names", List.of("int4", "varchar", "numeric"),
                  column(md.getColumns(null, "public", "md_parent", "%"), "TYPE_NAME"));
            check("getColumns: sizes", List.of("10", "20", "10"),
                  column(md.getColumns(null, "public", "md_parent", "%"), "COLUMN_SIZE"));
            check("getColumns: nullable", List.of("NO", "NO", "YES"),
                  column(md.getColumns(null, "public", "md_parent", "%"), "IS_NULLABLE"));
            check("getPrimaryKeys", List.of("id"),
                  column(md.getPrimaryKeys(null, "public", "md_parent"), "COLUMN_NAME"));
            check("getPrimaryKeys: name", List.of("md_parent_pkey"),
                  column(md.getPrimaryKeys(null, "public", "md_parent"), "PK_NAME"));
            check("getIndexInfo", List.of("md_parent_code_key", "md_parent_pkey"),
                  column(md.getIndexInfo(null, "public", "md_parent", false, false), "INDEX_NAME"));
            check("getIndexInfo: unique only", List.of("md_child_pkey"),
                  column(md.getIndexInfo(null, "public", "md_child", true, false), "INDEX_NAME"));
            check("getImportedKeys", List.of("md_parent.id -> md_child.parent_id"),
                  keys(md.getImportedKeys(null, "public", "md_child")));
            check("getExportedKeys", List.of("md_parent.id -> md_child.parent_id"),
                  keys(md.getExportedKeys(null, "public", "md_parent")));
            List<String> types = column(md.getTypeInfo(), "TYPE_NAME");
            check("getTypeInfo: int4, varchar, vector", true,
                  types.contains("int4") && types.contains("varchar") && types.contains("vector"));
            check("getSchemas: public", true, column(md.getSchemas(), "TABLE_SCHEM").contains("public"));
            check("getCatalogs", List.of("testdb"), column(md.getCatalogs(), "TABLE_CAT"));
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT id, code, amount FROM md_parent")) {
                ResultSetMetaData rsmd = rs.getMetaData();
                check("getColumnTypeName", List.of("int4", "varchar", "numeric"),
                      List.of(rsmd.getColumnTypeName(1), rsmd.getColumnTypeName(2), rsmd.getColumnTypeName(3)));
                check("getTableName", "md_parent", rsmd.getTableName(2));
            }
            try (Statement st = c.createStatement()) {
                st.execute("DROP TABLE md_child");
                st.execute("DROP TABLE md_parent");
            }
        }
    }

    private static List<String> keys(ResultSet rs) throws SQLException {
        List<String> values = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                values.add(rs.getString("PKTABLE_NAME") + "." + rs.getString("PKCOLUMN_NAME") + " -> "
                           + rs.getString("FKTABLE_NAME") + "." + rs.getString("FKCOLUMN_NAME"));
            }
        }
        return values;
    }

    private void metadata() throws SQLException {
        try (Connection c = connect("")) {
            DatabaseMetaData md = c.getMetaData();
            check("product name", "PostgreSQL", md.getDatabaseProductName());
            check("product version", serverVersion, md.getDatabaseProductVersion());
            check("a first query", 1, scalar(c, "SELECT 1"));
        }
    }

    /* With prepareThreshold=1 every PreparedStatement is a named server
     * statement from its first execution; with binaryTransfer the driver asks
     * for binary results once it knows the column types (from the second
     * execution on), so the SELECT runs three times. */
    private void typesRoundTrip(String mode, String transfer) throws SQLException {
        String table = "types_" + mode;
        String columnDefs = columns.stream().map(col -> col.name() + " " + col.sqlType())
            .collect(Collectors.joining(", "));
        String marks = String.join(", ", Collections.nCopies(columns.size(), "?"));
        try (Connection c = connect("prepareThreshold=1&" + transfer)) {
            createTable(c, table, columnDefs);
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO " + table + " VALUES (" + marks + ")")) {
                for (int i = 0; i < columns.size(); i++) {
                    columns.get(i).binder().bind(ins, i + 1, columns.get(i).value());
                }
                check(mode + ": INSERT of every type", 1, ins.executeUpdate());
            }
            try (PreparedStatement sel = c.prepareStatement("SELECT * FROM " + table + " WHERE id = ?")) {
                for (int run = 1; run <= 3; run++) {
                    sel.setInt(1, 1);
                    try (ResultSet rs = sel.executeQuery()) {
                        check(mode + ": row found, execution " + run, true, rs.next());
                        checkRow(mode + ": every type read back, execution " + run, rs);
                        if (run == 1) {
                            checkTypeNames(mode, rs.getMetaData());
                        }
                    }
                }
            }
        }
    }

    /** The current row holds every column's value; a failure names the columns that differ. */
    private void checkRow(String name, ResultSet rs) throws SQLException {
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            Column col = columns.get(i);
            Object got = col.reader().read(rs, i + 1);
            if (!Objects.equals(col.value(), got)) {
                wrong.add(col.name() + " " + col.sqlType() + ": expected " + show(col.value()) + ", got " + show(got));
            }
        }
        if (wrong.isEmpty()) {
            ok(name);
        } else {
            fail(name, String.join("; ", wrong));
        }
    }

    private void checkTypeNames(String mode, ResultSetMetaData md) throws SQLException {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            names.add(md.getColumnTypeName(i));
        }
        check(mode + ": column type names", columns.stream().map(Column::typeName).toList(), names);
    }

    /* A double that needs all 17 significant digits is stored exactly (the
     * database itself compares it), and read back exactly unless the
     * database's driver cannot hand it over (--lossy-float8). */
    private void float8Precision() throws SQLException {
        try (Connection c = connect("prepareThreshold=1")) {
            createTable(c, "doubles", "id integer PRIMARY KEY, x double precision");
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO doubles VALUES (?, ?)")) {
                ins.setInt(1, 1);
                ins.setDouble(2, FULL_PRECISION);
                ins.executeUpdate();
            }
            check("float8: 0.1 + 0.2 stored exactly", 1L, scalar(c, "SELECT count(*) FROM doubles WHERE x = "
                  + "CAST(0.1 AS double precision) + CAST(0.2 AS double precision)"));
            if (lossyFloat8) {
                return;
            }
            try (PreparedStatement sel = c.prepareStatement("SELECT x FROM doubles WHERE id = ?")) {
                for (int run = 1; run <= 2; run++) {
                    sel.setInt(1, 1);
                    try (ResultSet rs = sel.executeQuery()) {
                        rs.next();
                        check("float8: 0.1 + 0.2 read back, execution " + run, FULL_PRECISION, rs.getDouble(1));
                    }
                }
            }
        }
    }

    /* One named server statement (S_1, S_2) reused 20 times for INSERT and
     * 20 times for SELECT, in binary transfer (the default). */
    private void reExecute() throws SQLException {
        try (Connection c = connect("prepareThreshold=1")) {
            createTable(c, "reuse", "id integer PRIMARY KEY, name text");
            List<Integer> counts = new ArrayList<>();
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO reuse VALUES (?, ?)")) {
                for (int i = 1; i <= 20; i++) {
                    ins.setInt(1, i);
                    ins.setString(2, "name " + i);
                    counts.add(ins.executeUpdate());
                }
            }
            check("20 executions of one INSERT", Collections.nCopies(20, 1), counts);
            List<String> names = new ArrayList<>();
            try (PreparedStatement sel = c.prepareStatement("SELECT id, name FROM reuse WHERE id = ?")) {
                for (int i = 20; i >= 1; i--) {
                    sel.setInt(1, i);
                    try (ResultSet rs = sel.executeQuery()) {
                        while (rs.next()) {
                            names.add(rs.getInt(1) + ":" + rs.getString(2));
                        }
                    }
                }
            }
            List<String> expected = new ArrayList<>();
            for (int i = 20; i >= 1; i--) {
                expected.add(i + ":name " + i);
            }
            check("20 executions of one SELECT", expected, names);
        }
    }

    private static int[] insertBatch(Connection c, String table, int from, int to) throws SQLException {
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO " + table + " (id, name) VALUES (?, ?)")) {
            for (int i = from; i <= to; i++) {
                ins.setInt(1, i);
                ins.setString(2, "row " + i);
                ins.addBatch();
            }
            return ins.executeBatch();
        }
    }

    /* 500 rows in one executeBatch: pipelined Bind/Execute with one Sync, or
     * (rewritten) multi-row INSERTs, for which the driver reports SUCCESS_NO_INFO. */
    private void batch(String name, String properties, int expectedCount) throws SQLException {
        try (Connection c = connect(properties)) {
            String table = name.replace(' ', '_');
            createTable(c, table, "id integer PRIMARY KEY, name text");
            int[] counts = insertBatch(c, table, 1, 500);
            check(name + ": update counts", Collections.nCopies(500, expectedCount),
                  Arrays.stream(counts).boxed().toList());
            check(name + ": count(*)", 500L, count(c, table));
            check(name + ": a row's value", "row 437", scalar(c, "SELECT name FROM " + table + " WHERE id = 437"));
        }
    }

    /* A duplicate key in the middle of a batch: the whole batch (one implicit
     * transaction up to Sync) is undone, and the connection goes on. */
    private void batchError() throws SQLException {
        try (Connection c = connect("")) {
            createTable(c, "batch_err", "id integer PRIMARY KEY, name text");
            insertBatch(c, "batch_err", 50, 50);
            try {
                insertBatch(c, "batch_err", 1, 100);
                fail("batch with a duplicate key", "no BatchUpdateException");
            } catch (BatchUpdateException e) {
                check("batch with a duplicate key (SQLSTATE)", "23505", e.getSQLState());
            }
            check("the failed batch left no rows", 1L, count(c, "batch_err"));
            check("usable after the failed batch", 1, scalar(c, "SELECT 1"));
        }
    }

    /* setFetchSize in a transaction: the driver executes with a row limit of
     * 50 and fetches on after each PortalSuspended; another query runs while
     * the portal is suspended. */
    private void streaming() throws SQLException {
        try (Connection c = connect("prepareThreshold=1&reWriteBatchedInserts=true")) {
            createTable(c, "stream", "id integer PRIMARY KEY, name text");
            insertBatch(c, "stream", 1, 2000);
            c.setAutoCommit(false);
            List<Integer> ids = new ArrayList<>();
            int wrongNames = 0;
            Object countMidway = null;
            try (PreparedStatement sel = c.prepareStatement("SELECT id, name FROM stream WHERE id >= ? ORDER BY id")) {
                sel.setFetchSize(50);
                sel.setInt(1, 1);
                try (ResultSet rs = sel.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getInt(1));
                        if (!rs.getString(2).equals("row " + rs.getInt(1))) {
                            wrongNames++;
                        }
                        if (ids.size() == 120) {
                            countMidway = count(c, "stream");
                        }
                    }
                }
            }
            check("streaming: 2000 rows in order", range(1, 2000), ids);
            check("streaming: names match ids", 0, wrongNames);
            check("streaming: a query while the portal is suspended", 2000L, countMidway);
            c.commit();
            c.setAutoCommit(true);
            check("streaming: usable after commit", 1, scalar(c, "SELECT 1"));
        }
    }

    private void transactions() throws SQLException {
        try (Connection c = connect("prepareThreshold=1")) {
            createTable(c, "txn", "id integer PRIMARY KEY, name text");
            c.setAutoCommit(false);
            insertBatch(c, "txn", 1, 1);
            check("transaction: insert visible inside", 1L, count(c, "txn"));
            c.rollback();
            check("transaction: rollback undid the insert", 0L, count(c, "txn"));
            insertBatch(c, "txn", 2, 2);
            c.commit();
            c.setAutoCommit(true);
        }
        try (Connection other = connect("")) {
            check("transaction: committed row seen by a new connection", "row 2",
                  scalar(other, "SELECT name FROM txn WHERE id = 2"));
            check("transaction: rolled-back row absent", 1L, count(other, "txn"));
        }
    }

    private void errorsInAutocommit() throws SQLException {
        try (Connection c = connect("prepareThreshold=1")) {
            createTable(c, "errs", "id integer PRIMARY KEY, name text");
            insertBatch(c, "errs", 1, 1);
            checkSqlState("autocommit: duplicate key", "23505", () -> insertBatch(c, "errs", 1, 1));
            check("autocommit: usable after duplicate key", 1L, count(c, "errs"));
            checkSqlState("autocommit: missing table", "42P01", () -> scalar(c, "SELECT * FROM no_such_table"));
            check("autocommit: usable after missing table", 1, scalar(c, "SELECT 1"));
        }
    }

    private void errorsInTransaction() throws SQLException {
        try (Connection c = connect("prepareThreshold=1")) {
            createTable(c, "errs_txn", "id integer PRIMARY KEY, name text");
            c.setAutoCommit(false);
            insertBatch(c, "errs_txn", 1, 1);
            checkSqlState("transaction: duplicate key", "23505", () -> insertBatch(c, "errs_txn", 1, 1));
            checkSqlState("transaction: statements refused until rollback", "25P02", () -> scalar(c, "SELECT 1"));
            c.rollback();
            check("transaction: rollback after the error undid the insert", 0L, count(c, "errs_txn"));
            c.commit();
            checkSqlState("transaction: missing table", "42P01", () -> scalar(c, "SELECT * FROM no_such_table"));
            c.rollback();
            check("transaction: usable after rollback", 1, scalar(c, "SELECT 1"));
            c.commit();
        }
    }

    /* A long query on any database behind pgwire (SQLite, PostgreSQL). */
    private static final String LONG_QUERY =
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000000) SELECT count(*) FROM c";

    /* pgvector from Java: vectors as text parameters cast to vector, the
     * nearest row by L2 distance, and the stored vector read back as text. */
    private void vectors() throws SQLException {
        try (Connection c = connect("")) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE EXTENSION IF NOT EXISTS vector");
            }
            createTable(c, "jdbc_v", "id int PRIMARY KEY, embedding vector(3)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO jdbc_v VALUES (?, ?::vector)")) {
                String[] rows = {"[1,0,0]", "[0,1,0]", "[0.9,0.1,0]"};
                for (int i = 0; i < rows.length; i++) {
                    ps.setInt(1, i + 1);
                    ps.setString(2, rows[i]);
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, embedding, embedding <-> ?::vector AS d FROM jdbc_v ORDER BY d LIMIT 2")) {
                ps.setString(1, "[1,0,0]");
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    check("vectors: nearest by L2 is the same vector, at distance 0",
                          List.of(1, "[1,0,0]", 0.0), List.of(rs.getInt(1), rs.getString(2), rs.getDouble(3)));
                    rs.next();
                    check("vectors: then the next nearest", 3, rs.getInt(1));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO jdbc_v VALUES (?, ?::vector)")) {
                ps.setInt(1, 9);
                ps.setString(2, "[1,2]");
                checkSqlState("vectors: a vector of the wrong dimension", "22000", ps::executeUpdate);
            }
        }
    }

    /* Statement.cancel() from another thread, and setQueryTimeout (which the
     * driver carries out with a CancelRequest too): 57014, then the
     * connection goes on. */
    private void cancel() throws SQLException {
        try (Connection c = connect("prepareThreshold=1");
             Statement st = c.createStatement()) {
            Thread canceller = new Thread(() -> {
                try {
                    Thread.sleep(300);
                    st.cancel();
                } catch (InterruptedException | SQLException e) {
                    fail("cancel: Statement.cancel()", e.toString());
                }
            });
            long start = System.nanoTime();
            canceller.start();
            checkSqlState("cancel: Statement.cancel() stops a running query", "57014",
                          () -> st.executeQuery(LONG_QUERY));
            check("cancel: within a second", true, System.nanoTime() - start < 1_300_000_000L);
            check("cancel: the connection runs the next query", 1, scalar(c, "SELECT 1"));
            st.setQueryTimeout(1);
            checkSqlState("cancel: setQueryTimeout(1) stops a running query", "57014",
                          () -> st.executeQuery(LONG_QUERY));
            check("cancel: the connection runs the next query after a timeout", 1, scalar(c, "SELECT 1"));
        }
    }

    /* NULLs bound with setNull (typed) and setObject(null) (unspecified type),
     * read back twice so the second read is in binary transfer. */
    /* CopyManager sends COPY as a simple Query, streams the data in, and
     * reads COPY TO STDOUT back; a bad row fails the whole COPY with
     * PostgreSQL's CONTEXT and leaves nothing behind. */
    private void copy() throws SQLException {
        try (Connection c = connect("")) {
            createTable(c, "copy_t", "id integer PRIMARY KEY, name text, score float8");
            CopyManager cm = c.unwrap(PGConnection.class).getCopyAPI();
            StringBuilder in = new StringBuilder();
            for (int i = 1; i <= 2500; i++) {
                in.append(i).append(',').append(i % 10 == 0 ? "" : "\"name, " + i + "\"").append(',')
                  .append(i / 4.0).append('\n');
            }
            try {
                long n = cm.copyIn("COPY copy_t FROM STDIN (FORMAT csv)", new StringReader(in.toString()));
                check("copyIn: rows reported", 2500L, n);
                check("copyIn: rows stored", 2500L, count(c, "copy_t"));
                check("copyIn: a NULL (empty CSV field)", null, scalar(c, "SELECT name FROM copy_t WHERE id = 10"));
                check("copyIn: a quoted comma", "name, 11", scalar(c, "SELECT name FROM copy_t WHERE id = 11"));

                StringWriter out = new StringWriter();
                long m = cm.copyOut("COPY (SELECT id, name, score FROM copy_t WHERE id IN (1, 10) ORDER BY id) "
                                    + "TO STDOUT (FORMAT csv, HEADER)", out);
                check("copyOut: rows reported", 2L, m);
                check("copyOut: CSV text", "id,name,score\n1,\"name, 1\",0.25\n10,,2.5\n", out.toString());

                try {
                    cm.copyIn("COPY copy_t FROM STDIN (FORMAT csv)", new StringReader("5001,a,1\n5002,b,x\n"));
                    fail("copyIn of a bad row", "no error");
                } catch (SQLException e) {
                    check("copyIn of a bad row (SQLSTATE)", "22P02", e.getSQLState());
                    check("copyIn of a bad row: CONTEXT names the line and column",
                          true, e.getMessage().contains("COPY copy_t, line 2, column score: \"x\""));
                }
                check("... and leaves nothing behind", 2500L, count(c, "copy_t"));
            } catch (IOException e) {
                fail("copy", "IOException: " + e.getMessage());
            }
        }
    }

    private void nulls() throws SQLException {
        try (Connection c = connect("prepareThreshold=1")) {
            createTable(c, "nulls", "id integer PRIMARY KEY, n integer, t text, d double precision, "
                        + "b bytea, ts timestamp");
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO nulls VALUES (?, ?, ?, ?, ?, ?)")) {
                ins.setInt(1, 1);
                ins.setNull(2, Types.INTEGER);
                ins.setObject(3, null);
                ins.setNull(4, Types.DOUBLE);
                ins.setNull(5, Types.BINARY);
                ins.setObject(6, null);
                check("nulls: INSERT with NULL parameters", 1, ins.executeUpdate());
            }
            try (PreparedStatement sel = c.prepareStatement("SELECT n, t, d, b, ts FROM nulls WHERE id = ?")) {
                for (int run = 1; run <= 2; run++) {
                    sel.setInt(1, 1);
                    try (ResultSet rs = sel.executeQuery()) {
                        rs.next();
                        List<Object> values = new ArrayList<>();
                        List<Boolean> wasNull = new ArrayList<>();
                        values.add(rs.getInt(1));
                        wasNull.add(rs.wasNull());
                        values.add(rs.getString(2));
                        wasNull.add(rs.wasNull());
                        values.add(rs.getDouble(3));
                        wasNull.add(rs.wasNull());
                        values.add(rs.getBytes(4));
                        wasNull.add(rs.wasNull());
                        values.add(rs.getTimestamp(5));
                        wasNull.add(rs.wasNull());
                        check("nulls: values, execution " + run, Arrays.asList(0, null, 0.0, null, null), values);
                        check("nulls: wasNull, execution " + run, Collections.nCopies(5, true), wasNull);
                    }
                }
            }
            try (PreparedStatement sel = c.prepareStatement("SELECT count(*) FROM nulls WHERE t IS NULL AND ? IS NULL")) {
                sel.setNull(1, Types.VARCHAR);
                try (ResultSet rs = sel.executeQuery()) {
                    rs.next();
                    check("nulls: a NULL parameter in WHERE", 1L, rs.getLong(1));
                }
            }
        }
    }
}
