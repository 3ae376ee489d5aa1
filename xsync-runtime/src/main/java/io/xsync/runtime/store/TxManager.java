package io.xsync.runtime.store;

import io.xsync.runtime.internal.Causes;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.LinkedHashSet;
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
        /** False in an unannounced transaction: its changes are told to no listener. */
        boolean announced = true;
        /** Inserts held back to go as batches (a batch transaction); null: every write goes at once. */
        DeferredInserts deferred;

        Bound(Connection connection, boolean transactional) {
            this.connection = connection;
            this.transactional = transactional;
        }
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
        return inTransaction(work, isolation, null);
    }

    /**
     * {@link #inTransaction(Callable)} in which inserts may be held back and written by
     * {@code writer} as batches (see {@link DeferredInserts}); inside an existing transaction,
     * {@code work} joins it as it is.
     */
    <T> T inBatchTransaction(Callable<T> work, DeferredInserts.RowWriter writer) throws Exception {
        return inTransaction(work, -1, writer);
    }

    private <T> T inTransaction(Callable<T> work, int isolation, DeferredInserts.RowWriter deferTo)
            throws Exception {
        Bound outer = current.get();
        if (outer != null && outer.transactional) {
            return work.call();
        }
        if (outer != null) {
            throw new IllegalStateException("a transaction cannot start inside a single-statement operation");
        }
        Connection c = open();
        Bound tx = new Bound(c, true);
        tx.deferred = deferTo == null ? null : new DeferredInserts(deferTo);
        current.set(tx);
        boolean committed = false;
        int previousIsolation = isolation < 0 ? -1 : c.getTransactionIsolation();
        try {
            if (isolation >= 0) {
                c.setTransactionIsolation(isolation);
            }
            c.setAutoCommit(false);
            T result = work.call();
            flushDeferred(tx);
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
            flushDeferred(bound);
            return call(what, work, bound.connection);
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

    /**
     * {@link #run} for work that the thread's held-back inserts cannot affect (a sequence query, a
     * read whose caller adds the held rows that match): runs without flushing them.
     */
    <T> T runBesideDeferred(String what, SqlWork<T> work) {
        Bound bound = current.get();
        if (bound == null || bound.deferred == null) {
            return run(what, work);
        }
        return call(what, work, bound.connection);
    }

    /** The held-back inserts of the thread's batch transaction, or null when writes go at once. */
    DeferredInserts deferred() {
        Bound tx = transaction();
        return tx != null ? tx.deferred : null;
    }

    /** What is bound to the thread when it is a transaction, else null. */
    private Bound transaction() {
        Bound bound = current.get();
        return bound != null && bound.transactional ? bound : null;
    }

    private static void flushDeferred(Bound bound) {
        if (bound.deferred != null) {
            bound.deferred.flush(bound.connection);
        }
    }

    /**
     * {@link #inTransaction(Callable)} whose changes are announced to no listener, in this process
     * or others (no {@code pg_notify} before its commit); inside an existing transaction,
     * {@code work} joins it and its changes are announced with that transaction's.
     */
    <T> T inUnannouncedTransaction(Callable<T> work) throws Exception {
        if (transaction() != null) {
            return work.call();
        }
        return inTransaction(() -> {
            current.get().announced = false;
            return work.call();
        });
    }

    /** Records that the running operation changed rows of {@code model}. */
    void changed(String model) {
        Bound bound = current.get();
        if (bound != null && bound.announced) {
            bound.changed.add(model);
        }
    }

    /**
     * Runs {@code work} in the thread's transaction after a savepoint, rolling back to it when
     * {@code work} throws.
     */
    <T> T withSavepoint(Callable<T> work) throws Exception {
        Bound bound = transaction();
        if (bound == null) {
            throw new StoreException("a savepoint needs a transaction");
        }
        Connection c = bound.connection;
        DeferredInserts deferred = bound.deferred;
        if (deferred != null && deferred.openSavepoint()) {
            try {
                T result = work.call();
                deferred.closeSavepoint();
                return result;
            } catch (Exception e) {
                deferred.rollbackSavepoint(c);
                throw e;
            }
        }
        flushDeferred(bound);
        int held = deferred == null ? 0 : deferred.size();
        Savepoint before = c.setSavepoint();
        try {
            return work.call();
        } catch (Exception e) {
            c.rollback(before);
            if (deferred != null) {
                deferred.truncate(held);
            }
            throw e;
        }
    }

    /**
     * The transaction's connection, or null outside a transaction. Held-back inserts are written
     * first, since the caller may run any statement on it.
     */
    Connection currentConnection() {
        Bound bound = transaction();
        if (bound == null) {
            return null;
        }
        flushDeferred(bound);
        return bound.connection;
    }

    /** Whether the thread is in a transaction (its connection is left as it is). */
    boolean inTransaction() {
        return transaction() != null;
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
