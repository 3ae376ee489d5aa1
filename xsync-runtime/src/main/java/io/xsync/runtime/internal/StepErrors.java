package io.xsync.runtime.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decides when a step's exception is logged with its stack trace: the first time each distinct
 * error is seen (same step, exception class and message, numbers aside, so that "object 7" and
 * "object 8" count as one), and not again while it repeats, so a failing backend gives one stack
 * trace, not one per object and retry. Remembers the latest {@value #CAPACITY} distinct errors.
 * Thread-safe.
 */
public final class StepErrors {
    static final int CAPACITY = 1000;

    private final Map<String, Boolean> seen = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > CAPACITY;
        }
    };

    /**
     * {@code error} when this is the first time {@code step} raised such an error (log it with
     * its stack trace), else null (log the one-line message only). Meant as the last argument of
     * an SLF4J call, which logs a trailing throwable with its trace and ignores a null.
     */
    public Throwable firstTime(String step, Throwable error) {
        String key = step + '\0' + error.getClass().getName() + '\0' + normalized(error.getMessage());
        synchronized (seen) {
            return seen.put(key, Boolean.TRUE) == null ? error : null;
        }
    }

    private static String normalized(String message) {
        return message == null ? "" : message.replaceAll("\\d+", "#");
    }
}
