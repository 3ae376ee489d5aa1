package io.xsync.runtime.internal;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The calls of one step (sync step or policy) since start, for its row in the status summary:
 * how many, how many succeeded and failed, when the last one started and the last error.
 * Thread-safe; each update is independent, so a row read during a call may be one call apart.
 */
public final class StepTally {
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile Instant lastCall;
    private volatile String lastError;

    /** A call starts (or, for the sync engine, has been timed) at {@code at}. */
    public void called(Instant at) {
        calls.incrementAndGet();
        lastCall = at;
    }

    public void succeeded() {
        succeeded.incrementAndGet();
    }

    /** A call failed with {@code message}. */
    public void failed(String message) {
        failures.incrementAndGet();
        lastError = message;
    }

    public long calls() {
        return calls.get();
    }

    public long successes() {
        return succeeded.get();
    }

    public long failures() {
        return failures.get();
    }

    /** When the last call started, or null before the first. */
    public Instant lastCall() {
        return lastCall;
    }

    /** The message of the last failure, or null when none failed. */
    public String lastError() {
        return lastError;
    }
}
