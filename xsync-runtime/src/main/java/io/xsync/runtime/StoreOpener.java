package io.xsync.runtime;

import io.xsync.runtime.config.ConfigKeys;
import io.xsync.runtime.config.XsyncConfig;
import io.xsync.runtime.internal.Redact;
import io.xsync.runtime.schema.Schema;
import io.xsync.runtime.store.Store;

/** Opens the store of a synchronizer; {@link #DEFAULT} opens the configured JDBC store. */
@FunctionalInterface
public interface StoreOpener {

    /** The configured store ({@code store.url}, or the embedded H2 file under {@code data_dir}). */
    StoreOpener DEFAULT = (config, schema) -> {
        throw new UnsupportedOperationException("TODO: JdbcStore not merged yet");
    };

    /** Opens (and creates or migrates) the store for {@code schema}. */
    Store open(XsyncConfig config, Schema schema);

    /** The store URL the config names, password redacted, for summaries. */
    static String describe(XsyncConfig config) {
        String url = config.get(ConfigKeys.STORE_URL);
        if (url == null || url.isBlank()) {
            url = "jdbc:h2:file:" + config.path(ConfigKeys.DATA_DIR).resolve("xsync") + ";AUTO_SERVER=TRUE";
        }
        return Redact.jdbcUrl(url);
    }
}
