package io.xsync.runtime.store;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * scan. Thread-safe.
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
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile Taken<T> last;

    /**
     * @param name       what is scanned, for the background thread's name and log lines
     * @param scan       the scan; may throw (the store is down): a read then fails only if no
     *                   earlier result exists or the scan is cheap enough to run in the read
     */
    public RecentScan(String name, Supplier<T> scan) {
        this(name, scan, CHEAP);
    }

    /** As {@link #RecentScan(String, Supplier)} with another bound for cheap scans (for tests). */
    RecentScan(String name, Supplier<T> scan, Duration cheap) {
        this.name = name;
        this.scan = scan;
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
        if (t == null || t.scanNanos() < cheapNanos) {
            return scanNow().reading();
        }
        long age = System.nanoTime() - t.startedNanos();
        if (age > FRESH_FOR_SCANS * t.scanNanos() && refreshing.compareAndSet(false, true)) {
            CompletableFuture.runAsync(this::refreshQuietly, background);
        }
        return t.reading();
    }

    private Taken<T> scanNow() {
        Instant at = Instant.now();
        long start = System.nanoTime();
        T value = scan.get();
        Taken<T> t = new Taken<>(new Reading<>(value, at), System.nanoTime() - start, start);
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
