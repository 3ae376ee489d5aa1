package io.xsync.runtime.store;

/**
 * Who is saving. Decides the timestamp rules of docs/semantics.md ("Save rules"): only {@link #API} saves move
 * {@code updated} by themselves and only API callers are refused {@code feedback_state} writes;
 * {@link #SYNC_STEP} saves of real fields set {@code changed_by_step}, {@link #POLICY} saves set
 * {@code changed_by_policy}.
 */
public enum Actor {
    /** A non-synchronizer caller: CLI, REST API. */
    API,
    SYNC_STEP,
    POLICY,
    PULL_STEP,
    EVENT_STEP,
    /** The engines writing bookkeeping fields. */
    FRAMEWORK;

    /** Whether this is synchronizer code (everything but {@link #API}). */
    public boolean isSynchronizer() {
        return this != API;
    }
}
