/**
 * The sync engine: the reconcile loop that calls sync steps for dirty and deleted objects.
 *
 * <p>How the engine works (docs/scheduling.md has the same for users):
 * <ul>
 *   <li><b>Policies.</b> They do not hold objects back: the policy and sync loops run
 *       independently, so a failing policy never blocks an object's sync.</li>
 *   <li><b>One snapshot.</b> A phase reads every step's pending objects, and the objects its
 *       cohorts are walked through, in one read transaction that sees one snapshot of the store
 *       ({@link io.xsync.runtime.store.Store#readSnapshot}).</li>
 *   <li><b>Cohorts.</b> {@link io.xsync.runtime.sync.CohortPlanner} joins pending objects that
 *       reach one another along link values, through objects that are not pending as well
 *       ({@link io.xsync.runtime.sync.LinkWalker} loads those in bulk); every object reached over
 *       a many-to-many or reverse link counts.</li>
 *   <li><b>Skipping.</b> After a failure in a cohort every later object of the cohort is skipped
 *       with "Failed due to error in model M id N: message", recorded as a failure of its own of
 *       the same kind (code 2, 1 or 0; errors and innocuous failures count in its
 *       {@code backend_register} and back off). An object still backing off ({@code next_run}
 *       ahead) counts as such a failure for the objects after it in its cohort; a skipped object
 *       that backs off itself is left as it is; objects of other cohorts are not affected.</li>
 *   <li><b>Backoff.</b> {@link io.xsync.runtime.sync.Backoff}: first failure retried on the next
 *       pass, then {@code exponent × base} capped; the engine wakes itself at the earliest
 *       {@code next_run}. Deferred objects keep their register and are retried on the next pass,
 *       at the latest after {@code sync.deferred_retry}.</li>
 *   <li><b>{@code backend_need_delete}.</b> Saved for every object of a unit of work that is
 *       about to be synced, in one transaction, before the unit's first {@code syncRecord}; an
 *       object skipped after that keeps the mark, so a later deletion calls {@code deleteRecord}
 *       (which must be idempotent anyway).</li>
 *   <li><b>Results</b> are committed in batches per unit of work; a crash loses at most results of
 *       calls that then run again, since {@code enacted} only moves with them.</li>
 *   <li><b>Replicas.</b> Cohorts are claimed all-or-nothing in {@code xsync_claims}
 *       ({@link io.xsync.runtime.store.ClaimTable}); a cohort claimed elsewhere is left for a
 *       later pass. Claims are renewed every third of {@code sync.claim_lease} and expire when a
 *       replica dies.</li>
 * </ul>
 */
package io.xsync.runtime.sync;
