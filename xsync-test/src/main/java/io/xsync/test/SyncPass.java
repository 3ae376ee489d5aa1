package io.xsync.test;

/**
 * What one sync pass of {@link TestSynchronizer#syncPass()} did.
 *
 * @param synced   objects synced or deleted successfully
 * @param failed   objects whose step threw (their {@code backend_status} says why)
 * @param deferred objects whose step deferred them (a {@code DeferredException})
 * @param skipped  objects skipped because an object they depend on failed or was deferred in this pass
 */
public record SyncPass(int synced, int failed, int deferred, int skipped) {
}
