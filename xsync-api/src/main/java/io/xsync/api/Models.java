package io.xsync.api;

import java.util.Set;

/**
 * The model accessor handed to step code: every model of the synchronizer's schema, by name.
 * Writes made through it carry the identity of the caller (sync step, policy, pull step, event
 * step or API), which decides how {@code updated}, {@code changed_by_step} and
 * {@code changed_by_policy} move.
 */
public interface Models {

    /** The model with this name; {@link ModelException} naming the model if there is none. */
    Model get(String name);

    /** Every model name in the schema. */
    Set<String> names();
}
