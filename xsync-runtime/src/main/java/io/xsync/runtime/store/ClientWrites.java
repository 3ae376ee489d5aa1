package io.xsync.runtime.store;

import io.xsync.runtime.schema.FieldDef;

/**
 * Which fields clients (REST API, CLI) may write. Only synchronizer code may write
 * {@code feedback_state} fields and the bookkeeping fields (timestamps, {@code backend_*},
 * {@code policy_*}, fields flagged {@code bookkeeping_state}); {@code id}, {@code created},
 * {@code deleted} and {@code leaf_model_name} are set by the store alone.
 */
public final class ClientWrites {
    private ClientWrites() {
    }

    /** Why a client may not write {@code f} ("is bookkeeping", ...), or null when it may. */
    public static String refusal(FieldDef f) {
        if (f.feedbackState()) {
            return "is feedback state";
        }
        if ("deleted".equals(f.name())) {
            return "is set by deleting the object (deleted objects cannot be restored)";
        }
        if ("id".equals(f.name()) || "leaf_model_name".equals(f.name()) || "created".equals(f.name())) {
            return "is set by the store";
        }
        if (SaveRules.isBookkeeping(f)) {
            return "is bookkeeping";
        }
        return null;
    }
}
