package io.xsync.runtime.internal;

import io.xsync.api.ModelObject;
import io.xsync.api.Models;
import io.xsync.api.StepContext;
import io.xsync.runtime.store.Store;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The context handed to one step: the model accessor bound to the step's actor, the step's
 * settings ({@code steps.<name>}) and the store's dirty and deleted queries.
 */
public final class StepContextImpl implements StepContext {
    private final String synchronizerName;
    private final Models models;
    private final Map<String, Object> settings;
    private final Store store;
    private final Path baseDir;

    /** {@code baseDir} is the directory relative step paths resolve against (the config's). */
    public StepContextImpl(String synchronizerName, Models models, Map<String, Object> settings, Store store,
                           Path baseDir) {
        this.synchronizerName = synchronizerName;
        this.models = models;
        this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        this.store = store;
        this.baseDir = baseDir.toAbsolutePath().normalize();
    }

    @Override
    public Path resolvePath(String path) {
        return baseDir.resolve(path).normalize();
    }

    @Override
    public String synchronizerName() {
        return synchronizerName;
    }

    @Override
    public Models models() {
        return models;
    }

    @Override
    public Map<String, Object> settings() {
        return settings;
    }

    @Override
    public List<ModelObject> dirtyObjects(String model) {
        return store.dirtyForSync(model);
    }

    @Override
    public List<ModelObject> deletedObjects(String model) {
        return store.deletedForSync(model);
    }
}
