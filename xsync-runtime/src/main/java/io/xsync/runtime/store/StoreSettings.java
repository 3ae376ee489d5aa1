package io.xsync.runtime.store;

import io.xsync.runtime.config.ConfigKeys;
import io.xsync.runtime.config.XsyncConfig;
import io.xsync.runtime.internal.Redact;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How to reach the database.
 *
 * @param url      JDBC URL ({@code jdbc:h2:...} or {@code jdbc:postgresql:...})
 * @param user     database user, or null
 * @param password database password, or null
 * @param poolSize most pooled connections
 * @param poolName name of the connection pool (shows in thread names and logs)
 */
public record StoreSettings(String url, String user, String password, int poolSize, String poolName) {

    public StoreSettings {
        if (url == null || url.isBlank()) {
            throw new StoreException("store URL is empty");
        }
        if (poolSize < 1) {
            throw new StoreException("store pool size must be at least 1, got " + poolSize);
        }
        poolName = poolName == null ? "xsync-store" : poolName;
    }

    /** The embedded default: an H2 file {@code <dataDir>/xsync} that several processes may open. */
    public static StoreSettings h2File(Path dataDir) {
        return of(h2FileUrl(dataDir));
    }

    /** The JDBC URL of the embedded H2 file under {@code dataDir}. */
    public static String h2FileUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("xsync") + ";AUTO_SERVER=TRUE";
    }

    /** A URL with no credentials and the default pool. */
    public static StoreSettings of(String url) {
        return new StoreSettings(url, null, null, 10, "xsync-store");
    }

    /** Settings from the {@code store.*}, {@code data_dir} and {@code name} keys (pool {@code xsync-store-<name>}). */
    public static StoreSettings fromConfig(XsyncConfig config) {
        String url = config.get(ConfigKeys.STORE_URL);
        if (url == null || url.isBlank()) {
            url = h2FileUrl(config.path(ConfigKeys.DATA_DIR));
        }
        String name = config.get(ConfigKeys.NAME);
        return new StoreSettings(url, config.get(ConfigKeys.STORE_USER), config.get(ConfigKeys.STORE_PASSWORD),
                config.get(ConfigKeys.STORE_POOL_SIZE), name == null ? "xsync-store" : "xsync-store-" + name);
    }

    /** These settings with credentials. */
    public StoreSettings withCredentials(String newUser, String newPassword) {
        return new StoreSettings(url, newUser, newPassword, poolSize, poolName);
    }

    /** These settings with another pool size. */
    public StoreSettings withPoolSize(int size) {
        return new StoreSettings(url, user, password, size, poolName);
    }

    /** These settings with another pool name. */
    public StoreSettings withPoolName(String name) {
        return new StoreSettings(url, user, password, poolSize, name);
    }

    /**
     * The URL the pool connects with. On H2 it adds, unless the URL sets them itself,
     * {@code WRITE_DELAY=0} (a commit that returned is in the file, so it survives the process
     * being killed; H2's default keeps the last half second of commits in memory) and, where H2
     * allows it (not with {@code AUTO_SERVER=TRUE}), {@code DB_CLOSE_ON_EXIT=FALSE}: the store
     * closes the database itself, after the engines stopped, instead of H2's own shutdown hook
     * closing it under them. ({@code xsync run} stops the synchronizer on SIGTERM and SIGINT
     * before the JVM's shutdown begins, so the embedded store, which uses AUTO_SERVER, is closed
     * in order too.)
     */
    public String jdbcUrl() {
        if (!url.startsWith("jdbc:h2:")) {
            return url;
        }
        String upper = url.toUpperCase(Locale.ROOT);
        StringBuilder b = new StringBuilder(url);
        if (!upper.contains(";WRITE_DELAY=")) {
            b.append(";WRITE_DELAY=0");
        }
        if (!upper.contains(";DB_CLOSE_ON_EXIT=") && !upper.contains(";AUTO_SERVER=TRUE")) {
            b.append(";DB_CLOSE_ON_EXIT=FALSE");
        }
        return b.toString();
    }

    /** Whether the URL names PostgreSQL. */
    public boolean isPostgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    /** The URL with any password parameter masked, for logs and messages. */
    public String safeUrl() {
        return Redact.jdbcUrl(url);
    }

    @Override
    public String toString() {
        return "StoreSettings[url=" + safeUrl() + ", user=" + user + ", poolSize=" + poolSize
                + ", poolName=" + poolName + "]";
    }
}
