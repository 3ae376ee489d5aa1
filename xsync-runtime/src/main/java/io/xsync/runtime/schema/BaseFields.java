package io.xsync.runtime.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The built-in base fields every model carries (docs/semantics.md, "Base fields"), in table order. {@code created} and
 * {@code updated} have no static default: the store sets them to "now"; {@code id} is generated.
 */
public final class BaseFields {
    /** The name XOS gives the base model; an xproto file may define it to add base fields. */
    public static final String BASE_MODEL = "XOSBase";

    /** The text {@code backend_status} starts with. */
    public static final String BACKEND_STATUS_DEFAULT = "Provisioning in progress";
    /** The text {@code policy_status} starts with. */
    public static final String POLICY_STATUS_DEFAULT = "Policy in process";

    private static final SourceRef BUILTIN = new SourceRef(null, 0, 0);
    private static final List<String> TIMESTAMPS = List.of("created", "updated", "enacted", "policed",
            "changed_by_step", "changed_by_policy");
    private static final Set<String> NAMES = Set.of("id", "created", "updated", "enacted", "policed",
            "changed_by_step", "changed_by_policy", "deleted", "write_protect", "lazy_blocked", "no_sync",
            "no_policy", "backend_status", "backend_code", "backend_register", "backend_need_delete",
            "backend_need_reap", "policy_status", "policy_code", "leaf_model_name");

    private BaseFields() {
    }

    /** Whether {@code name} is one of the built-in base fields. */
    public static boolean isBase(String name) {
        return NAMES.contains(name);
    }

    /** Whether a built-in field is bookkeeping: the timestamps, {@code backend_*}, {@code policy_*}. */
    public static boolean isBookkeeping(String name) {
        return TIMESTAMPS.contains(name) || name.startsWith("backend_") || name.startsWith("policy_");
    }

    /** The built-in base fields of the model {@code modelName} (its {@code leaf_model_name} default). */
    public static List<FieldDef> fields(String modelName) {
        List<FieldDef> f = new ArrayList<>();
        f.add(field("id", FieldType.INT64, true, null, false, 0));
        for (String ts : TIMESTAMPS) {
            boolean now = ts.equals("created") || ts.equals("updated");
            f.add(field(ts, FieldType.TIMESTAMP, false, null, !now, 0));
        }
        for (String flag : List.of("deleted", "write_protect", "lazy_blocked", "no_sync", "no_policy")) {
            f.add(field(flag, FieldType.BOOL, false, Boolean.FALSE, false, 0));
        }
        f.add(field("backend_status", FieldType.STRING, false, BACKEND_STATUS_DEFAULT, false, 1024));
        f.add(field("backend_code", FieldType.INT32, false, 0, false, 0));
        f.add(field("backend_register", FieldType.STRING, false, "{}", false, 0));
        f.add(field("backend_need_delete", FieldType.BOOL, false, Boolean.FALSE, false, 0));
        f.add(field("backend_need_reap", FieldType.BOOL, false, Boolean.FALSE, false, 0));
        f.add(field("policy_status", FieldType.STRING, false, POLICY_STATUS_DEFAULT, false, 1024));
        f.add(field("policy_code", FieldType.INT32, false, 0, false, 0));
        f.add(field("leaf_model_name", FieldType.STRING, false, modelName, false, 1024));
        return f;
    }

    private static FieldDef field(String name, FieldType type, boolean required, Object dflt,
                                  boolean nullable, int maxLength) {
        return new FieldDef(name, type, 0, required, Map.of(), dflt, nullable, maxLength, List.of(),
                false, isBookkeeping(name), true, null, BUILTIN);
    }
}
