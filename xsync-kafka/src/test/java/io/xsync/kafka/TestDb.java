package io.xsync.kafka;

import io.xsync.runtime.schema.Schema;
import io.xsync.runtime.schema.XprotoLoader;
import io.xsync.runtime.store.JdbcStore;
import io.xsync.runtime.store.StoreSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Databases for the event ITs: a private in-memory H2, or a private schema on the test PostgreSQL. */
public final class TestDb {
    /** The models of the event tests. */
    public static final String MODELS = "message MyModel {\n"
            + "  required string first_name = 1 [max_length = 100, db_index = True];\n"
            + "  required string last_name = 2 [max_length = 100];\n"
            + "}\n";
    private static final AtomicInteger POOLS = new AtomicInteger();

    private TestDb() {
    }

    /** Opens the store (the real {@link JdbcStore}) on a database URL, with {@link #MODELS}. */
    public static JdbcStore open(String url, int poolSize) {
        Schema schema = XprotoLoader.loadText("events.xproto", MODELS);
        return JdbcStore.open(StoreSettings.of(url).withPoolSize(poolSize)
                .withPoolName("xsync-kafka-test-" + POOLS.incrementAndGet()), schema);
    }

    /** A JDBC URL of a fresh in-memory H2 database. */
    public static String h2() {
        return "jdbc:h2:mem:events-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    /** The PostgreSQL URL of the test database (system property {@code xsync.test.pg.url}). */
    public static String pgBase() {
        return System.getProperty("xsync.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    }

    /** Creates a fresh schema on the test PostgreSQL and returns a URL that uses it. */
    public static String postgresSchema(String prefix) throws SQLException {
        String schema = prefix + "_" + UUID.randomUUID().toString().substring(0, 8).replace('-', '_');
        try (Connection c = DriverManager.getConnection(pgBase()); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        return pgBase() + "&currentSchema=" + schema;
    }

    /** Drops a schema made by {@link #postgresSchema(String)}. */
    public static void dropSchema(String url) throws SQLException {
        String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
        try (Connection c = DriverManager.getConnection(pgBase()); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    /** Runs DDL or DML. */
    public static void exec(JdbcStore store, String sql) throws SQLException {
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** One long from a query. */
    public static long queryLong(JdbcStore store, String sql) throws SQLException {
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The first column of every row, as text. */
    public static List<String> queryStrings(JdbcStore store, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
