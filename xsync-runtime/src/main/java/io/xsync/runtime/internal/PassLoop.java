package io.xsync.runtime.internal;

import io.xsync.runtime.time.Time;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs passes on one named thread: at once when {@link #signal()}ed (signals arriving during a
 * pass are coalesced into one follow-up pass), at the latest after the safety interval, and at
 * the wake-up time a pass asks for (e.g. the earliest {@code next_run} of a backed-off object).
 * Times are on the injected {@link Time}.
 */
public final class PassLoop {
    private static final Logger LOG = LoggerFactory.getLogger(PassLoop.class);

    private final String threadName;
    private final Supplier<Instant> pass;
    private final Duration safetyInterval;
    private final Time time;
    private final Object lock = new Object();
    private boolean signalled = true; // the first pass runs at start
    private volatile boolean running;
    private Thread thread;

    /**
     * @param threadName     name of the loop thread
     * @param pass           runs one pass; returns when the next pass is wanted at the latest, or null
     * @param safetyInterval longest time between passes
     * @param time           the clock passes are timed on
     */
    public PassLoop(String threadName, Supplier<Instant> pass, Duration safetyInterval, Time time) {
        this.threadName = threadName;
        this.time = time;
        this.pass = pass;
        this.safetyInterval = safetyInterval;
    }

    public void start() {
        running = true;
        thread = new Thread(this::loop, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Asks for a pass as soon as the current one (if any) ends. */
    public void signal() {
        synchronized (lock) {
            signalled = true;
            lock.notifyAll();
        }
    }

    /** Stops after the current pass, waiting at most {@code timeout}; then interrupts it. */
    public void stop(Duration timeout) {
        running = false;
        signal();
        if (thread != null) {
            try {
                thread.join(Math.max(1, timeout.toMillis()));
                if (thread.isAlive()) {
                    thread.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void loop() {
        Instant deadline = time.now();
        while (running) {
            if (!awaitSignal(deadline)) {
                return;
            }
            if (!running) {
                return;
            }
            Instant next = null;
            try {
                next = pass.get();
            } catch (RuntimeException | Error e) {
                LOG.warn("{}: pass failed: {}", threadName, e.toString(), e);
            }
            Instant safety = time.now().plus(safetyInterval);
            deadline = next != null && next.isBefore(safety) ? next : safety;
        }
    }

    /** Waits for a signal or the deadline; false when interrupted. */
    private boolean awaitSignal(Instant deadline) {
        synchronized (lock) {
            while (!signalled && running) {
                Duration left = Duration.between(time.now(), deadline);
                if (left.isNegative() || left.isZero()) {
                    break;
                }
                try {
                    time.waitOn(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            signalled = false;
            return true;
        }
    }
}
