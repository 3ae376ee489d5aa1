package io.xsync.kafka;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Databases for the event ITs: a private in-memory H2, or a private schema on the test PostgreSQL. */
public final class TestDb {
    private TestDb() {
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
    public static void exec(TxStore store, String sql) throws SQLException {
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** One long from a query. */
    public static long queryLong(TxStore store, String sql) throws SQLException {
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The first column of every row, as text. */
    public static List<String> queryStrings(TxStore store, String sql) throws SQLException {
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
