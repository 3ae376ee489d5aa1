package io.xsync.runtime.store;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The store's "now": wall-clock time at microsecond precision (what both databases keep), strictly
 * increasing within the process, so that two timestamps taken one after the other never tie and
 * comparisons such as {@code enacted < updated} are decided.
 */
public final class MonotonicClock {
    private static final MonotonicClock INSTANCE = new MonotonicClock(Clock.systemUTC());

    private final Clock clock;
    private final AtomicLong lastMicros = new AtomicLong();

    MonotonicClock(Clock clock) {
        this.clock = clock;
    }

    /** The process-wide clock. */
    public static MonotonicClock get() {
        return INSTANCE;
    }

    /** A timestamp later than every one this clock returned before. */
    public Instant now() {
        Instant wall = clock.instant();
        long micros = Math.addExact(Math.multiplyExact(wall.getEpochSecond(), 1_000_000L), wall.getNano() / 1_000);
        long next = lastMicros.accumulateAndGet(micros, (last, candidate) -> Math.max(last + 1, candidate));
        return Instant.ofEpochSecond(Math.floorDiv(next, 1_000_000L), Math.floorMod(next, 1_000_000L) * 1_000L);
    }
}
