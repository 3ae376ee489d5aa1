package io.xsync.cli;

import io.xsync.api.Models;
import io.xsync.runtime.StoreOpener;
import io.xsync.runtime.config.ConfigException;
import io.xsync.runtime.config.ConfigKeys;
import io.xsync.runtime.config.XsyncConfig;
import io.xsync.runtime.schema.Schema;
import io.xsync.runtime.schema.XprotoLoader;
import io.xsync.runtime.store.Actor;
import io.xsync.runtime.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;

/** The store of a synchronizer opened for the CLI: saves count as {@link Actor#API}. */
final class ModelAccess implements AutoCloseable {
    final Schema schema;
    final Store store;
    final Models models;

    private ModelAccess(Schema schema, Store store) {
        this.schema = schema;
        this.store = store;
        this.models = store.models(Actor.API);
    }

    /** The config's models. */
    static Schema schema(XsyncConfig config) {
        Path modelsDir = config.path(ConfigKeys.MODELS_DIR);
        if (!Files.isDirectory(modelsDir)) {
            throw new ConfigException(config.where(ConfigKeys.MODELS_DIR) + ": models_dir " + modelsDir
                    + " is not a directory");
        }
        return XprotoLoader.load(modelsDir);
    }

    /** Opens the config's store (the embedded H2 file may be held by a running synchronizer). */
    static ModelAccess open(XsyncConfig config, Schema schema) {
        return new ModelAccess(schema, StoreOpener.DEFAULT.open(config, schema));
    }

    @Override
    public void close() {
        store.close();
    }
}
