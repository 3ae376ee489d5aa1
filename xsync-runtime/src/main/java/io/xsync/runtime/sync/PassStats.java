package io.xsync.runtime.sync;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** What one pass did, gathered from the cohort threads. */
public final class PassStats {
    final AtomicInteger synced = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final AtomicInteger deferred = new AtomicInteger();
    final AtomicInteger held = new AtomicInteger();
    final AtomicInteger skipped = new AtomicInteger();
    final AtomicInteger waiting = new AtomicInteger();
    final AtomicInteger unclaimed = new AtomicInteger();
    private final AtomicReference<Instant> wakeUp = new AtomicReference<>();

    /** Objects whose call succeeded. */
    public int synced() {
        return synced.get();
    }

    /** Calls that threw (errors and innocuous failures). */
    public int failed() {
        return failed.get();
    }

    /** Calls that threw {@link io.xsync.api.DeferredException}. */
    public int deferred() {
        return deferred.get();
    }

    /** Objects skipped after an earlier failure in their cohort. */
    public int skipped() {
        return skipped.get();
    }

    /** Objects not tried because their {@code next_run} lies ahead. */
    public int waiting() {
        return waiting.get();
    }

    /** Objects held back because a dependency another synchronizer syncs is still dirty. */
    public int held() {
        return held.get();
    }

    /** Objects left alone because another thread or replica had claimed them. */
    public int unclaimed() {
        return unclaimed.get();
    }

    /** The earliest time a later pass should run for objects of this one, or null. */
    public Instant wakeUp() {
        return wakeUp.get();
    }

    void wakeAt(Instant t) {
        wakeUp.accumulateAndGet(t, (a, b) -> a == null || b.isBefore(a) ? b : a);
    }

    @Override
    public String toString() {
        return "synced=" + synced + " failed=" + failed + " deferred=" + deferred + " skipped=" + skipped
                + " waiting=" + waiting + " held=" + held + " unclaimed=" + unclaimed;
    }
}
