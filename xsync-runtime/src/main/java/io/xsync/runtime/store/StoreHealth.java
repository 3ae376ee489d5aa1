package io.xsync.runtime.store;

import io.xsync.runtime.Readiness;
import io.xsync.runtime.time.SystemTime;
import io.xsync.runtime.time.Time;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the store's database answers, known at once from the last check: a background thread
 * ({@code xsync-store-health}) runs a trivial query every {@link #INTERVAL}. A check that has not
 * answered after {@link #NO_ANSWER} counts as unreachable, so a readiness probe never waits for
 * the database (during an outage a connection can wait for the pool's whole connection
 * timeout). Logs one line when the store becomes unreachable and one when it is back. Readiness
 * check {@code store}. It times a real database, so on real time ({@link SystemTime}), not the
 * injected clock: a manual clock would never let a hanging check count as unreachable.
 */
public final class StoreHealth implements Readiness, AutoCloseable {
    static final Duration INTERVAL = Duration.ofSeconds(1);
    static final Duration NO_ANSWER = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(StoreHealth.class);
    private static final Time REAL = SystemTime.INSTANCE;

    private final DataSource pool;
    private final String dialect;
    private Thread thread;
    private volatile boolean running;
    private volatile boolean lastOk;
    private volatile String lastDetail = "store not checked yet";
    /** {@code REAL.nanoTime()} when the check in flight began; -1 when none is. */
    private volatile long checkStarted = -1;
    private long downSince = -1;

    StoreHealth(DataSource pool, String dialect) {
        this.pool = pool;
        this.dialect = dialect;
    }

    /** Starts the background checks (the first runs at once). */
    synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "xsync-store-health");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public String name() {
        return "store";
    }

    @Override
    public boolean ready() {
        return lastOk && !hanging();
    }

    @Override
    public String detail() {
        long started = checkStarted;
        if (started >= 0 && hanging()) {
            return "store unreachable: " + dialect + " has not answered for "
                    + TimeUnit.NANOSECONDS.toSeconds(REAL.nanoTime() - started) + " s";
        }
        return lastDetail;
    }

    private boolean hanging() {
        long started = checkStarted;
        return started >= 0 && REAL.nanoTime() - started > NO_ANSWER.toNanos();
    }

    private void loop() {
        while (running) {
            checkOnce();
            try {
                Thread.sleep(INTERVAL.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void checkOnce() {
        checkStarted = REAL.nanoTime();
        String error = query();
        checkStarted = -1;
        if (error == null) {
            lastDetail = dialect + " reachable";
            lastOk = true;
            if (downSince >= 0) {
                LOG.info("store reachable again after {} s", TimeUnit.NANOSECONDS.toSeconds(REAL.nanoTime() - downSince));
                downSince = -1;
            }
        } else {
            lastDetail = "store unreachable: " + error;
            lastOk = false;
            if (downSince < 0 && running) {
                downSince = REAL.nanoTime();
                LOG.warn("store unreachable ({}): {}; readiness is false until it answers", dialect, error);
            }
        }
    }

    /** Runs the trivial query; null when it answered, else the reason in one line. */
    private String query() {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            if (!"h2".equals(dialect)) {
                // a network database may never answer; H2 applies a query timeout to the whole
                // session, so the pooled connection would keep it for every later statement
                s.setQueryTimeout((int) Math.max(1, NO_ANSWER.toSeconds()));
            }
            try (ResultSet rs = s.executeQuery("SELECT 1")) {
                rs.next();
            }
            return null;
        } catch (SQLException | RuntimeException e) {
            return dialect + ": " + e.getMessage();
        }
    }

    /** Stops the checks. */
    @Override
    public synchronized void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread = null;
        }
    }
}
