package io.xsync.kafka;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Sleeping between retries in small slices, so that a stop is noticed quickly. Stateless. */
final class RetrySleep {
    private static final long SLICE_MS = 50;

    private RetrySleep() {
    }

    /**
     * Sleeps for {@code delay} unless {@code active} turns false first.
     *
     * @throws Stopped when {@code active} turned false or the thread was interrupted
     */
    static void sleep(Duration delay, BooleanSupplier active) {
        long deadline = System.nanoTime() + delay.toNanos();
        try {
            while (true) {
                if (!active.getAsBoolean()) {
                    throw new Stopped();
                }
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return;
                }
                Thread.sleep(Math.min(left, SLICE_MS));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped();
        }
    }
}
