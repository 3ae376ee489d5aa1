package io.xsync.runtime.store;

/**
 * A model's objects counted by sync state, as the status summary and the
 * {@code xsync_sync_objects} gauges show them. The states partition the rows: every row is in
 * exactly one of ok, pending, error, no_sync and deleted.
 *
 * @param model   the model name
 * @param live    objects not deleted (ok + pending + error + no_sync)
 * @param ok      live, synced and not changed since (not dirty for sync), {@code backend_code} not 2
 * @param error   live, left to the sync loop, with {@code backend_code} 2
 * @param noSync  live objects the sync loop leaves alone: {@code no_sync} or {@code lazy_blocked}
 * @param deleted soft-deleted rows not purged yet
 */
public record ModelCounts(String model, long live, long ok, long error, long noSync, long deleted) {

    /** Every other live object: not synced yet, changed since, deferred. */
    public long pending() {
        return live - ok - error - noSync;
    }
}
