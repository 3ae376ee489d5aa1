package io.xsync.test;

import io.xsync.api.XsyncException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** Where a test's store lives: a private in-memory H2 database, or a private PostgreSQL schema. */
final class TestStore {
    private final String url;
    private final Runnable drop;

    private TestStore(String url, Runnable drop) {
        this.url = url;
        this.drop = drop;
    }

    /** An in-memory H2 database of its own, gone when its last connection closes. */
    static TestStore h2() {
        return new TestStore("jdbc:h2:mem:xsync-test-" + id(), () -> { });
    }

    /** A fresh schema in the PostgreSQL database at {@code baseUrl}, dropped by {@link #drop()}. */
    static TestStore postgres(String baseUrl) {
        String schema = "xsync_test_" + id();
        execute(baseUrl, "CREATE SCHEMA " + schema);
        String url = baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new TestStore(url, () -> execute(baseUrl, "DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
    }

    String url() {
        return url;
    }

    void drop() {
        drop.run();
    }

    private static String id() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    private static void execute(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new XsyncException("test store at " + url + ": " + sql + ": " + e.getMessage(), e);
        }
    }
}
