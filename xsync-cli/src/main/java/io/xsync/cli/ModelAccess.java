package io.xsync.cli;

import io.xsync.api.Models;
import io.xsync.runtime.SharedModels;
import io.xsync.runtime.StoreOpener;
import io.xsync.runtime.config.XsyncConfig;
import io.xsync.runtime.schema.Schema;
import io.xsync.runtime.store.Actor;
import io.xsync.runtime.store.Store;

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

    /**
     * The whole model the config's synchronizer works with: its own models and those the other
     * synchronizers sharing its store registered.
     */
    static SharedModels models(XsyncConfig config) {
        return SharedModels.fromStore(config);
    }

    /**
     * Opens the config's store (the embedded H2 file may be held by a running synchronizer),
     * migrating only the synchronizer's own tables and registering nothing.
     */
    static ModelAccess open(XsyncConfig config, SharedModels models) {
        return new ModelAccess(models.schema(), StoreOpener.DEFAULT.open(config, models.schema(), models.ownership()));
    }

    @Override
    public void close() {
        store.close();
    }
}
