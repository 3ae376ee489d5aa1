package io.xsync.runtime.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;

/**
 * The retry bookkeeping kept as JSON in {@code backend_register}:
 * {@code {"failures": 2, "exponent": 2, "next_run": 1700000600.0, "last_success": ..., "last_failure": ...}}.
 * Times are epoch seconds with fractions, as XOS wrote them; 0 or absent means never. Unreadable
 * JSON counts as an empty register. Immutable.
 */
public record BackendRegister(int failures, int exponent, Instant nextRun, Instant lastSuccess,
                              Instant lastFailure) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A register with no history. */
    public static BackendRegister empty() {
        return new BackendRegister(0, 0, null, null, null);
    }

    /** Parses {@code backend_register}; null, blank or malformed text gives {@link #empty()}. */
    public static BackendRegister parse(String json) {
        if (json == null || json.isBlank() || json.equals("{}")) {
            return empty(); // the default of a new object: no parser needed
        }
        try {
            JsonNode n = JSON.readTree(json);
            if (n == null || !n.isObject()) {
                return empty();
            }
            return new BackendRegister(n.path("failures").asInt(0), n.path("exponent").asInt(0),
                    time(n.get("next_run")), time(n.get("last_success")), time(n.get("last_failure")));
        } catch (IOException e) {
            return empty();
        }
    }

    /**
     * The register as JSON, written by hand (every sync result writes one; a Jackson tree and its
     * writer cost more than the rest of the bookkeeping): the text Jackson writes for the same
     * object node, numbers as {@link Double#toString(double)}.
     */
    public String toJson() {
        StringBuilder b = new StringBuilder(112).append("{\"failures\":").append(failures).append(",\"exponent\":")
                .append(exponent).append(",\"next_run\":").append(seconds(nextRun));
        if (lastSuccess != null) {
            b.append(",\"last_success\":").append(seconds(lastSuccess));
        }
        if (lastFailure != null) {
            b.append(",\"last_failure\":").append(seconds(lastFailure));
        }
        return b.append('}').toString();
    }

    /** Whether the object may be synced at {@code now} (no {@code next_run} in the future). */
    public boolean due(Instant now, Backoff backoff) {
        return backoff.disabled() || nextRun == null || !nextRun.isAfter(now);
    }

    /** Reset after a success: no failures, no delay, {@code last_success = now}. */
    public BackendRegister afterSuccess(Instant now) {
        return new BackendRegister(0, 0, null, now, lastFailure);
    }

    /** After a failure at {@code now}: one more failure, next run delayed per {@code backoff}. */
    public BackendRegister afterFailure(Instant now, boolean innocuous, Backoff backoff) {
        Instant next = now.plus(backoff.delay(exponent, innocuous));
        return new BackendRegister(failures + 1, exponent + 1, next, lastSuccess, now);
    }

    private static Instant time(JsonNode n) {
        if (n == null || !n.isNumber() || n.asDouble() <= 0) {
            return null;
        }
        double s = n.asDouble();
        long secs = (long) Math.floor(s);
        long nanos = Math.round((s - secs) * 1_000_000) * 1000;
        return Instant.ofEpochSecond(secs, nanos);
    }

    @SuppressWarnings("NarrowCalculation") // whole milliseconds on purpose
    private static double seconds(Instant t) {
        if (t == null) {
            return 0;
        }
        return t.getEpochSecond() + t.getNano() / 1_000_000 / 1000.0;
    }
}
