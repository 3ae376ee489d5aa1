package io.xsync.runtime.time;

import java.time.Duration;
import java.time.Instant;

/** The real clock: the system's wall clock and {@code System.nanoTime()}. Stateless. */
public final class SystemTime implements Time {
    /** The one instance. */
    public static final SystemTime INSTANCE = new SystemTime();

    private SystemTime() {
    }

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public void waitOn(Object monitor, Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        if (nanos <= 0) {
            return;
        }
        long ms = nanos / 1_000_000;
        monitor.wait(ms, ms == 0 ? (int) nanos : 0);
    }

    @Override
    public String toString() {
        return "SystemTime";
    }
}
