package io.xsync.runtime.store;

/**
 * A model's objects counted by sync state, as the status summary shows them.
 *
 * @param model   the model name
 * @param live    objects not deleted
 * @param ok      live, {@code backend_code} 1 and not dirty for sync
 * @param error   live with {@code backend_code} 2
 * @param deleted soft-deleted rows not purged yet
 */
public record ModelCounts(String model, long live, long ok, long error, long deleted) {

    /** Every other live object: not synced yet, changed since, deferred. */
    public long pending() {
        return live - ok - error;
    }
}
