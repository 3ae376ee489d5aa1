package io.xsync.runtime.pull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.xsync.api.PullStep;
import io.xsync.runtime.internal.NamedThreads;
import io.xsync.runtime.internal.StepErrors;
import io.xsync.runtime.spi.Engine;
import io.xsync.runtime.spi.StatusContributor;
import io.xsync.runtime.steps.StepKind;
import io.xsync.runtime.store.ClaimTable;
import io.xsync.runtime.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Calls every pull step's {@link PullStep#pullRecords()} on its own interval, measured from the
 * end of one run to the start of the next so runs of one step never overlap, on threads named
 * {@code xsync-pull-N}. A step that keeps the inherited {@link PullStep#interval()} gets
 * {@code pull.interval}. A failure is logged, counted ({@code xsync.pull.failures}) and the step
 * runs again on schedule; runs are timed ({@code xsync.pull.duration}). The status section
 * {@code pull} shows, per step, the last run's start, end and outcome and the run and failure counts.
 *
 * <p>With a {@link ClaimTable}, each step runs on one replica: before each run the engine takes or
 * keeps the lease {@code pull:<step>} in the database; while another replica holds it the run is
 * skipped. The holder renews its leases while it lives and releases them when it stops; when it
 * dies, its leases expire after {@code sync.claim_lease} and the next replica whose turn comes
 * takes the step over.
 */
public final class PullEngine implements Engine, StatusContributor {
    private static final Logger LOG = LoggerFactory.getLogger(PullEngine.class);

    private final List<PullStep> steps;
    private final Duration defaultInterval;
    private final MeterRegistry registry;
    private final StepErrors errors = new StepErrors();
    private final Map<PullStep, PullRuns> runs = new LinkedHashMap<>();
    private final ClaimTable leases;
    private final Time time;
    private ScheduledExecutorService scheduler;

    /** An engine that runs every step here, whatever other processes do (one process, tests). */
    public PullEngine(List<PullStep> steps, Duration defaultInterval, MeterRegistry registry, Time time) {
        this(steps, defaultInterval, registry, null, time);
    }

    /**
     * @param leases where the replicas agree who runs each step; null runs every step here
     * @param time   the clock of the runs' start and end times in the status
     */
    public PullEngine(List<PullStep> steps, Duration defaultInterval, MeterRegistry registry, ClaimTable leases,
                      Time time) {
        this.leases = leases;
        this.time = time;
        this.steps = List.copyOf(steps);
        this.defaultInterval = defaultInterval;
        this.registry = registry;
        this.steps.forEach(s -> runs.put(s, new PullRuns()));
    }

    @Override
    public String statusSection() {
        return "pull";
    }

    @Override
    public List<StepStatus> stepStatus() {
        List<StepStatus> rows = new ArrayList<>();
        runs.forEach((step, r) -> rows.add(new StepStatus(step.name(), r.values())));
        return rows;
    }

    @Override
    public String name() {
        return "pull";
    }

    @Override
    public Set<StepKind> runs() {
        return Set.of(StepKind.PULL);
    }

    @Override
    public void start() {
        scheduler = Executors.newScheduledThreadPool(Math.max(1, Math.min(steps.size(), 4)),
                new NamedThreads("xsync-pull"));
        if (leases != null) {
            long renewMs = Math.max(100, leases.lease().toMillis() / 3);
            scheduler.scheduleWithFixedDelay(this::renewLeases, renewMs, renewMs, TimeUnit.MILLISECONDS);
        }
        for (PullStep step : steps) {
            failures(step); // meters exist from the start, at zero
            duration(step);
            long ms = Math.max(1, interval(step).toMillis());
            scheduler.scheduleWithFixedDelay(() -> run(step), 0, ms, TimeUnit.MILLISECONDS);
            LOG.info("Pull step {} runs every {}", step.name(), interval(step));
        }
        if (leases != null) {
            LOG.info("Pull engine started: {} step(s), replica {}", steps.size(), leases.owner());
        } else {
            LOG.info("Pull engine started: {} step(s), every step runs here", steps.size());
        }
    }

    @Override
    public void stop(Duration timeout) {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
        if (leases != null) {
            try {
                leases.releaseAll();
            } catch (RuntimeException e) {
                LOG.warn("Could not release the pull leases of {}: {}", leases.owner(), e.getMessage());
            }
        }
        LOG.info("Pull engine stopped");
    }

    /** The step's own interval, or {@code pull.interval} when it keeps the inherited one. */
    Duration interval(PullStep step) {
        try {
            boolean own = step.getClass().getMethod("interval").getDeclaringClass() != PullStep.class;
            return own ? step.interval() : defaultInterval;
        } catch (NoSuchMethodException e) {
            return defaultInterval;
        }
    }

    /** The lease a step's runs are bound to. */
    static String leaseName(PullStep step) {
        return "pull:" + step.name();
    }

    private void renewLeases() {
        try {
            leases.renew();
            leases.purgeExpired();
        } catch (RuntimeException e) {
            LOG.warn("Could not renew the pull leases of {}: {}", leases.owner(), e.getMessage());
        }
    }

    /** Whether this replica holds the step's lease now (always, without a lease table). */
    private boolean mayRun(PullStep step) {
        if (leases == null) {
            return true;
        }
        try {
            return leases.holdLease(leaseName(step));
        } catch (RuntimeException e) {
            LOG.warn("Pull step {} skipped: cannot read its lease: {}", step.name(), e.getMessage());
            return false;
        }
    }

    /** One run of a step, if this replica holds its lease; never throws, so the schedule goes on. */
    void run(PullStep step) {
        if (!mayRun(step)) {
            LOG.debug("Pull step {} runs on another replica", step.name());
            return;
        }
        MDC.put("step", step.name());
        PullRuns r = runs.getOrDefault(step, new PullRuns());
        Throwable failure = null;
        r.started(time.now());
        Timer.Sample sample = Timer.start(registry);
        try {
            step.pullRecords();
            LOG.debug("Pull step {} done", step.name());
        } catch (Exception | LinkageError | AssertionError e) {
            failure = e;
            failures(step).increment();
            LOG.warn("Pull step {} failed: {}", step.name(), e.toString(), errors.firstTime(step.name(), e));
        } finally {
            r.ended(time.now(), failure);
            sample.stop(duration(step));
            MDC.remove("step");
        }
    }

    private Counter failures(PullStep step) {
        return Counter.builder("xsync.pull.failures").description("Failed pull step runs").tag("step", step.name())
                .register(registry);
    }

    private Timer duration(PullStep step) {
        return Timer.builder("xsync.pull.duration").description("Time of pull step runs").tag("step", step.name())
                .register(registry);
    }
}
