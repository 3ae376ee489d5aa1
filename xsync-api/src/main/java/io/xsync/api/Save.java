package io.xsync.api;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Options of {@link ModelObject#save(Save)}, in XOS vocabulary.
 *
 * <pre>{@code
 * obj.save(Save.alwaysUpdateTimestamp());
 * obj.save(Save.updateFields("backend_status", "backend_code"));
 * }</pre>
 */
public final class Save {
    private static final Save DEFAULTS = new Save(false, Set.of());

    private final boolean alwaysUpdateTimestamp;
    private final Set<String> updateFields;

    private Save(boolean alwaysUpdateTimestamp, Set<String> updateFields) {
        this.alwaysUpdateTimestamp = alwaysUpdateTimestamp;
        this.updateFields = updateFields;
    }

    /** Plain save: every field, {@code updated} moves only for non-synchronizer callers. */
    public static Save defaults() {
        return DEFAULTS;
    }

    /** Move {@code updated} to now even when saved from synchronizer code, so sync steps run. */
    public static Save alwaysUpdateTimestamp() {
        return new Save(true, Set.of());
    }

    /** Write only the named columns (XOS {@code update_fields}). */
    public static Save updateFields(String... fields) {
        return new Save(false, Set.copyOf(new LinkedHashSet<>(Arrays.asList(fields))));
    }

    /** This option set, also moving {@code updated}. */
    public Save withAlwaysUpdateTimestamp() {
        return new Save(true, updateFields);
    }

    public boolean isAlwaysUpdateTimestamp() {
        return alwaysUpdateTimestamp;
    }

    /** The columns to write; empty means all. */
    public Set<String> updateFields() {
        return updateFields;
    }
}
