package io.xsync.runtime.pull;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the runs of one pull step did so far, for the status summary. Written by the step's run
 * (runs of one step never overlap), read by status requests: all methods are synchronized.
 */
final class PullRuns {
    private Instant lastStart;
    private Instant lastEnd;
    private Boolean lastOk;
    private String lastError;
    private long runs;
    private long failures;

    synchronized void started(Instant at) {
        lastStart = at;
    }

    synchronized void ended(Instant at, Throwable failure) {
        lastEnd = at;
        runs++;
        lastOk = failure == null;
        if (failure != null) {
            failures++;
            lastError = failure.toString();
        } else {
            lastError = null;
        }
    }

    /** The status row's values: last_run, last_end, last_outcome, last_error, runs, failures. */
    synchronized Map<String, Object> values() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("last_run", lastStart);
        v.put("last_end", lastEnd);
        v.put("last_outcome", lastOk == null ? (lastStart == null ? null : "running") : lastOk ? "ok" : "failed");
        v.put("last_error", lastError);
        v.put("runs", runs);
        v.put("failures", failures);
        return v;
    }
}
