package io.xsync.runtime.store;

import io.xsync.runtime.schema.Schema;
import io.xsync.runtime.time.SystemTime;
import io.xsync.runtime.time.Time;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Stores for tests: H2 in a temporary directory, or PostgreSQL in a fresh schema of its own
 * (created per call, dropped on close), so that tests running concurrently against one database
 * never see each other. The PostgreSQL URL comes from the system property {@value #PG_URL_PROPERTY}.
 *
 * <pre>{@code
 * try (JdbcStore store = TestStores.open("postgresql", TestSchemas.chain())) { ... }
 * }</pre>
 */
public final class TestStores {
    public static final String PG_URL_PROPERTY = "xsync.test.pg.url";
    public static final String DEFAULT_PG_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    private static final AtomicInteger POOLS = new AtomicInteger();

    private TestStores() {
    }

    /** The dialects every store test runs on. */
    public static List<String> dialects() {
        return List.of("h2", "postgresql");
    }

    /** A store of {@code dialect} ({@code h2} or {@code postgresql}) whose close removes its database. */
    public static JdbcStore open(String dialect, Schema schema) {
        return open(dialect, schema, SystemTime.INSTANCE);
    }

    /** As {@link #open(String, Schema)}, stamping writes with {@code time}. */
    public static JdbcStore open(String dialect, Schema schema, Time time) {
        Database db = database(dialect);
        JdbcStore store = JdbcStore.open(db.settings(), schema, time);
        store.onClose(db::close);
        return store;
    }

    public static JdbcStore h2(Schema schema) {
        return open("h2", schema);
    }

    public static JdbcStore postgres(Schema schema) {
        return open("postgresql", schema);
    }

    /** The PostgreSQL URL tests use. */
    public static String pgUrl() {
        return System.getProperty(PG_URL_PROPERTY, DEFAULT_PG_URL);
    }

    /** A fresh, empty database location that can be opened several times (to test reopening). */
    public static Database database(String dialect) {
        switch (dialect) {
            case "h2": return h2Database();
            case "postgresql": return pgDatabase();
            default: throw new IllegalArgumentException("unknown dialect " + dialect);
        }
    }

    private static Database h2Database() {
        try {
            Path dir = Files.createTempDirectory("xsync-store-test");
            String url = "jdbc:h2:file:" + dir.resolve("xsync");
            return new Database(url, () -> deleteTree(dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Database pgDatabase() {
        String base = pgUrl();
        String schema = "xs_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute(base, "CREATE SCHEMA " + schema);
        String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new Database(url, () -> execute(base, "DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
    }

    private static void execute(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test database at " + url + ": " + sql + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One isolated database (H2 directory or PostgreSQL schema); {@link #close()} removes it. */
    public static final class Database implements AutoCloseable {
        private final String url;
        private final Runnable drop;
        private boolean dropped;

        Database(String url, Runnable drop) {
            this.url = url;
            this.drop = drop;
        }

        /** Settings reaching this database, with a small pool of a unique name. */
        public StoreSettings settings() {
            return StoreSettings.of(url).withPoolSize(4).withPoolName("xsync-test-" + POOLS.incrementAndGet());
        }

        public String url() {
            return url;
        }

        /** Opens a store on this database (close it before closing the database). */
        public JdbcStore open(Schema schema) {
            return JdbcStore.open(settings(), schema);
        }

        @Override
        public synchronized void close() {
            if (!dropped) {
                dropped = true;
                drop.run();
            }
        }
    }
}
