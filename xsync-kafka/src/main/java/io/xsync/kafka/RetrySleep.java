package io.xsync.kafka;

import io.xsync.runtime.time.Time;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Sleeping between retries on the engine's clock in small slices, so that a stop is noticed quickly. */
final class RetrySleep {
    private static final Duration SLICE = Duration.ofMillis(50);

    private RetrySleep() {
    }

    /**
     * Sleeps for {@code delay} on {@code time} unless {@code active} turns false first.
     *
     * @throws Stopped when {@code active} turned false or the thread was interrupted
     */
    static void sleep(Time time, Duration delay, BooleanSupplier active) {
        long deadline = time.nanoTime() + delay.toNanos();
        Object monitor = new Object();
        try {
            synchronized (monitor) {
                while (true) {
                    if (!active.getAsBoolean()) {
                        throw new Stopped();
                    }
                    long left = deadline - time.nanoTime();
                    if (left <= 0) {
                        return;
                    }
                    time.waitOn(monitor, left < SLICE.toNanos() ? Duration.ofNanos(left) : SLICE);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped();
        }
    }
}
