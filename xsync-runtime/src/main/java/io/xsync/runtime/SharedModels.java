package io.xsync.runtime;

import io.xsync.api.Policy;
import io.xsync.api.SyncStep;
import io.xsync.runtime.config.ConfigException;
import io.xsync.runtime.config.ConfigKeys;
import io.xsync.runtime.config.XsyncConfig;
import io.xsync.runtime.schema.Schema;
import io.xsync.runtime.schema.XprotoLoader;
import io.xsync.runtime.schema.XprotoSource;
import io.xsync.runtime.steps.LoadedSteps;
import io.xsync.runtime.store.ModelRegistry;
import io.xsync.runtime.store.Ownership;
import io.xsync.runtime.store.StoreSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models one synchronizer works with where several share a store: the files of its
 * {@code models_dir} (the models it owns), the files the other synchronizers registered in the
 * store, and the files of {@code uses_models_dir} that define models nobody registered yet. The
 * schema is their union, so links into another synchronizer's models resolve and every model can
 * be read and written.
 */
public final class SharedModels {
    private static final Logger LOG = LoggerFactory.getLogger(SharedModels.class);

    private final String name;
    private final Schema schema;
    private final Set<String> owned;
    private final List<XprotoSource> ownFiles;
    private final Map<String, String> owners;

    private SharedModels(String name, Schema schema, Set<String> owned, List<XprotoSource> ownFiles,
                         Map<String, String> owners) {
        this.name = name;
        this.schema = schema;
        this.owned = Set.copyOf(owned);
        this.ownFiles = List.copyOf(ownFiles);
        this.owners = Map.copyOf(owners);
    }

    /** The config's models alone and those of {@code uses_models_dir}, without a store (validate). */
    public static SharedModels withoutStore(XsyncConfig config) {
        return load(config, ModelRegistry.Snapshot.EMPTY);
    }

    /** Reads the store's registry (see {@link ModelRegistry#read}) and loads the models. */
    public static SharedModels fromStore(XsyncConfig config) {
        return load(config, ModelRegistry.read(StoreSettings.fromConfig(config)));
    }

    /**
     * Loads the models given what the store's registry holds. A model of {@code models_dir} that
     * another synchronizer registered is a {@link ConfigException} naming both; so is a second
     * synchronizer on an H2 store.
     */
    public static SharedModels load(XsyncConfig config, ModelRegistry.Snapshot registry) {
        String name = config.get(ConfigKeys.NAME);
        Path modelsDir = config.path(ConfigKeys.MODELS_DIR);
        if (!Files.isDirectory(modelsDir)) {
            throw new ConfigException(config.where(ConfigKeys.MODELS_DIR) + ": models_dir " + modelsDir
                    + " is not a directory");
        }
        refuseSecondOnH2(config, name, registry);
        List<XprotoSource> own = XprotoLoader.sources(modelsDir);
        Set<String> ownNames = names(own);
        List<String> clashes = new ArrayList<>();
        for (String model : new TreeSet<>(ownNames)) {
            String owner = registry.owners().get(model);
            if (owner != null && !owner.equals(name)) {
                clashes.add(model + " (owned by '" + owner + "')");
            }
        }
        if (!clashes.isEmpty()) {
            throw new ConfigException(config.where(ConfigKeys.MODELS_DIR) + ": "
                    + ModelRegistry.clashMessage(name, clashes));
        }
        List<XprotoSource> all = new ArrayList<>(own);
        Set<String> known = new LinkedHashSet<>(ownNames);
        for (XprotoSource f : registry.filesOfOthers(name)) {
            Set<String> defines = f.messageNames();
            defines.retainAll(known);
            if (defines.isEmpty()) { // an owner's file may restate XOSBase or a model it also defines
                all.add(f);
                known.addAll(f.messageNames());
            } else {
                LOG.debug("Registered file {} skipped: {} already defined", f.path(), defines);
            }
        }
        Path uses = config.path(ConfigKeys.USES_MODELS_DIR);
        if (uses != null) {
            if (!Files.isDirectory(uses)) {
                throw new ConfigException(config.where(ConfigKeys.USES_MODELS_DIR) + ": uses_models_dir " + uses
                        + " is not a directory");
            }
            for (XprotoSource f : XprotoLoader.sources(uses)) {
                Set<String> defines = f.messageNames();
                if (defines.stream().noneMatch(known::contains)) {
                    all.add(f);
                    known.addAll(defines);
                }
            }
        }
        Schema schema = XprotoLoader.loadSources(all);
        Set<String> owned = new LinkedHashSet<>();
        for (String m : ownNames) {
            if (schema.find(m) != null) {
                owned.add(m);
            }
        }
        return new SharedModels(name, schema, owned, own, registry.owners());
    }

    /** The embedded H2 store serves one synchronizer: another one's registered models refuse to start. */
    private static void refuseSecondOnH2(XsyncConfig config, String name, ModelRegistry.Snapshot registry) {
        StoreSettings settings = StoreSettings.fromConfig(config);
        if (settings.isPostgres()) {
            return;
        }
        Set<String> others = new TreeSet<>(registry.owners().values());
        others.remove(name);
        if (!others.isEmpty()) {
            throw new ConfigException("store " + settings.safeUrl() + " is H2, which serves one synchronizer, and "
                    + "synchronizer " + String.join(", ", others.stream().map(o -> "'" + o + "'").toList())
                    + " owns models in it; run several synchronizers on one PostgreSQL database "
                    + "(docs/deployments.md)");
        }
    }

    private static Set<String> names(List<XprotoSource> files) {
        Set<String> out = new LinkedHashSet<>();
        for (XprotoSource f : files) {
            out.addAll(f.messageNames());
        }
        return out;
    }

    /** The union of the models. */
    public Schema schema() {
        return schema;
    }

    /** The models this synchronizer owns (those its {@code models_dir} defines). */
    public Set<String> owned() {
        return owned;
    }

    /**
     * One line for the log: the models this synchronizer owns and, by owner, the other models it
     * serves (or that no synchronizer registered: read from {@code uses_models_dir}).
     */
    public String describe() {
        Map<String, Set<String>> others = new TreeMap<>();
        for (var m : schema.models()) {
            if (!owned.contains(m.name())) {
                String owner = owners.get(m.name());
                others.computeIfAbsent(owner == null ? "from uses_models_dir, registered by no synchronizer"
                        : "owned by '" + owner + "'", k -> new TreeSet<>()).add(m.name());
            }
        }
        StringBuilder out = new StringBuilder("Synchronizer '" + name + "' owns models " + new TreeSet<>(owned));
        others.forEach((owner, models) -> out.append("; uses ").append(models).append(" (").append(owner).append(')'));
        return out.toString();
    }

    /** What the store registers for this synchronizer, given its loaded steps. */
    public Ownership ownership(LoadedSteps steps) {
        Set<String> synced = new TreeSet<>();
        for (SyncStep s : steps.syncSteps()) {
            synced.addAll(s.observes());
        }
        Set<String> policed = new TreeSet<>();
        for (Policy p : steps.policies()) {
            policed.add(p.modelName());
        }
        return new Ownership(name, owned, synced, ownFiles, true, policed);
    }

    /** What the store registers for a tool (CLI) that opens the store with this synchronizer's config. */
    public Ownership ownership() {
        return new Ownership(name, owned, Set.of(), ownFiles, false);
    }
}
