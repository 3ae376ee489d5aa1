package io.xsync.kafka;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.xsync.api.ModelObject;
import io.xsync.api.Models;
import io.xsync.runtime.schema.Schema;
import io.xsync.runtime.store.Actor;
import io.xsync.runtime.store.Store;
import java.sql.Connection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The transactional part of {@link Store} over a real database (H2 or PostgreSQL), enough for
 * the event engine: thread-bound transactions and the current connection. Test steps write
 * their rows through {@link #currentConnection()}, so they join the event's transaction exactly
 * as model writes do.
 */
public final class TxStore implements Store {
    private final HikariDataSource dataSource;
    private final ThreadLocal<Connection> current = new ThreadLocal<>();

    public TxStore(String jdbcUrl, int poolSize) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(jdbcUrl);
        c.setMaximumPoolSize(poolSize);
        c.setAutoCommit(true);
        c.setPoolName("xsync-test-store");
        this.dataSource = new HikariDataSource(c);
    }

    @Override
    public Schema schema() {
        throw new UnsupportedOperationException("no schema in the test store");
    }

    @Override
    public String dialect() {
        return dataSource.getJdbcUrl().startsWith("jdbc:postgresql") ? "postgresql" : "h2";
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public Models models(Actor actor) {
        throw new UnsupportedOperationException("no models in the test store");
    }

    @Override
    public <T> T inTransaction(Callable<T> work) throws Exception {
        if (current.get() != null) {
            return work.call();
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            current.set(c);
            try {
                T result = work.call();
                c.commit();
                return result;
            } catch (Exception | Error e) {
                try {
                    c.rollback();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            } finally {
                current.remove();
                c.setAutoCommit(true);
            }
        }
    }

    @Override
    public Connection currentConnection() {
        return current.get();
    }

    @Override
    public List<ModelObject> dirtyForSync(String model) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<ModelObject> deletedForSync(String model) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<ModelObject> dirtyForPolicy(String model) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int reap(String model) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void addChangeListener(Consumer<Set<String>> listener) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
