package io.xsync.runtime.store;

import io.xsync.runtime.time.Time;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The store's "now": the injected {@link Time}'s wall clock at microsecond precision (what both
 * databases keep), strictly increasing per store, so that two timestamps taken one after the
 * other never tie and comparisons such as {@code enacted < updated} are decided. Thread-safe.
 */
final class MonotonicClock {
    private final Time time;
    private final AtomicLong lastMicros = new AtomicLong();

    MonotonicClock(Time time) {
        this.time = time;
    }

    /** The wall clock this one follows. */
    Time time() {
        return time;
    }

    /** A timestamp later than every one this clock returned before. */
    Instant now() {
        Instant wall = time.now();
        long micros = Math.addExact(Math.multiplyExact(wall.getEpochSecond(), 1_000_000L), wall.getNano() / 1_000);
        long next = lastMicros.accumulateAndGet(micros, (last, candidate) -> Math.max(last + 1, candidate));
        return Instant.ofEpochSecond(Math.floorDiv(next, 1_000_000L), Math.floorMod(next, 1_000_000L) * 1_000L);
    }
}
