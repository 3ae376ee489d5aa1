package io.xsync.runtime.sync;

import io.xsync.runtime.store.ObjectRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The bookkeeping a sync result writes (see docs/scheduling.md), as pure functions from the object's
 * state to the columns to save. The engine saves them with {@code update_fields}, so they never
 * count as a change of the object.
 */
public final class SyncOutcome {
    /** {@code backend_code} while in progress or deferred. */
    public static final int CODE_PENDING = 0;
    /** {@code backend_code} after success or an innocuous failure. */
    public static final int CODE_OK = 1;
    /** {@code backend_code} after an error. */
    public static final int CODE_ERROR = 2;
    /** Longest {@code backend_status}. */
    public static final int MAX_STATUS = 1024;
    /** Separator of the two messages kept in {@code backend_status}. */
    public static final String SEPARATOR = " // ";
    /** {@code backend_status} after success. */
    public static final String OK = "OK";
    /** The default {@code backend_status} of a new object. */
    public static final String PROVISIONING = "Provisioning in progress";

    /** How a sync or delete call ended. */
    public enum Kind { SUCCESS, ERROR, INNOCUOUS, DEFERRED, SKIPPED }

    /** The object's bookkeeping before the result is applied. */
    public record State(Instant updated, Instant changedByPolicy, String backendStatus, int backendCode,
                        String backendRegister) {
    }

    private SyncOutcome() {
    }

    /** After {@code sync_record} succeeded: enacted, status OK, code 1, register reset. */
    public static Map<String, Object> synced(State s, Instant now) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("enacted", max(s.updated(), s.changedByPolicy()));
        f.put("backend_status", OK);
        f.put("backend_code", CODE_OK);
        f.put("backend_register", BackendRegister.parse(s.backendRegister()).afterSuccess(now).toJson());
        return f;
    }

    /** After {@code delete_record} succeeded: the reaper may purge the row. */
    public static Map<String, Object> deleted(State s, Instant now) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("backend_need_reap", true);
        f.put("backend_status", OK);
        f.put("backend_code", CODE_OK);
        f.put("backend_register", BackendRegister.parse(s.backendRegister()).afterSuccess(now).toJson());
        return f;
    }

    /**
     * After a failure of kind ERROR, INNOCUOUS or DEFERRED with {@code message}. Errors and
     * innocuous failures count toward backoff; deferred ones leave the register alone so they are
     * retried on the next pass.
     */
    public static Map<String, Object> failed(State s, Kind kind, String message, Instant now, Backoff backoff) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("backend_status", status(s.backendStatus(), message));
        switch (kind) {
            case ERROR -> {
                f.put("backend_code", CODE_ERROR);
                f.put("backend_register", register(s, now, false, backoff));
            }
            case INNOCUOUS -> {
                f.put("backend_code", CODE_OK);
                f.put("backend_register", register(s, now, true, backoff));
            }
            case DEFERRED -> f.put("backend_code", CODE_PENDING);
            default -> throw new IllegalArgumentException("not a failure: " + kind);
        }
        return f;
    }

    /**
     * An object skipped because an earlier object of its cohort, {@code failed}, failed with
     * {@code kind} and {@code failure}: recorded as a failure of that kind of its own, with the
     * message "Failed due to error in model M id N: ...".
     */
    public static Map<String, Object> skipped(State s, ObjectRef failed, Kind kind, String failure, Instant now,
                                              Backoff backoff) {
        return failed(s, kind, skipMessage(failed, failure), now, backoff);
    }

    /** "Failed due to error in model M id N: ...". */
    public static String skipMessage(ObjectRef failed, String failure) {
        return "Failed due to error in model " + failed.model() + " id " + failed.id() + ": " + failure;
    }

    /**
     * The new {@code backend_status}, as XOS keeps it: the messages of the previous status (a
     * failure status holds up to two, joined by {@value #SEPARATOR}), plus {@code message} unless
     * it is already one of them, the last two kept; at most {@value #MAX_STATUS} characters (the
     * older message is cut first).
     */
    public static String status(String previous, String message) {
        String msg = message == null || message.isBlank() ? "(no message)" : message;
        List<String> messages = new ArrayList<>(messages(previous));
        if (!messages.contains(msg)) {
            messages.add(msg);
        }
        List<String> kept = messages.subList(Math.max(0, messages.size() - 2), messages.size());
        if (kept.size() == 1) {
            return truncate(kept.get(0));
        }
        String older = kept.get(0);
        String newer = kept.get(1);
        int room = MAX_STATUS - newer.length() - SEPARATOR.length();
        if (room <= 0) {
            return truncate(newer);
        }
        return (older.length() > room ? older.substring(older.length() - room) : older) + SEPARATOR + newer;
    }

    /** The message an exception leaves in {@code backend_status}. */
    public static String message(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getName() : m;
    }

    /** The failure messages of a status: none after success or for a new object. */
    private static List<String> messages(String status) {
        if (status == null || status.isBlank() || status.equals(OK) || status.equals(PROVISIONING)) {
            return List.of();
        }
        return List.of(status.split(Pattern.quote(SEPARATOR), -1));
    }

    private static String truncate(String s) {
        return s.length() <= MAX_STATUS ? s : s.substring(0, MAX_STATUS);
    }

    private static String register(State s, Instant now, boolean innocuous, Backoff backoff) {
        return BackendRegister.parse(s.backendRegister()).afterFailure(now, innocuous, backoff).toJson();
    }

    private static Instant max(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
