package io.xsync.kafka;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * Events per second over a sliding window of about a minute, from samples of a monotonic
 * counter: (newest count - oldest count) / (newest time - oldest time) over the samples kept.
 */
final class EventRate {
    static final long WINDOW_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final ArrayDeque<long[]> samples = new ArrayDeque<>();

    /** Adds a sample and drops those older than the window (keeping one at its edge). */
    synchronized void sample(long nanoTime, long count) {
        samples.addLast(new long[] {nanoTime, count});
        while (samples.size() > 2) {
            long[] second = secondOldest();
            if (nanoTime - second[0] < WINDOW_NANOS) {
                break;
            }
            samples.removeFirst();
        }
    }

    private long[] secondOldest() {
        var it = samples.iterator();
        it.next();
        return it.next();
    }

    /** The rate over the samples kept; 0 with fewer than two. */
    synchronized double perSecond() {
        if (samples.size() < 2) {
            return 0;
        }
        long[] first = samples.peekFirst();
        long[] last = samples.peekLast();
        long nanos = last[0] - first[0];
        return nanos <= 0 ? 0 : (last[1] - first[1]) * 1e9 / nanos;
    }
}
