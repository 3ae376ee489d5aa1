package io.xsync.runtime.time;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A clock that moves only when told to, for tests: {@link #advance(Duration)} moves both the
 * wall clock and the monotonic counter and wakes every thread waiting on this clock;
 * {@link #set(Instant)} moves only the wall clock (also backwards, as a system clock adjustment
 * does). Threads waiting on it also wake at least every {@value #SLICE_MS} ms of real time
 * (a spurious wake-up their wait loops absorb), so that they notice a stop without an advance.
 *
 * <p>Thread-safe.
 */
public final class ManualTime implements Time {
    /** Longest real time a waiting thread sleeps before it looks again. */
    static final long SLICE_MS = 50;

    private final Set<Object> waiting = ConcurrentHashMap.newKeySet();
    private final AtomicInteger waiters = new AtomicInteger();
    private Instant wall;
    private long nanos;

    /** A clock at {@code start}. */
    public ManualTime(Instant start) {
        this.wall = start;
    }

    /** A clock at 2026-01-01T00:00:00Z. */
    public ManualTime() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Override
    public synchronized Instant now() {
        return wall;
    }

    @Override
    public synchronized long nanoTime() {
        return nanos;
    }

    /** Moves the clock on by {@code duration} (not negative) and wakes the threads waiting on it. */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("cannot advance by a negative duration: " + duration);
        }
        synchronized (this) {
            wall = wall.plus(duration);
            nanos += duration.toNanos();
        }
        wakeWaiters();
    }

    /** Sets the wall clock to {@code instant} (the monotonic counter stays) and wakes the waiting threads. */
    public void set(Instant instant) {
        synchronized (this) {
            wall = instant;
        }
        wakeWaiters();
    }

    /**
     * How many threads wait on this clock now ({@link #waitOn}, {@link #sleep}): a test advances
     * the clock once the thread it means waits, so that the wait is measured from before the
     * advance. A waiting thread leaves for an instant every {@value #SLICE_MS} ms of real time.
     */
    public int waiters() {
        return waiters.get();
    }

    @Override
    public void waitOn(Object monitor, Duration timeout) throws InterruptedException {
        if (timeout.isNegative() || timeout.isZero()) {
            return;
        }
        waiting.add(monitor);
        waiters.incrementAndGet();
        try {
            monitor.wait(SLICE_MS);
        } finally {
            waiters.decrementAndGet();
            waiting.remove(monitor);
        }
    }

    private void wakeWaiters() {
        for (Object monitor : waiting.toArray()) {
            synchronized (monitor) {
                monitor.notifyAll();
            }
        }
    }

    @Override
    public String toString() {
        return "ManualTime[" + now() + "]";
    }
}
