package io.xsync.runtime.time;

import java.time.Duration;

/**
 * A bound on how long to wait for threads or external systems (a shutdown timeout, a broker
 * that does not answer), in real elapsed time. Deliberately not on the injected {@link Time}:
 * a manual clock in a test must not keep such a wait from running out. Immutable.
 */
public final class Deadline {
    private final long end;

    private Deadline(long end) {
        this.end = end;
    }

    /** The deadline {@code timeout} from now. */
    public static Deadline after(Duration timeout) {
        return new Deadline(SystemTime.INSTANCE.nanoTime() + timeout.toNanos());
    }

    /** Real time left, never negative. */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, end - SystemTime.INSTANCE.nanoTime()));
    }

    /** Whether the deadline has passed. */
    public boolean expired() {
        return end - SystemTime.INSTANCE.nanoTime() <= 0;
    }
}
