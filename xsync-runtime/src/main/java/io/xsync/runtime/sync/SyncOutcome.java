package io.xsync.runtime.sync;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bookkeeping a sync result writes (DESIGN §2, §3), as pure functions from the object's
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

    /** An object skipped because an earlier object of its cohort failed. */
    public static Map<String, Object> skipped(ObjectRef failed, String failure) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("backend_status", truncate(skipMessage(failed, failure)));
        f.put("backend_code", CODE_ERROR);
        return f;
    }

    /** "Failed due to error in model M id N: ...". */
    public static String skipMessage(ObjectRef failed, String failure) {
        return "Failed due to error in model " + failed.model() + " id " + failed.id() + ": " + failure;
    }

    /**
     * The new {@code backend_status}: the last message of the previous status (if it was a failure
     * message and differs) and the new one, joined by {@value #SEPARATOR}, at most
     * {@value #MAX_STATUS} characters (the older message is cut first).
     */
    public static String status(String previous, String message) {
        String msg = message == null || message.isBlank() ? "(no message)" : message;
        String last = lastMessage(previous);
        if (last == null || last.equals(msg)) {
            return truncate(msg);
        }
        int room = MAX_STATUS - msg.length() - SEPARATOR.length();
        if (room <= 0) {
            return truncate(msg);
        }
        return (last.length() > room ? last.substring(last.length() - room) : last) + SEPARATOR + msg;
    }

    /** The message an exception leaves in {@code backend_status}. */
    public static String message(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getName() : m;
    }

    private static String lastMessage(String status) {
        if (status == null || status.isBlank() || status.equals(OK) || status.equals(PROVISIONING)) {
            return null;
        }
        int i = status.lastIndexOf(SEPARATOR);
        return i < 0 ? status : status.substring(i + SEPARATOR.length());
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
