package io.xsync.runtime.store;

import io.xsync.api.ModelException;
import io.xsync.runtime.schema.FieldDef;
import io.xsync.runtime.schema.FieldType;
import java.util.List;

/**
 * The field-level save rules that do not need the database: which fields are bookkeeping,
 * who may write feedback fields, and value constraints (required, max_length, choices).
 */
final class SaveRules {
    private SaveRules() {
    }

    /**
     * Bookkeeping fields do not count as real changes: the timestamps, {@code backend_*},
     * {@code policy_*}, {@code id}, {@code leaf_model_name} and fields flagged bookkeeping_state.
     */
    static boolean isBookkeeping(FieldDef f) {
        String n = f.name();
        return f.type() == FieldType.TIMESTAMP || f.bookkeepingState() || n.startsWith("backend_")
                || n.startsWith("policy_") || "id".equals(n) || "leaf_model_name".equals(n);
    }

    /**
     * Refuses (PERMISSION naming model and field) a write by a non-synchronizer caller of a field
     * only synchronizer code may write: {@code feedback_state} fields, the bookkeeping fields
     * (timestamps, {@code backend_*}, {@code policy_*}, fields flagged bookkeeping_state), and
     * {@code id}, {@code deleted} and {@code leaf_model_name}, which only the store sets.
     */
    static void checkWritable(String model, FieldDef f, Actor actor) {
        if (actor.isSynchronizer()) {
            return;
        }
        String why = ClientWrites.refusal(f);
        if (why != null) {
            throw new ModelException(ModelException.Kind.PERMISSION, "field " + model + "." + f.name() + " " + why
                    + ": only synchronizer code may write it");
        }
    }

    /** Checks a value against the field's constraints (INVALID_VALUE naming model and field). */
    static void checkValue(String model, FieldDef f, Object value) {
        if (value == null) {
            if (f.required() && !f.nullable() && !f.base()) {
                throw invalid(model, f, "is required");
            }
            if (f.base() && f.type() != FieldType.TIMESTAMP && !"id".equals(f.name())) {
                throw invalid(model, f, "may not be null");
            }
            return;
        }
        if (f.maxLength() > 0 && value instanceof String && ((String) value).length() > f.maxLength()) {
            throw invalid(model, f, "is longer than max_length " + f.maxLength() + " ("
                    + ((String) value).length() + " characters)");
        }
        List<String> choices = f.choices();
        if (choices != null && !choices.isEmpty() && !choices.contains(String.valueOf(value))) {
            throw invalid(model, f, "'" + value + "' is not one of the choices " + choices);
        }
    }

    private static ModelException invalid(String model, FieldDef f, String why) {
        return new ModelException(ModelException.Kind.INVALID_VALUE, "field " + model + "." + f.name() + " " + why);
    }
}
