package io.xsync.runtime.sync;

import io.xsync.api.ModelObject;
import io.xsync.api.SyncStep;
import io.xsync.runtime.internal.NamedThreads;
import io.xsync.runtime.internal.PassLoop;
import io.xsync.runtime.internal.StepTally;
import io.xsync.runtime.schema.DependencyGraph;
import io.xsync.runtime.schema.ModelOrder;
import io.xsync.runtime.schema.Schema;
import io.xsync.runtime.spi.Engine;
import io.xsync.runtime.spi.StatusContributor;
import io.xsync.runtime.spi.SynchronizerContext;
import io.xsync.runtime.steps.StepKind;
import io.xsync.runtime.store.Actor;
import io.xsync.runtime.store.ClaimTable;
import io.xsync.runtime.store.ModelCounts;
import io.xsync.runtime.store.ObjectRef;
import io.xsync.runtime.store.RecentScan;
import io.xsync.runtime.store.Store;
import io.xsync.runtime.time.Deadline;
import io.xsync.runtime.time.Time;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reconcile loop for sync steps. A pass collects each step's pending objects
 * ({@link SyncStep#fetchPending(boolean)}), splits them into cohorts ({@link CohortPlanner}),
 * claims each cohort in the database ({@link ClaimTable}) and runs cohorts concurrently on
 * {@code sync.threads} threads named {@code xsync-sync-N}, each cohort in dependency order;
 * then the same for deleted objects in reverse order. Passes start when the store reports a
 * change to an observed model, after the safety interval, and when a backed-off or deferred
 * object becomes due. A reaper purges deleted rows every {@code sync.reap_interval}.
 *
 * <p>A phase reads all its pending objects, and the objects its cohorts walk through, in one
 * snapshot of the store ({@link Store#readSnapshot}), so that an object is never planned without
 * a dependency that was pending at the same moment. Policies do not hold objects back: the two
 * loops run independently.
 */
public final class SyncEngine implements Engine, StatusContributor {
    private static final Logger LOG = LoggerFactory.getLogger(SyncEngine.class);
    /**
     * Most objects a thread claims and runs as one unit (small cohorts are packed together): as
     * many as one flush of results takes, so that a unit's results commit with its release.
     */
    private static final int UNIT_MAX = Bookkeeping.MAX_BATCH;

    private final Store store;
    private final List<SyncStep> steps;
    private final SyncSettings settings;
    private final Set<String> observed = new LinkedHashSet<>();
    private final Schema schema;
    /** Observed models and the models inheriting from them (whose objects the steps also get). */
    private final Set<String> observedWithSubclasses;
    private final ModelOrder order;
    /** Model names, dependencies first (ties by name): the order objects are read in. */
    private final Comparator<String> dependenciesFirst;
    private final CohortPlanner planner;
    private final DependencyGraph graph;
    private final ClaimTable claims;
    private final RecentScan<List<ModelCounts>> gaugeCounts;
    private final SyncMetrics metrics;
    private final CohortRunner runner;
    private final PassLoop loop;
    private final PassHistory history = new PassHistory();
    private final Time time;
    private final String synchronizer;
    /** Models of the dependencies the last pass held objects back for (their changes wake the loop). */
    private volatile Set<String> waitingOn = Set.of();
    private volatile boolean stopping;
    private volatile boolean killed;
    private volatile Instant gaugesRefreshed = Instant.EPOCH;
    private volatile boolean claimsWereSafe = true;
    private ScheduledExecutorService leases;
    /** Set while this engine commits its own bookkeeping, whose change notices need no new pass. */
    private final ThreadLocal<Boolean> ownWrites = ThreadLocal.withInitial(() -> false);
    private ExecutorService workers;
    private ScheduledExecutorService timers;

    public SyncEngine(SynchronizerContext ctx, SyncSettings settings) {
        this.store = ctx.store();
        this.time = ctx.time();
        this.steps = List.copyOf(ctx.steps().syncSteps());
        this.settings = settings;
        for (SyncStep s : steps) {
            observed.addAll(s.observes());
        }
        this.schema = ctx.schema();
        this.observedWithSubclasses = schema.withDescendants(observed);
        List<String> models = new ArrayList<>();
        ctx.schema().models().forEach(m -> models.add(m.name()));
        this.order = new ModelOrder(ctx.graph(), models);
        this.dependenciesFirst = Comparator.comparingInt(order::rank).thenComparing(m -> m);
        this.graph = ctx.graph();
        this.planner = new CohortPlanner(order);
        this.synchronizer = ctx.name();
        String owner = ctx.name() + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.claims = store.claims(owner, settings.claimLease(), "");
        this.metrics = new SyncMetrics(ctx.metrics());
        this.runner = new CohortRunner(settings.backoff(), settings.deferredRetry(), metrics,
                () -> stopping || !claimsSafe(), () -> killed, time);
        this.gaugeCounts = new RecentScan<>("sync-gauges", this::countObserved, time);
        this.loop = new PassLoop("xsync-sync-loop", this::passForLoop, settings.safetyInterval(), time);
    }

    @Override
    public String name() {
        return "sync";
    }

    @Override
    public Set<StepKind> runs() {
        return Set.of(StepKind.SYNC);
    }

    /** This replica's name in the claim table. */
    public String owner() {
        return claims.owner();
    }

    @Override
    public void start() {
        workers = Executors.newFixedThreadPool(settings.threads(), new NamedThreads("xsync-sync"));
        timers = Executors.newSingleThreadScheduledExecutor(new NamedThreads("xsync-sync-timer"));
        long renewMs = Math.max(100, settings.claimLease().toMillis() / 3);
        leases = Executors.newSingleThreadScheduledExecutor(new NamedThreads("xsync-sync-lease"));
        leases.scheduleWithFixedDelay(this::renewClaims, 0, renewMs, TimeUnit.MILLISECONDS); // not behind a slow reap
        long reapMs = Math.max(100, settings.reapInterval().toMillis());
        timers.scheduleWithFixedDelay(this::reap, reapMs, reapMs, TimeUnit.MILLISECONDS);
        store.addChangeListener(models -> {
            // in-process notices come on the committing thread: skip those of our bookkeeping
            if (!ownWrites.get() && (!Collections.disjoint(models, observedWithSubclasses)
                    || !Collections.disjoint(models, waitingOn))) {
                loop.signal();
            }
        });
        registerMeters();
        loop.start();
        LOG.info("Sync engine started: {} step(s) observing {}, {} thread(s), replica {}", steps.size(),
                observed, settings.threads(), claims.owner());
    }

    /**
     * Readies the engine for {@link #runPass()} and {@link #reapDeleted()} called by the caller
     * alone: the worker threads, but no loop, no timers and no change listener (the test kit's
     * mode). {@link #stop(Duration)} stops it as usual.
     */
    public void startForCalls() {
        workers = Executors.newFixedThreadPool(settings.threads(), new NamedThreads("xsync-sync"));
    }

    /** Purges the deleted objects whose deletion every observing step has finished (as the reaper timer does). */
    public void reapDeleted() {
        reap();
    }

    private void registerMeters() {
        for (String model : observed) {
            metrics.register(model, steps.stream().filter(st -> st.observes().contains(model)).map(SyncStep::name)
                    .toList());
        }
    }

    @Override
    public void stop(Duration timeout) {
        stopping = true;
        Deadline deadline = Deadline.after(timeout);
        loop.stop(timeout);
        if (workers != null) {
            workers.shutdown();
            try {
                workers.awaitTermination(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            workers.shutdownNow();
            if (timers != null) {
                timers.shutdownNow();
                leases.shutdownNow();
            }
            try {
                claims.releaseAll();
            } catch (RuntimeException e) {
                LOG.warn("Could not release claims of {}: {}", claims.owner(), e.getMessage());
            }
        }
        LOG.info("Sync engine stopped");
    }

    /**
     * Stops at once as if the process died: no result is written for calls in flight and claims
     * are left to expire. For crash tests.
     */
    void kill() {
        killed = true;
        stopping = true;
        loop.stop(Duration.ZERO);
        if (workers != null) {
            workers.shutdownNow();
            timers.shutdownNow();
            leases.shutdownNow();
        }
    }

    /** Section {@code sync}. */
    @Override
    public String statusSection() {
        return "sync";
    }

    /**
     * One row per sync step: {@code models} it observes, {@code calls}, {@code synced} and
     * {@code failures} (failed calls, innocuous ones included) since start, {@code last_call},
     * {@code last_error}, and the last pass of the engine (a pass covers every step):
     * {@code last_pass} (end time), {@code last_duration_ms}, {@code passes}.
     */
    @Override
    public List<StepStatus> stepStatus() {
        Map<String, Object> pass = history.values();
        List<StepStatus> rows = new ArrayList<>();
        for (SyncStep step : steps) {
            StepTally t = metrics.tally(step.name());
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("models", String.join(", ", step.observes()));
            v.put("calls", t.calls());
            v.put("synced", t.successes());
            v.put("failures", t.failures());
            v.put("last_call", t.lastCall());
            v.put("last_error", t.lastError());
            v.put("last_pass", pass.get("last_pass"));
            v.put("last_duration_ms", pass.get("last_duration_ms"));
            v.put("passes", pass.get("passes"));
            rows.add(new StepStatus(step.name(), v));
        }
        return rows;
    }

    /** Asks for a pass now (as a change notification does). */
    public void wakeUp() {
        loop.signal();
    }

    private Instant passForLoop() {
        PassStats stats = runPass();
        return stats.wakeUp();
    }

    /**
     * Runs one pass on the calling thread (cohorts on the worker threads, so only after
     * {@link #start()}) and says what it did. Safe to call while the loop runs: claims keep the
     * two from syncing one object at once.
     */
    public PassStats runPass() {
        Instant start = time.now();
        PassStats stats = new PassStats();
        runPhase(false, stats);
        runPhase(true, stats);
        refreshGauges(stats);
        history.record(start, time.now());
        if (stats.synced() + stats.failed() + stats.deferred() + stats.skipped() > 0) {
            LOG.debug("Sync pass: {}", stats);
        }
        return stats;
    }

    /** Collects, plans and runs one phase. */
    private void runPhase(boolean deletion, PassStats stats) {
        List<List<WorkItem>> cohorts = plan(deletion, stats);
        if (cohorts.isEmpty() || stopping) {
            return;
        }
        if (deletion) {
            cohorts.forEach(Collections::reverse);
        }
        List<Future<?>> futures = new ArrayList<>();
        for (List<List<WorkItem>> unit : units(cohorts)) {
            futures.add(workers.submit(() -> runUnit(unit, deletion, stats)));
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                LOG.warn("Sync unit failed: {}", e.getCause().toString(), e.getCause());
            }
        }
    }

    /**
     * Reads the phase's pending objects of every step, and the objects linking them, in one
     * snapshot of the store, and splits them into cohorts; objects that wait for a dependency
     * another synchronizer syncs are left out (see {@link ForeignWaits}).
     */
    private List<List<WorkItem>> plan(boolean deletion, PassStats stats) {
        try {
            return store.readSnapshot(() -> {
                List<WorkItem> items = withVersions(collect(deletion));
                if (items.isEmpty()) {
                    return List.<List<WorkItem>>of();
                }
                LinkWalker walker = new LinkWalker(store, graph);
                items.forEach(i -> walker.know(i.ref(), i.object()));
                ForeignWaits deps = new ForeignWaits(walker);
                List<List<WorkItem>> cohorts = planner.cohorts(items, WorkItem::ref, deps);
                return deletion ? cohorts : holdBack(cohorts, deps, stats);
            });
        } catch (Exception e) {
            LOG.warn("Reading the pending {} failed: {}", deletion ? "deletions" : "objects", e.toString());
            return List.of();
        }
    }

    /** The cohorts without the objects that wait for a dirty dependency another synchronizer syncs. */
    private List<List<WorkItem>> holdBack(List<List<WorkItem>> cohorts, ForeignWaits deps, PassStats stats) {
        Set<String> foreign = foreignModels();
        if (foreign.isEmpty()) {
            waitingOn = Set.of();
            return cohorts;
        }
        Map<ObjectRef, ObjectRef> waiting = deps.waiting(foreign);
        if (waiting.isEmpty()) {
            waitingOn = Set.of();
            return cohorts;
        }
        Set<String> models = new LinkedHashSet<>(deps.dirtyModels());
        List<List<WorkItem>> out = new ArrayList<>(cohorts.size());
        for (List<WorkItem> cohort : cohorts) {
            List<WorkItem> kept = new ArrayList<>(cohort.size());
            for (WorkItem item : cohort) {
                ObjectRef blocker = waiting.get(item.ref());
                if (blocker == null) {
                    kept.add(item);
                } else {
                    stats.held.incrementAndGet();
                    LOG.debug("{} waits for {}, which another synchronizer syncs", item.ref(), blocker);
                }
            }
            if (!kept.isEmpty()) {
                out.add(kept);
            }
        }
        waitingOn = Set.copyOf(models);
        stats.wakeAt(time.now().plus(settings.deferredRetry()));
        return out;
    }

    /**
     * Models other synchronizers sharing the store have sync steps for (with the models inheriting
     * from them) that this one does not sync itself, as registered now.
     */
    private Set<String> foreignModels() {
        Set<String> registered;
        try {
            registered = store.registry().syncedByOthers(synchronizer);
        } catch (RuntimeException e) {
            LOG.debug("Cannot read which models other synchronizers sync: {}", e.toString());
            return Set.of();
        }
        registered.removeIf(m -> schema.find(m) == null);
        Set<String> foreign = new LinkedHashSet<>(schema.withDescendants(registered));
        foreign.removeAll(observedWithSubclasses);
        return foreign;
    }

    private List<WorkItem> collect(boolean deletion) {
        List<WorkItem> items = new ArrayList<>();
        for (SyncStep step : steps) {
            // a step observing a model and its subclass is handed a subclass object twice: call it once
            Set<ObjectRef> seen = new HashSet<>();
            List<ModelObject> objects;
            try {
                objects = step.fetchPending(deletion);
            } catch (RuntimeException e) {
                LOG.warn("fetchPending({}) of step {} failed: {}", deletion, step.name(), e.toString());
                continue;
            }
            for (ModelObject o : objects) {
                if (!ownedBy(step, o)) {
                    continue;
                }
                WorkItem item = WorkItem.of(step, o);
                if (seen.add(item.ref())) {
                    items.add(item);
                }
            }
        }
        return items;
    }

    /** The items with the row versions their objects were read at, in the same snapshot (where the store has them). */
    private List<WorkItem> withVersions(List<WorkItem> items) {
        Map<String, List<Long>> ids = new HashMap<>();
        for (WorkItem i : items) {
            ids.computeIfAbsent(i.ref().model(), k -> new ArrayList<>()).add(i.ref().id());
        }
        Map<String, Map<Long, Long>> versions = new HashMap<>();
        ids.forEach((model, list) -> versions.put(model, store.rowVersions(model, list)));
        List<WorkItem> out = new ArrayList<>(items.size());
        for (WorkItem i : items) {
            out.add(i.withVersion(versions.get(i.ref().model()).get(i.ref().id())));
        }
        return out;
    }

    /**
     * Whether {@code step} is the step for the object: objects of a subclass come to the steps of a
     * parent model as their leaf model, unless a step observes a model nearer to that leaf.
     */
    private boolean ownedBy(SyncStep step, ModelObject o) {
        String nearest = schema.nearestOf(o.model().name(), observed);
        return nearest == null || step.observes().contains(nearest);
    }

    /** Packs cohorts into units of work: big cohorts alone, small ones together, enough units for every thread. */
    private List<List<List<WorkItem>>> units(List<List<WorkItem>> cohorts) {
        int total = 0;
        for (List<WorkItem> c : cohorts) {
            total += c.size();
        }
        int target = Math.max(1, Math.min(UNIT_MAX, total / (settings.threads() * 4)));
        List<List<List<WorkItem>>> units = new ArrayList<>();
        List<List<WorkItem>> current = new ArrayList<>();
        int size = 0;
        for (List<WorkItem> c : cohorts) {
            if (size > 0 && size + c.size() > target) {
                units.add(current);
                current = new ArrayList<>();
                size = 0;
            }
            current.add(c);
            size += c.size();
        }
        if (!current.isEmpty()) {
            units.add(current);
        }
        return units;
    }

    /**
     * One unit on a worker thread: claim its cohorts, take their objects as they are now (reading
     * again in bulk those changed since the pass read them), mark
     * {@code backend_need_delete} for those about to be synced, run the cohorts, commit the
     * results and release the claims (the last results and the release in one transaction).
     */
    private void runUnit(List<List<WorkItem>> unit, boolean deletion, PassStats stats) {
        if (stopping) {
            return;
        }
        List<Set<ObjectRef>> groups = new ArrayList<>(unit.size());
        for (List<WorkItem> cohort : unit) {
            Set<ObjectRef> refs = new LinkedHashSet<>();
            cohort.forEach(i -> refs.add(i.ref()));
            groups.add(refs);
        }
        boolean[] claimed = claims.claim(groups);
        List<ObjectRef> mine = new ArrayList<>();
        List<List<WorkItem>> cohorts = new ArrayList<>();
        for (int i = 0; i < unit.size(); i++) {
            if (claimed[i]) {
                mine.addAll(groups.get(i));
                cohorts.add(unit.get(i));
            } else {
                stats.unclaimed.addAndGet(groups.get(i).size());
                LOG.debug("Cohort of {} is claimed elsewhere", groups.get(i).iterator().next());
            }
        }
        Bookkeeping book = new Bookkeeping(store, this::quietly, time);
        try {
            List<WorkItem> items = new ArrayList<>(mine.size());
            cohorts.forEach(items::addAll);
            Map<ObjectRef, ModelObject> fresh = reload(items, deletion);
            if (!deletion) {
                markNeedDelete(fresh.values());
            }
            for (List<WorkItem> cohort : cohorts) {
                List<WorkItem> current = new ArrayList<>(cohort.size());
                for (WorkItem item : cohort) {
                    ModelObject o = fresh.get(item.ref());
                    if (o != null) { // gone from the phase (e.g. deleted meanwhile): nothing to do
                        current.add(item.on(o));
                    }
                }
                runner.run(current, deletion, stats, book);
            }
        } finally {
            // the last results and the release of the claims commit together when they can
            if (!killed && !book.flush(() -> claims.releaseInTransaction(mine))) {
                claims.release(mine);
            }
        }
    }

    /** Runs our own bookkeeping so that its change notices do not start another pass. */
    private <T> T quietly(Callable<T> work) throws Exception {
        ownWrites.set(true);
        try {
            return work.call();
        } finally {
            ownWrites.set(false);
        }
    }

    /**
     * The claimed objects as they are now, model by model, dependencies first: an object whose row
     * version is the one it was read at in the pass is taken as it was read; the others are read
     * again (one query per chunk of ids), and those no longer in the phase are left out. Reading
     * dependencies first matters: an object deleted meanwhile takes its dependents with it, so none
     * of them is seen live after its dependency was seen gone.
     */
    private Map<ObjectRef, ModelObject> reload(List<WorkItem> items, boolean deletion) {
        Map<String, List<WorkItem>> byModel = new TreeMap<>(dependenciesFirst);
        for (WorkItem i : items) {
            byModel.computeIfAbsent(i.ref().model(), k -> new ArrayList<>()).add(i);
        }
        Map<ObjectRef, ModelObject> fresh = new HashMap<>();
        for (Map.Entry<String, List<WorkItem>> e : byModel.entrySet()) {
            List<Long> stale = new ArrayList<>();
            Map<Long, Long> now = versionsNow(e.getKey(), e.getValue());
            for (WorkItem i : e.getValue()) {
                Long version = now.get(i.ref().id());
                if (i.version() == null) {
                    stale.add(i.ref().id());
                } else if (i.version().equals(version)) {
                    fresh.putIfAbsent(i.ref(), i.object());
                } else if (version != null) { // changed; without a version it is gone
                    stale.add(i.ref().id());
                }
            }
            read(e.getKey(), stale, deletion, fresh);
        }
        return fresh;
    }

    /** The row versions now of the items' objects that have one from the pass (none: nothing to ask). */
    private Map<Long, Long> versionsNow(String model, List<WorkItem> items) {
        Set<Long> ids = new LinkedHashSet<>();
        for (WorkItem i : items) {
            if (i.version() != null) {
                ids.add(i.ref().id());
            }
        }
        return ids.isEmpty() ? Map.of() : store.rowVersions(model, ids);
    }

    /** Reads the objects of {@code model} with these ids that are in the phase into {@code fresh}. */
    private void read(String model, List<Long> ids, boolean deletion, Map<ObjectRef, ModelObject> fresh) {
        for (int from = 0; from < ids.size(); from += 500) {
            Map<String, Object> criteria = new HashMap<>();
            criteria.put("id__in", ids.subList(from, Math.min(ids.size(), from + 500)));
            criteria.put("deleted", deletion);
            for (ModelObject o : store.models(Actor.SYNC_STEP).get(model).filter(criteria)) {
                fresh.put(new ObjectRef(model, o.id()), o);
            }
        }
    }

    /**
     * Saves {@code backend_need_delete = true}, in one transaction and one JDBC batch per model,
     * for the objects about to be synced (pending and due) that do not carry it yet, before any
     * {@code syncRecord} of the unit.
     */
    private void markNeedDelete(Collection<ModelObject> objects) {
        Instant now = time.now();
        List<ModelObject> marks = new ArrayList<>();
        for (ModelObject o : objects) {
            if (!o.getBoolean("backend_need_delete") && CohortRunner.stillPending(o, false)
                    && BackendRegister.parse(o.getString("backend_register")).due(now, settings.backoff())) {
                marks.add(o);
            }
        }
        if (marks.isEmpty()) {
            return;
        }
        try {
            // unannounced: the unit's results, committed after the calls, announce these models
            quietly(() -> store.inUnannouncedTransaction(() -> {
                marks.forEach(o -> o.set("backend_need_delete", true));
                // one JDBC batch per table instead of a round trip per object
                store.saveBookkeeping(marks, List.of("backend_need_delete"));
                return null;
            }));
        } catch (Exception e) {
            // the runner marks each object itself before its call. Read them again dependencies
            // first, as reload does: an object deleted meanwhile takes its dependents with it, so
            // no dependent is seen live after its dependency was seen deleted (in any other order
            // the runner could skip a deleted, never-synced dependency and sync its dependent)
            LOG.debug("Bulk backend_need_delete failed: {}", e.toString());
            marks.sort(Comparator.comparing(o -> o.model().name(), dependenciesFirst));
            marks.forEach(ModelObject::refresh);
        }
    }

    /**
     * Whether work under our claims may go on; false (said once per stretch) while renewals have
     * failed for long enough that another replica might soon take the objects, so that no object
     * is synced by two replicas at once. The objects stay pending and are synced again later.
     */
    private boolean claimsSafe() {
        boolean safe = claims.safelyHeld();
        if (!safe && claimsWereSafe) {
            LOG.warn("Claims of {} were not renewed for two thirds of their {} lease; stopping the syncs under"
                    + " them", claims.owner(), settings.claimLease());
        }
        claimsWereSafe = safe;
        return safe;
    }

    /** Keeps our claims alive and drops those of replicas that died. */
    private void renewClaims() {
        try {
            claims.renew();
            if (claims.purgeExpired() > 0) {
                loop.signal(); // objects a dead replica held can be synced now
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not renew claims of {}: {}", claims.owner(), e.getMessage());
        }
    }

    /**
     * Purges deleted rows, dependents first so that what they point at can go in the same round;
     * only on the replica that holds the lease {@code reaper}.
     */
    private void reap() {
        try {
            if (!claims.holdLease("reaper")) {
                return;
            }
        } catch (RuntimeException e) {
            LOG.warn("Reaper skipped: cannot read its lease: {}", e.getMessage());
            return;
        }
        List<String> models = new ArrayList<>(order.order());
        Collections.reverse(models);
        for (String model : models) {
            try {
                int n = store.reap(model);
                if (n > 0) {
                    LOG.debug("Reaped {} deleted {} row(s)", n, model);
                }
            } catch (RuntimeException e) {
                LOG.warn("Reaping {} failed: {}", model, e.getMessage());
            }
        }
    }

    /**
     * Refreshes the per-model gauges from the store's counts, at most once a second while busy and
     * otherwise as often as {@link RecentScan} lets a count whose cost grows with the table run.
     */
    private void refreshGauges(PassStats stats) {
        Instant now = time.now();
        boolean busy = stats.synced() + stats.failed() > 0;
        if (busy && now.isBefore(gaugesRefreshed.plusSeconds(1))) {
            return;
        }
        gaugesRefreshed = now;
        try {
            gaugeCounts.get().value().forEach(metrics::setCounts);
        } catch (RuntimeException e) {
            LOG.debug("Could not count objects for the gauges: {}", e.toString());
        }
    }

    private List<ModelCounts> countObserved() {
        List<ModelCounts> counts = new ArrayList<>();
        for (String model : observed) {
            counts.add(store.counts(model));
        }
        return counts;
    }
}
