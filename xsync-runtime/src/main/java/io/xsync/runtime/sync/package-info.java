/**
 * The sync engine: the reconcile loop that calls sync steps for dirty and deleted objects.
 *
 * <p>Choices where the rules of docs/semantics.md leave room:
 * <ul>
 *   <li><b>Policies first.</b> An object of a model that has a policy is not synced until the
 *       policy has handled its current version ({@code policed} set and not older than
 *       {@code updated}), unless it is {@code no_policy}; it is left out of the pass (no status
 *       written) and the policy engine's save starts the next pass. A policy that keeps failing
 *       therefore holds back the sync of that object.</li>
 *   <li><b>Skipping.</b> After a failure in a cohort every later object of the cohort is skipped
 *       with "Failed due to error in model M id N: message" and {@code backend_code = 2}, without
 *       touching its retry bookkeeping, so it goes as soon as the failed object goes. An object
 *       still backing off ({@code next_run} ahead) counts as such a failure for the objects after
 *       it in its cohort; objects of other cohorts are not affected.</li>
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
 *       ({@link io.xsync.runtime.sync.ClaimTable}); a cohort claimed elsewhere is left for a
 *       later pass. Claims are renewed every third of {@code sync.claim_lease} and expire when a
 *       replica dies.</li>
 * </ul>
 */
package io.xsync.runtime.sync;
