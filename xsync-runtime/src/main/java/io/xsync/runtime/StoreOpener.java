package io.xsync.runtime;

import io.xsync.runtime.config.XsyncConfig;
import io.xsync.runtime.internal.Redact;
import io.xsync.runtime.schema.Schema;
import io.xsync.runtime.store.JdbcStore;
import io.xsync.runtime.store.Ownership;
import io.xsync.runtime.store.Store;
import io.xsync.runtime.store.StoreSettings;
import io.xsync.runtime.time.SystemTime;
import io.xsync.runtime.time.Time;

/** Opens the store of a synchronizer; {@link #DEFAULT} opens the configured JDBC store. */
@FunctionalInterface
public interface StoreOpener {

    /** The configured store ({@code store.url}, or the embedded H2 file under {@code data_dir}). */
    StoreOpener DEFAULT = (config, schema, ownership, time) -> JdbcStore.open(StoreSettings.fromConfig(config),
            schema, ownership, time);

    /**
     * Opens (and creates or migrates) the store for {@code schema}, touching only the tables
     * {@code ownership} says are this synchronizer's, stamping its writes with {@code time}.
     */
    Store open(XsyncConfig config, Schema schema, Ownership ownership, Time time);

    /** Opens the store on the system clock. */
    default Store open(XsyncConfig config, Schema schema, Ownership ownership) {
        return open(config, schema, ownership, SystemTime.INSTANCE);
    }

    /** The store URL the config names, password redacted, for summaries. */
    static String describe(XsyncConfig config) {
        return Redact.jdbcUrl(StoreSettings.fromConfig(config).url());
    }
}
