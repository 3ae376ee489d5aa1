package io.xsync.kafka;

import io.xsync.runtime.time.Time;
import java.time.Duration;

/** Remembers when a condition was last logged (on a {@link Time}), so an ongoing problem is logged once per interval. */
final class IntervalLog {
    private final long intervalNanos;
    private final Time time;
    private long lastNanos;
    private boolean logged;

    IntervalLog(Duration interval, Time time) {
        this.intervalNanos = interval.toNanos();
        this.time = time;
    }

    /** Whether to log now; true on the first call and then once per interval. */
    synchronized boolean due() {
        long now = time.nanoTime();
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
