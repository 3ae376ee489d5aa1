package io.xsync.runtime.store;

import io.xsync.runtime.time.Time;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The result of a scan whose cost grows with the tables (counts by state, the latest failures),
 * kept so that its readers (the status summary, gauges) answer in about constant time however
 * large the store grows, and keep answering from the last known result while the database is
 * unreachable.
 *
 * <p>A cheap scan (under {@link #CHEAP}) runs again on every read, so small stores always show
 * exact figures. A costlier scan's result is served as it is for ten times the scan's duration,
 * so that scanning takes at most about a tenth of the database's time; after that the stale
 * result is still served while one background thread scans again. Only a first read waits for a
 * scan. A read whose scan fails gets the last result when there is one. Durations and times are
 * on the injected {@link Time}. Thread-safe.
 *
 * @param <T> what the scan produces
 */
public final class RecentScan<T> {
    /** Scans faster than this run on every read. */
    public static final Duration CHEAP = Duration.ofMillis(50);
    private static final Logger LOG = LoggerFactory.getLogger(RecentScan.class);
    private static final int FRESH_FOR_SCANS = 10;

    /** A result and when its scan started. */
    public record Reading<T>(T value, Instant takenAt) {
    }

    private record Taken<T>(Reading<T> reading, long scanNanos, long startedNanos) {
    }

    private final String name;
    private final Supplier<T> scan;
    private final Executor background;
    private final long cheapNanos;
    private final BooleanSupplier reachable;
    private final Time time;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile Taken<T> last;

    /**
     * @param name       what is scanned, for the background thread's name and log lines
     * @param scan       the scan; may throw (the store is down): a read then fails only if no
     *                   earlier result exists or the scan is cheap enough to run in the read
     * @param time       the clock scans are timed on
     */
    public RecentScan(String name, Supplier<T> scan, Time time) {
        this(name, scan, () -> true, time);
    }

    /**
     * As {@link #RecentScan(String, Supplier, Time)}; while {@code reachable} says the database is
     * down, reads get the last result without trying to scan (when there is one).
     */
    public RecentScan(String name, Supplier<T> scan, BooleanSupplier reachable, Time time) {
        this(name, scan, reachable, CHEAP, time);
    }

    /** With another bound for cheap scans (for tests). */
    RecentScan(String name, Supplier<T> scan, BooleanSupplier reachable, Duration cheap, Time time) {
        this.name = name;
        this.time = time;
        this.scan = scan;
        this.reachable = reachable;
        this.cheapNanos = cheap.toNanos();
        this.background = r -> {
            Thread t = new Thread(r, "xsync-scan-" + name);
            t.setDaemon(true);
            t.start();
        };
    }

    /** The latest result, scanning now or in the background as described above. */
    public Reading<T> get() {
        Taken<T> t = last;
        if (t != null && !reachable.getAsBoolean()) {
            return t.reading();
        }
        if (t == null) {
            return scanNow().reading();
        }
        if (t.scanNanos() < cheapNanos) {
            try {
                return scanNow().reading();
            } catch (RuntimeException e) {
                LOG.debug("Scan of {} failed; serving the last result: {}", name, e.toString());
                return t.reading();
            }
        }
        long age = time.nanoTime() - t.startedNanos();
        if (age > FRESH_FOR_SCANS * t.scanNanos() && refreshing.compareAndSet(false, true)) {
            CompletableFuture.runAsync(this::refreshQuietly, background);
        }
        return t.reading();
    }

    private Taken<T> scanNow() {
        Instant at = time.now();
        long start = time.nanoTime();
        T value = scan.get();
        Taken<T> t = new Taken<>(new Reading<>(value, at), time.nanoTime() - start, start);
        last = t;
        return t;
    }

    private void refreshQuietly() {
        try {
            scanNow();
        } catch (RuntimeException e) {
            LOG.debug("Scan of {} failed; the last result stays: {}", name, e.toString());
        } finally {
            refreshing.set(false);
        }
    }
}
