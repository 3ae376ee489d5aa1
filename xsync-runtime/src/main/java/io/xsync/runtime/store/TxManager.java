package io.xsync.runtime.store;

import io.xsync.runtime.internal.Causes;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds connections to threads. Inside {@link #inTransaction(Callable)} every operation of the
 * thread uses the transaction's connection; outside, each operation gets a pooled connection in
 * autocommit mode for its duration. Models changed by an operation are announced through the
 * {@link ChangeNotifier} once they are committed.
 */
final class TxManager {
    private static final Logger LOG = LoggerFactory.getLogger(TxManager.class);
    /** Runs of a store-internal transaction the database rolled back as a deadlock victim. */
    static final int ATTEMPTS = 5;
    private static final int H2_CONCURRENT_UPDATE = 90131;

    /** The connection bound to a thread and the models its writes changed. */
    private static final class Bound {
        final Connection connection;
        final boolean transactional;
        final Set<String> changed = new LinkedHashSet<>();
        /** The open {@link #withSavepoint} calls, outermost first. */
        final List<SavepointFrame> savepoints = new ArrayList<>(2);
        /** Whether a frame of {@link #savepoints} may still be without its database savepoint. */
        boolean savepointsPending;

        Bound(Connection connection, boolean transactional) {
            this.connection = connection;
            this.transactional = transactional;
        }

        /**
         * Sets the database savepoints asked for since the last statement, before the next one
         * runs on the connection: a savepoint costs a statement (a round trip on PostgreSQL), and
         * work that runs no statement (an event step that ignores its event) needs none.
         */
        Connection connectionForStatements() throws SQLException {
            if (savepointsPending) {
                for (SavepointFrame f : savepoints) {
                    if (f.savepoint == null) {
                        f.savepoint = connection.setSavepoint();
                    }
                }
                savepointsPending = false;
            }
            return connection;
        }
    }

    /** One {@link #withSavepoint} call: its database savepoint, null until a statement ran after it. */
    private static final class SavepointFrame {
        Savepoint savepoint;
    }

    private final DataSource dataSource;
    private final ChangeNotifier notifier;
    private final ThreadLocal<Bound> current = new ThreadLocal<>();

    TxManager(DataSource dataSource, ChangeNotifier notifier) {
        this.dataSource = dataSource;
        this.notifier = notifier;
    }

    /** Runs {@code work} in the thread's transaction, starting one if there is none. */
    <T> T inTransaction(Callable<T> work) throws Exception {
        return inTransaction(work, -1);
    }

    /**
     * Runs {@code work} in a new transaction at JDBC isolation {@code isolation} (-1: the pool's
     * default); inside an existing transaction, {@code work} joins it at its level.
     */
    <T> T inTransaction(Callable<T> work, int isolation) throws Exception {
        Bound outer = current.get();
        if (outer != null && outer.transactional) {
            return work.call();
        }
        if (outer != null) {
            throw new IllegalStateException("a transaction cannot start inside a single-statement operation");
        }
        Connection c = open();
        Bound tx = new Bound(c, true);
        current.set(tx);
        boolean committed = false;
        int previousIsolation = isolation < 0 ? -1 : c.getTransactionIsolation();
        try {
            if (isolation >= 0) {
                c.setTransactionIsolation(isolation);
            }
            c.setAutoCommit(false);
            T result = work.call();
            notifier.beforeCommit(c, tx.changed);
            c.commit();
            committed = true;
            return result;
        } catch (Throwable e) {
            rollback(c, e);
            throw e;
        } finally {
            current.remove();
            restoreIsolation(c, previousIsolation);
            release(c);
            if (committed) {
                notifier.afterCommit(tx.changed);
            }
        }
    }

    /** {@link #inTransaction(Callable)} for store-internal work; database errors become {@link StoreException}. */
    <T> T atomically(String what, SqlWork<T> work) {
        try {
            return inTransaction(() -> run(what, work));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new StoreException(what + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * {@link #atomically} for work that only touches the database (no effect outside the
     * transaction, in memory included): when it is a transaction of its own (not joined to the
     * thread's) and the database rolled it back as a deadlock victim or a serialization failure,
     * it runs again, up to {@value #ATTEMPTS} times in all.
     */
    <T> T atomicallyRerun(String what, SqlWork<T> work) {
        boolean own = current.get() == null;
        for (int attempt = 1; ; attempt++) {
            try {
                return atomically(what, work);
            } catch (RuntimeException e) {
                if (!own || attempt >= ATTEMPTS || !isTransientConflict(e)) {
                    throw e;
                }
                LOG.debug("{}: the database rolled the transaction back ({}); attempt {} of {}", what,
                        e.getMessage(), attempt + 1, ATTEMPTS);
                pauseBeforeRetry(attempt);
            }
        }
    }

    /**
     * Whether {@code e} comes from the database rolling a transaction back because of a deadlock
     * or a serialization failure (SQLSTATE class 40, which PostgreSQL and H2 both use; H2 also
     * reports some concurrent updates as 90131): the transaction did nothing and may be run again.
     */
    static boolean isTransientConflict(Throwable e) {
        return Causes.anyInChain(e, t -> t instanceof SQLException s && (s.getSQLState() != null
                && s.getSQLState().startsWith("40")
                || s.getErrorCode() == H2_CONCURRENT_UPDATE && "90131".equals(s.getSQLState())));
    }

    /** A short, randomised pause, so that the transactions that met do not meet again at once. */
    private static void pauseBeforeRetry(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(1, 10 * attempt + 2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while retrying a transaction", e);
        }
    }

    /**
     * Runs one operation on the thread's connection (its transaction's, or a pooled autocommit one
     * held for the duration of the operation, nested operations included).
     */
    <T> T run(String what, SqlWork<T> work) {
        Bound bound = current.get();
        if (bound != null) {
            try {
                return call(what, work, bound.connectionForStatements());
            } catch (SQLException e) {
                throw new StoreException(what + " failed: " + e.getMessage(), e);
            }
        }
        Connection c = open();
        Bound auto = new Bound(c, false);
        current.set(auto);
        try {
            T result = call(what, work, c);
            if (!auto.changed.isEmpty()) {
                notifier.beforeCommit(c, auto.changed);
            }
            return result;
        } catch (SQLException e) {
            throw new StoreException(what + " failed: " + e.getMessage(), e);
        } finally {
            current.remove();
            release(c);
            if (!auto.changed.isEmpty()) {
                notifier.afterCommit(auto.changed);
            }
        }
    }

    /** Records that the running operation changed rows of {@code model}. */
    void changed(String model) {
        Bound bound = current.get();
        if (bound != null) {
            bound.changed.add(model);
        }
    }

    /**
     * Runs {@code work} in the thread's transaction after a savepoint, rolling back to it when
     * {@code work} throws. The database savepoint is set lazily, just before the first statement
     * {@code work} runs on the transaction's connection (through the store, or a connection taken
     * from {@link #currentConnection()}); when {@code work} runs none, there is nothing to roll
     * back and no savepoint is set at all.
     */
    <T> T withSavepoint(Callable<T> work) throws Exception {
        Bound bound = current.get();
        if (bound == null || !bound.transactional) {
            throw new StoreException("a savepoint needs a transaction");
        }
        SavepointFrame frame = new SavepointFrame();
        bound.savepoints.add(frame);
        bound.savepointsPending = true;
        try {
            return work.call();
        } catch (Exception e) {
            if (frame.savepoint != null) {
                bound.connection.rollback(frame.savepoint);
            }
            throw e;
        } finally {
            bound.savepoints.remove(bound.savepoints.size() - 1);
        }
    }

    /** Whether the thread is in a transaction (no savepoint is set, unlike {@link #currentConnection()}). */
    boolean inTransaction() {
        Bound bound = current.get();
        return bound != null && bound.transactional;
    }

    /**
     * The transaction's connection, or null outside a transaction. The caller may run statements
     * on it: pending savepoints are set first.
     */
    Connection currentConnection() {
        Bound bound = current.get();
        if (bound == null || !bound.transactional) {
            return null;
        }
        try {
            return bound.connectionForStatements();
        } catch (SQLException e) {
            throw new StoreException("setting a savepoint failed: " + e.getMessage(), e);
        }
    }

    private static <T> T call(String what, SqlWork<T> work, Connection c) {
        try {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException(what + " failed: " + e.getMessage(), e);
        }
    }

    private Connection open() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new StoreException("cannot get a database connection: " + e.getMessage(), e);
        }
    }

    private static void rollback(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void restoreIsolation(Connection c, int isolation) {
        if (isolation < 0) {
            return;
        }
        try {
            c.setAutoCommit(true); // ends the transaction so that the level may change
            c.setTransactionIsolation(isolation);
        } catch (SQLException e) {
            LOG.debug("restoring the isolation level failed", e);
        }
    }

    private static void release(Connection c) {
        try {
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            LOG.debug("resetting autocommit failed", e);
        }
        try {
            c.close();
        } catch (SQLException e) {
            LOG.warn("closing a database connection failed: {}", e.getMessage());
        }
    }
}
