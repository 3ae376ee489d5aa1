package io.xsync.runtime.store;

/**
 * The WHERE clauses of the engines' hot queries (docs/semantics.md, "Dirty for sync, dirty for policy"). The same text serves the queries and,
 * on PostgreSQL, the partial indexes that cover them, so the planner can match them.
 */
final class Predicates {
    private Predicates() {
    }

    /** Not deleted, not no_sync, not lazy_blocked; enacted null or older than updated or changed_by_policy. */
    static final String DIRTY_FOR_SYNC = "\"deleted\" = FALSE AND \"no_sync\" = FALSE AND \"lazy_blocked\" = FALSE"
            + " AND (\"enacted\" IS NULL OR \"enacted\" < \"updated\" OR \"enacted\" < \"changed_by_policy\")";

    /** Deleted and not yet deleted from the backend. */
    static final String DELETED_FOR_SYNC = "\"deleted\" = TRUE AND \"backend_need_reap\" = FALSE";

    /** Not no_policy; policed null or older than updated or changed_by_step. */
    static final String DIRTY_FOR_POLICY = "\"no_policy\" = FALSE"
            + " AND (\"policed\" IS NULL OR \"policed\" < \"updated\" OR \"policed\" < \"changed_by_step\")";

    /** Deleted rows the reaper may purge (when nothing live links to them). */
    static final String REAPABLE = "\"deleted\" = TRUE"
            + " AND (\"backend_need_reap\" = TRUE OR \"backend_need_delete\" = FALSE)";
}
