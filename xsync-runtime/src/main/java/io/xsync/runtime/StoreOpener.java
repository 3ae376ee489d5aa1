package io.xsync.runtime;

import io.xsync.runtime.config.XsyncConfig;
import io.xsync.runtime.internal.Redact;
import io.xsync.runtime.schema.Schema;
import io.xsync.runtime.store.JdbcStore;
import io.xsync.runtime.store.Ownership;
import io.xsync.runtime.store.Store;
import io.xsync.runtime.store.StoreSettings;

/** Opens the store of a synchronizer; {@link #DEFAULT} opens the configured JDBC store. */
@FunctionalInterface
public interface StoreOpener {

    /** The configured store ({@code store.url}, or the embedded H2 file under {@code data_dir}). */
    StoreOpener DEFAULT = (config, schema, ownership) -> JdbcStore.open(StoreSettings.fromConfig(config), schema,
            ownership);

    /**
     * Opens (and creates or migrates) the store for {@code schema}, touching only the tables
     * {@code ownership} says are this synchronizer's.
     */
    Store open(XsyncConfig config, Schema schema, Ownership ownership);

    /** The store URL the config names, password redacted, for summaries. */
    static String describe(XsyncConfig config) {
        return Redact.jdbcUrl(StoreSettings.fromConfig(config).url());
    }
}
