package io.xsync.runtime.policy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.xsync.api.ModelObject;
import io.xsync.api.Policy;
import io.xsync.api.Save;
import io.xsync.runtime.config.ConfigKeys;
import io.xsync.runtime.internal.NamedThreads;
import io.xsync.runtime.internal.PassLoop;
import io.xsync.runtime.internal.StepErrors;
import io.xsync.runtime.internal.StepTally;
import io.xsync.runtime.schema.ModelOrder;
import io.xsync.runtime.spi.Engine;
import io.xsync.runtime.spi.StatusContributor;
import io.xsync.runtime.spi.SynchronizerContext;
import io.xsync.runtime.steps.StepKind;
import io.xsync.runtime.store.ClaimTable;
import io.xsync.runtime.store.ObjectRef;
import io.xsync.runtime.store.Store;
import io.xsync.runtime.time.Time;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs model policies for objects that are dirty for policy (docs/semantics.md, "Dirty for sync, dirty for policy"), on one thread
 * ({@code xsync-policy-loop}), models in dependency order. For each object every policy of its
 * model is called, in one transaction with the bookkeeping: {@code handleDelete} for deleted
 * objects, {@code handleCreate} when {@code policed} is null, else {@code handleUpdate}. On
 * success {@code policed = max(updated, changed_by_step)}, {@code policy_status = "done"},
 * {@code policy_code = 1}; on failure the policy's writes roll back, the message goes to
 * {@code policy_status} with {@code policy_code = 2} and the object stays dirty: it is retried
 * when it changes again or after the safety interval, and the other objects go on.
 *
 * <p>Replicas share the work through claims in the database ({@link ClaimTable}, scope
 * {@code policy}): an object is claimed before it is read for policing and released after the
 * outcome committed, and it is policed only if it is still dirty once claimed, so no policy runs
 * twice for one change, neither at once on two replicas nor one after the other. The claims of a
 * replica that died expire after {@code sync.claim_lease}; then another replica polices the object.
 */
