package io.xsync.runtime.sync;

import io.xsync.runtime.config.ConfigKeys;
import io.xsync.runtime.config.XsyncConfig;
import java.time.Duration;

/**
 * The sync engine's settings (keys {@code sync.*} and {@code backoff_disabled}).
 *
 * @param threads        cohorts synced concurrently
 * @param safetyInterval a pass runs at least this often
 * @param backoff        retry delays after failures
 * @param reapInterval   how often deleted rows are purged
 * @param claimLease     how long a claim outlives a crashed replica
 * @param deferredRetry  longest wait before deferred objects are retried
 */
public record SyncSettings(int threads, Duration safetyInterval, Backoff backoff, Duration reapInterval,
                           Duration claimLease, Duration deferredRetry) {

    public SyncSettings {
        if (threads < 1) {
            throw new IllegalArgumentException("sync.threads must be at least 1, got " + threads);
        }
    }

    /** The settings of a loaded config. */
    public static SyncSettings from(XsyncConfig config) {
        Backoff backoff = new Backoff(config.get(ConfigKeys.SYNC_BACKOFF_BASE),
                config.get(ConfigKeys.SYNC_BACKOFF_INNOCUOUS_BASE), config.get(ConfigKeys.SYNC_BACKOFF_CAP),
                config.get(ConfigKeys.BACKOFF_DISABLED));
        return new SyncSettings(config.get(ConfigKeys.SYNC_THREADS), config.get(ConfigKeys.SYNC_SAFETY_INTERVAL),
                backoff, config.get(ConfigKeys.SYNC_REAP_INTERVAL), config.get(ConfigKeys.SYNC_CLAIM_LEASE),
                config.get(ConfigKeys.SYNC_DEFERRED_RETRY));
    }

    /** The documented defaults. */
    public static SyncSettings defaults() {
        return new SyncSettings(ConfigKeys.SYNC_THREADS.defaultValue(), ConfigKeys.SYNC_SAFETY_INTERVAL.defaultValue(),
                new Backoff(ConfigKeys.SYNC_BACKOFF_BASE.defaultValue(),
                        ConfigKeys.SYNC_BACKOFF_INNOCUOUS_BASE.defaultValue(),
                        ConfigKeys.SYNC_BACKOFF_CAP.defaultValue(), ConfigKeys.BACKOFF_DISABLED.defaultValue()),
                ConfigKeys.SYNC_REAP_INTERVAL.defaultValue(), ConfigKeys.SYNC_CLAIM_LEASE.defaultValue(),
                ConfigKeys.SYNC_DEFERRED_RETRY.defaultValue());
    }

    public SyncSettings withThreads(int n) {
        return new SyncSettings(n, safetyInterval, backoff, reapInterval, claimLease, deferredRetry);
    }

    public SyncSettings withBackoff(Backoff b) {
        return new SyncSettings(threads, safetyInterval, b, reapInterval, claimLease, deferredRetry);
    }

    public SyncSettings withClaimLease(Duration d) {
        return new SyncSettings(threads, safetyInterval, backoff, reapInterval, d, deferredRetry);
    }

    public SyncSettings withReapInterval(Duration d) {
        return new SyncSettings(threads, safetyInterval, backoff, d, claimLease, deferredRetry);
    }

    public SyncSettings withSafetyInterval(Duration d) {
        return new SyncSettings(threads, d, backoff, reapInterval, claimLease, deferredRetry);
    }
}
