package io.xsync.runtime.time;

import java.time.Duration;
import java.time.Instant;

/**
 * The synchronizer's clock: wall-clock time for timestamps, retry times and leases, a monotonic
 * counter for elapsed times, and waiting on it. Every engine and the store get one from the
 * bootstrap instead of reading the system clock, so that tests can run backoff, leases and
 * outages on a {@link ManualTime} they advance. {@link SystemTime} is the real one.
 *
 * <p>Waits that bound how long the synchronizer waits for threads or external systems (a
 * shutdown timeout, a broker read) are not on this clock: they use {@link Deadline}, real time,
 * so that a manual clock never keeps them from running out.
 *
 * <p>Implementations are thread-safe.
 */
public interface Time {

    /** The current wall-clock time. */
    Instant now();

    /** A monotonic counter in nanoseconds, for elapsed times only (as {@code System.nanoTime()}). */
    long nanoTime();

    /**
     * Waits on {@code monitor}, whose lock the caller holds, until it is notified, this clock
     * has moved on by {@code timeout}, or a spurious wake-up. Callers wait in a loop that checks
     * their condition and the time, as with {@link Object#wait(long)}.
     *
     * @throws InterruptedException when the thread is interrupted
     */
    void waitOn(Object monitor, Duration timeout) throws InterruptedException;

    /**
     * Sleeps until this clock has moved on by {@code duration}.
     *
     * @throws InterruptedException when the thread is interrupted
     */
    default void sleep(Duration duration) throws InterruptedException {
        long deadline = nanoTime() + duration.toNanos();
        Object monitor = new Object();
        synchronized (monitor) {
            for (long left = duration.toNanos(); left > 0; left = deadline - nanoTime()) {
                waitOn(monitor, Duration.ofNanos(left));
            }
        }
    }
}