public final class PolicyEngine implements Engine, StatusContributor {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyEngine.class);

    /** The version of an object that failed, so it is not retried in a tight loop. */
    private record FailureMark(Instant updated, Instant changedByStep, Instant at) {
    }

    private final Store store;
    private final Map<String, List<Policy>> policies = new LinkedHashMap<>();
    private final Duration retryAfter;
    private final MeterRegistry registry;
    private final StepErrors errors = new StepErrors();
    private final Map<String, StepTally> tallies = new ConcurrentHashMap<>();
    private final PassLoop loop;
    private final Map<ObjectRef, FailureMark> failures = new ConcurrentHashMap<>();
    private final ClaimTable claims;
    private final Duration claimLease;
    private final Time time;
    private ScheduledExecutorService renewer;

    /**
     * @param retryAfter how long a failed object waits before it is retried without a change
     */
    public PolicyEngine(SynchronizerContext ctx, Duration retryAfter) {
        this(ctx, retryAfter, ctx.config() == null ? ConfigKeys.SYNC_CLAIM_LEASE.defaultValue()
                : ctx.config().get(ConfigKeys.SYNC_CLAIM_LEASE));
    }

    /**
     * @param retryAfter how long a failed object waits before it is retried without a change
     * @param claimLease how long this replica's claims outlive it (renewed while it runs)
     */
    public PolicyEngine(SynchronizerContext ctx, Duration retryAfter, Duration claimLease) {
        this.store = ctx.store();
        this.time = ctx.time();
        this.claimLease = claimLease;
        this.claims = store.claims(ctx.name() + "-" + UUID.randomUUID().toString()
                .substring(0, 8), claimLease, "policy");
        this.retryAfter = retryAfter;
        this.registry = ctx.metrics();
        List<String> models = new ArrayList<>();
        ctx.schema().models().forEach(m -> models.add(m.name()));
        for (String model : new ModelOrder(ctx.graph(), models).order()) {
            for (Policy p : ctx.steps().policies()) {
                if (p.modelName().equals(model)) {
                    policies.computeIfAbsent(model, k -> new ArrayList<>()).add(p);
                }
            }
        }
        for (Policy p : ctx.steps().policies()) {
            if (!policies.containsKey(p.modelName())) {
                LOG.warn("Policy {} names model {}, which the schema does not define; it will not run",
                        p.name(), p.modelName());
            }
        }
        this.loop = new PassLoop("xsync-policy-loop", this::runPassForLoop, retryAfter, time);
    }

    @Override
    public String name() {
        return "policy";
    }

    @Override
    public Set<StepKind> runs() {
        return Set.of(StepKind.POLICY);
    }

    @Override
    public void start() {
        Set<String> covered = store.schema().withDescendants(policies.keySet());
        store.addChangeListener(models -> {
            if (!Collections.disjoint(models, covered)) {
                loop.signal();
            }
        });
        renewer = Executors.newSingleThreadScheduledExecutor(new NamedThreads("xsync-policy-claims"));
        long renewMs = Math.max(100, claimLease.toMillis() / 3);
        renewer.scheduleWithFixedDelay(this::renewClaims, renewMs, renewMs, TimeUnit.MILLISECONDS);
        registerMeters();
        loop.start();
        LOG.info("Policy engine started for models {}, replica {}", policies.keySet(), claims.owner());
    }

    /** Finishes the object in hand (up to {@code timeout}), then releases this replica's claims. */
    @Override
    public void stop(Duration timeout) {
        loop.stop(timeout);
        if (renewer != null) {
            renewer.shutdownNow();
        }
        try {
            claims.releaseAll();
        } catch (RuntimeException e) {
            LOG.warn("Could not release the policy claims of {}: {}", claims.owner(), e.getMessage());
        }
        LOG.info("Policy engine stopped");
    }

    /** This replica's name in the claim table. */
    public String owner() {
        return claims.owner();
    }

    /** Keeps our claims alive and drops those of replicas that died (their objects get policed here). */
    private void renewClaims() {
        try {
            claims.renew();
            if (claims.purgeExpired() > 0) {
                loop.signal();
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not renew the policy claims of {}: {}", claims.owner(), e.getMessage());
        }
    }

    private Instant runPassForLoop() {
        runPass();
        return null;
    }

    /** Runs one pass on the calling thread; returns how many objects were policed successfully. */
    public int runPass() {
        int done = 0;
        for (Map.Entry<String, List<Policy>> e : policies.entrySet()) {
            List<ModelObject> dirty;
            try {
                dirty = store.dirtyForPolicy(e.getKey());
            } catch (RuntimeException ex) {
                LOG.warn("Could not read objects of {} dirty for policy: {}", e.getKey(), ex.getMessage());
                continue;
            }
            for (ModelObject o : dirty) {
                // objects of subclasses come as their leaf model; a subclass's own policies win
                String leaf = o.model().name();
                if (!e.getKey().equals(store.schema().nearestOf(leaf, policies.keySet()))) {
                    continue;
                }
                if (!waitsAfterFailure(o) && police(leaf, o.id(), e.getValue())) {
                    done++;
                }
            }
        }
        return done;
    }

    private boolean waitsAfterFailure(ModelObject o) {
        FailureMark f = failures.get(new ObjectRef(o.model().name(), o.id()));
        return f != null && Objects.equals(f.updated(), o.getInstant("updated"))
                && Objects.equals(f.changedByStep(), o.getInstant("changed_by_step"))
                && time.now().isBefore(f.at().plus(retryAfter));
    }

    /**
     * Claims the object and runs every policy of the model on it if it is still dirty; true on
     * success. False without running anything when another replica holds the claim or has policed
     * this version already.
     */
    private boolean police(String model, long id, List<Policy> modelPolicies) {
        ObjectRef ref = new ObjectRef(model, id);
        if (!claims.claim(ref)) {
            LOG.debug("{} is being policed by another replica", ref);
            return false;
        }
        try {
            Optional<ModelObject> found = store.dirtyForPolicy(model, id);
            return found.isPresent() && police(ref, found.get(), modelPolicies);
        } finally {
            claims.release(List.of(ref));
        }
    }

    private boolean police(ObjectRef ref, ModelObject obj, List<Policy> modelPolicies) {
        String model = ref.model();
        long id = ref.id();
        MDC.put("model", model);
        MDC.put("object", Long.toString(id));
        try {
            store.inTransaction(() -> {
                for (Policy p : modelPolicies) {
                    MDC.put("step", p.name());
                    call(p, obj);
                }
                write(obj, PolicyOutcome.done(obj.getInstant("updated"), obj.getInstant("changed_by_step")));
                return null;
            });
            failures.remove(ref);
            LOG.debug("Policies of {} done", ref);
            return true;
        } catch (Exception e) {
            fail(ref, obj, e);
            return false;
        } finally {
            MDC.remove("step");
            MDC.remove("model");
            MDC.remove("object");
        }
    }

    private void call(Policy p, ModelObject obj) throws Exception {
        Timer.Sample sample = Timer.start(registry);
        tally(p.name()).called(time.now());
        try {
            if (obj.getBoolean("deleted")) {
                p.handleDelete(obj);
            } else if (obj.getInstant("policed") == null) {
                p.handleCreate(obj);
            } else {
                p.handleUpdate(obj);
            }
        } catch (Exception e) {
            failures(obj.model().name(), p).increment();
            throw new PolicyFailure(p.name(), e);
        } finally {
            sample.stop(duration(obj.model().name(), p));
        }
    }

    private StepTally tally(String policy) {
        return tallies.computeIfAbsent(policy, k -> new StepTally());
    }

    @Override
    public String statusSection() {
        return "policy";
    }

    /**
     * One row per policy: its {@code model}, {@code calls} and {@code failures} (handler calls
     * that threw) since start, {@code last_call} and {@code last_error}.
     */
    @Override
    public List<StepStatus> stepStatus() {
        List<StepStatus> rows = new ArrayList<>();
        policies.forEach((model, list) -> list.forEach(p -> {
            StepTally t = tally(p.name());
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("model", model);
            v.put("calls", t.calls());
            v.put("failures", t.failures());
            v.put("last_call", t.lastCall());
            v.put("last_error", t.lastError());
            rows.add(new StepStatus(p.name(), v));
        }));
        return rows;
    }

    private Counter failures(String model, Policy p) {
        return Counter.builder("xsync.policy.failures").description("Failed policy calls")
                .tags("model", model, "policy", p.name()).register(registry);
    }

    private Timer duration(String model, Policy p) {
        return Timer.builder("xsync.policy.duration").description("Time spent in policy handlers")
                .tags("model", model, "policy", p.name()).register(registry);
    }

    /** Registers every policy's meters at zero, so that they exist before the first call. */
    private void registerMeters() {
        policies.forEach((model, list) -> list.forEach(p -> {
            failures(model, p);
            duration(model, p);
        }));
    }

    private void fail(ObjectRef ref, ModelObject obj, Exception e) {
        Throwable cause = e instanceof PolicyFailure pf ? pf.getCause() : e;
        String message = cause.getMessage() == null || cause.getMessage().isBlank()
                ? cause.getClass().getName() : cause.getMessage();
        String policy = e instanceof PolicyFailure pf ? pf.policy : "policy bookkeeping";
        if (e instanceof PolicyFailure) {
            tally(policy).failed(message);
        }
        LOG.warn("Policy {} failed on {}: {}", policy, ref, message, errors.firstTime(policy, cause));
        try {
            obj.refresh();
            failures.put(ref, new FailureMark(obj.getInstant("updated"), obj.getInstant("changed_by_step"),
                    time.now()));
            write(obj, PolicyOutcome.failed(message));
        } catch (RuntimeException ex) {
            LOG.warn("Could not record the policy failure of {}: {}", ref, ex.getMessage());
        }
    }

    private static void write(ModelObject o, Map<String, Object> fields) {
        Map<String, Object> changed = new LinkedHashMap<>();
        fields.forEach((k, v) -> {
            if (!Objects.equals(o.get(k), v)) {
                changed.put(k, v);
            }
        });
        if (!changed.isEmpty()) {
            changed.forEach(o::set);
            o.save(Save.updateFields(changed.keySet().toArray(new String[0])));
        }
    }

    /** A policy's exception, tagged with the policy's name. */
    private static final class PolicyFailure extends Exception {
        private static final long serialVersionUID = 1L;
        private final String policy;

        PolicyFailure(String policy, Exception cause) {
            super(cause);
            this.policy = policy;
        }
    }
}
