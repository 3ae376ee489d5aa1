package io.xsync.runtime.policy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The bookkeeping a policy run writes (docs/semantics.md, "Sync results"), as pure functions. */
public final class PolicyOutcome {
    /** {@code policy_code} after success. */
    public static final int CODE_OK = 1;
    /** {@code policy_code} after a failure. */
    public static final int CODE_ERROR = 2;
    /** {@code policy_status} after success. */
    public static final String DONE = "done";
    /** Longest {@code policy_status}. */
    public static final int MAX_STATUS = 1024;

    private PolicyOutcome() {
    }

    /** After every policy of the model succeeded: {@code policed = max(updated, changed_by_step)}. */
    public static Map<String, Object> done(Instant updated, Instant changedByStep) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("policed", changedByStep == null || (updated != null && updated.isAfter(changedByStep))
                ? updated : changedByStep);
        f.put("policy_status", DONE);
        f.put("policy_code", CODE_OK);
        return f;
    }

    /** After a policy failed: the message, code 2; {@code policed} stays, so the object stays dirty. */
    public static Map<String, Object> failed(String message) {
        Map<String, Object> f = new LinkedHashMap<>();
        String m = message == null || message.isBlank() ? "(no message)" : message;
        f.put("policy_status", m.length() <= MAX_STATUS ? m : m.substring(0, MAX_STATUS));
        f.put("policy_code", CODE_ERROR);
        return f;
    }
}
