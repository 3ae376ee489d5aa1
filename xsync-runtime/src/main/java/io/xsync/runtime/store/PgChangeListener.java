package io.xsync.runtime.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A daemon thread that LISTENs on the store's PostgreSQL channel with a connection of its own and
 * hands notifications of other processes to the {@link ChangeNotifier}. Reconnects after failures,
 * logging once per outage.
 */
final class PgChangeListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PgChangeListener.class);
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final int POLL_MILLIS = 500;
    private static final long MAX_BACKOFF_MILLIS = 30_000;

    private final StoreSettings settings;
    private final String channel;
    private final ChangeNotifier notifier;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Connection connection;

    PgChangeListener(StoreSettings settings, String channel, ChangeNotifier notifier) {
        this.settings = settings;
        this.channel = channel;
        this.notifier = notifier;
        this.thread = new Thread(this::loop, "xsync-store-listen-" + THREADS.incrementAndGet());
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void loop() {
        long backoff = 500;
        boolean outage = false;
        while (running) {
            try (Connection c = connect()) {
                connection = c;
                if (outage) {
                    LOG.info("listening for store changes on channel {} again", channel);
                    outage = false;
                    notifier.onMissedChanges(); // changes during the outage went unheard
                }
                backoff = 500;
                listen(c);
            } catch (SQLException e) {
                if (!running) {
                    break;
                }
                if (!outage) {
                    LOG.warn("store change listener lost its connection ({}); reconnecting", e.getMessage());
                    outage = true;
                }
                sleep(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            } finally {
                connection = null;
            }
        }
    }

    private Connection connect() throws SQLException {
        Properties p = new Properties();
        if (settings.user() != null) {
            p.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            p.setProperty("password", settings.password());
        }
        p.setProperty("ApplicationName", applicationName(channel));
        Connection c = DriverManager.getConnection(settings.url(), p);
        try (Statement st = c.createStatement()) {
            st.execute("LISTEN " + Dialect.quote(channel));
        }
        return c;
    }

    /** The application name the listener's session shows in {@code pg_stat_activity}. */
    static String applicationName(String channel) {
        String name = "xsync-listen " + channel;
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    private void listen(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        while (running) {
            PGNotification[] notes = pg.getNotifications(POLL_MILLIS);
            if (notes != null) {
                for (PGNotification n : notes) {
                    notifier.onRemote(n.getParameter());
                }
            }
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        Connection c = connection;
        if (c != null) {
            try {
                c.close(); // wakes the blocked poll
            } catch (SQLException e) {
                LOG.debug("closing the listener connection failed", e);
            }
        }
        thread.interrupt();
        try {
            thread.join(POLL_MILLIS * 4L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
