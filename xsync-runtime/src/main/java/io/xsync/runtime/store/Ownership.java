package io.xsync.runtime.store;

import io.xsync.runtime.schema.XprotoSource;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one synchronizer brings to a store shared by several: its name, the models it owns (those
 * its {@code models_dir} defines), the models it has sync steps for, and its xproto files (kept in
 * the store so that the other synchronizers load them too). The store migrates only the tables of
 * owned models and of models nobody registered; the tables of models another synchronizer owns
 * are that one's business.
 *
 * @param synchronizer the synchronizer's name, or null for a store opened without a registry
 *                     (tools and tests: every model of the schema is migrated, nothing is registered)
 * @param owned        models the synchronizer owns
 * @param synced       models the synchronizer has sync steps for
 * @param files        the synchronizer's own xproto files
 * @param register     whether opening the store replaces the synchronizer's registry entries
 *                     (false for tools such as the CLI, which open the store with its config)
 * @param policed      models the synchronizer has model policies for (each model's policies run in
 *                     one synchronizer: the policy engine's claims are shared by the deployment)
 */
public record Ownership(String synchronizer, Set<String> owned, Set<String> synced, List<XprotoSource> files,
                        boolean register, Set<String> policed) {

    /** No registry: the store migrates every model of its schema and registers nothing. */
    public static final Ownership NONE = new Ownership(null, Set.of(), Set.of(), List.of(), false);

    /** An ownership without model policies. */
    public Ownership(String synchronizer, Set<String> owned, Set<String> synced, List<XprotoSource> files,
                     boolean register) {
        this(synchronizer, owned, synced, files, register, Set.of());
    }

    public Ownership {
        policed = Set.copyOf(policed);
        owned = Set.copyOf(owned);
        synced = Set.copyOf(synced);
        files = List.copyOf(files);
    }

    /** Whether the store keeps a registry entry for this synchronizer when it opens. */
    public boolean registers() {
        return synchronizer != null && register;
    }

    /**
     * Whether this synchronizer creates and migrates the table of {@code model}, given who owns
     * what ({@code owners}, model to synchronizer): its own models and models nobody registered.
     */
    public boolean migrates(String model, Map<String, String> owners) {
        if (synchronizer == null) {
            return true;
        }
        String owner = owners.get(model);
        return owner == null || owner.equals(synchronizer);
    }
}
