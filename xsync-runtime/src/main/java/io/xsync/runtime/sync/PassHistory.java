package io.xsync.runtime.sync;

import io.xsync.runtime.StatusContributor.StepStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sync engine's status row: when the last pass ended, what it did, and totals over all
 * passes. Passes may run concurrently (the loop and {@link SyncEngine#runPass()}); all methods
 * are synchronized and cheap.
 */
final class PassHistory {
    /** The row's step column: a pass covers all sync steps. */
    static final String ROW = "all sync steps";

    private Instant lastPass;
    private long lastDurationMs;
    private int lastSynced;
    private int lastFailed;
    private long passes;
    private long failures;

    synchronized void record(Instant start, Instant end, PassStats stats) {
        lastPass = end;
        lastDurationMs = Duration.between(start, end).toMillis();
        lastSynced = stats.synced();
        lastFailed = stats.failed();
        passes++;
        failures += stats.failed();
    }

    synchronized StepStatus row() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("last_pass", lastPass);
        v.put("last_duration_ms", lastPass == null ? null : lastDurationMs);
        v.put("synced_last_pass", lastSynced);
        v.put("failed_last_pass", lastFailed);
        v.put("passes", passes);
        v.put("failures", failures);
        return new StepStatus(ROW, v);
    }
}
