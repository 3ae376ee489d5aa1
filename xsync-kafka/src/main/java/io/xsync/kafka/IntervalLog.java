package io.xsync.kafka;

import java.time.Duration;

/** Remembers when a condition was last logged, so an ongoing problem is logged once per interval. */
final class IntervalLog {
    private final long intervalNanos;
    private long lastNanos;
    private boolean logged;

    IntervalLog(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    /** Whether to log now; true on the first call and then once per interval. */
    synchronized boolean due() {
        long now = System.nanoTime();
        if (!logged || now - lastNanos >= intervalNanos) {
            logged = true;
            lastNanos = now;
            return true;
        }
        return false;
    }

    /** The problem is over: the next {@link #due()} is true at once. Returns whether it was logged. */
    synchronized boolean reset() {
        boolean was = logged;
        logged = false;
        return was;
    }
}
