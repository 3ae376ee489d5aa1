package io.xsync.runtime.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sync engine's passes, for the status rows of its steps: when the last pass ended, how long
 * it took, and how many passes ran. Passes may run concurrently (the loop and
 * {@link SyncEngine#runPass()}); all methods are synchronized and cheap.
 */
final class PassHistory {
    private Instant lastPass;
    private long lastDurationMs;
    private long passes;

    synchronized void record(Instant start, Instant end) {
        lastPass = end;
        lastDurationMs = Duration.between(start, end).toMillis();
        passes++;
    }

    /** {@code last_pass} (end time, null before the first), {@code last_duration_ms}, {@code passes}. */
    synchronized Map<String, Object> values() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("last_pass", lastPass);
        v.put("last_duration_ms", lastPass == null ? null : lastDurationMs);
        v.put("passes", passes);
        return v;
    }
}
