package io.xsync.runtime.sync;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.xsync.runtime.internal.StepTally;
import io.xsync.runtime.store.ModelCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sync engine's meters: {@code xsync.sync.duration} (timer per model, step and phase),
 * {@code xsync.sync.failures} (counter per model, step and kind) and the gauges
 * {@code xsync.sync.objects} per model and state ({@code ok}, {@code pending}, {@code error},
 * {@code no_sync}, {@code deleted}: the states of {@link ModelCounts}, which partition the rows and
 * match the status summary), refreshed by the engine at most once a second. Every meter is
 * registered when the engine starts (at zero), so dashboards and alerts see them before the first
 * failure.
 */
final class SyncMetrics {
    /** Gauge states. */
    static final String OK = "ok";
    static final String PENDING = "pending";
    static final String ERROR = "error";
    static final String NO_SYNC = "no_sync";
    static final String DELETED = "deleted";
    static final List<String> STATES = List.of(OK, PENDING, ERROR, NO_SYNC, DELETED);
    /** Failure kinds counted by {@code xsync.sync.failures}. */
    static final List<SyncOutcome.Kind> FAILURES = List.of(SyncOutcome.Kind.ERROR, SyncOutcome.Kind.INNOCUOUS,
            SyncOutcome.Kind.DEFERRED, SyncOutcome.Kind.SKIPPED);

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, StepTally> tallies = new ConcurrentHashMap<>();

    SyncMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A call of {@code step} took {@code d}, timed at {@code at}. */
    void recordDuration(String model, String step, boolean deletion, Duration d, Instant at) {
        duration(model, step, deletion ? "delete" : "sync").record(d);
        tally(step).called(at);
    }

    void countSuccess(String step) {
        tally(step).succeeded();
    }

    /** The tally of one step (created at zero). */
    StepTally tally(String step) {
        return tallies.computeIfAbsent(step, k -> new StepTally());
    }

    private Timer duration(String model, String step, String phase) {
        return timers.computeIfAbsent(model + '\0' + step + '\0' + phase, k -> Timer.builder("xsync.sync.duration")
                .description("Time spent in syncRecord/deleteRecord")
                .tags("model", model, "step", step, "phase", phase).register(registry));
    }

    /** Registers the object gauges of {@code model} and the failure counters and timers of its steps, at zero. */
    void register(String model, Collection<String> steps) {
        for (String state : STATES) {
            setObjects(model, state, 0);
        }
        for (String step : steps) {
            for (SyncOutcome.Kind kind : FAILURES) {
                failures(model, step, kind);
            }
            duration(model, step, "sync");
            duration(model, step, "delete");
        }
    }

    void countFailure(String model, String step, SyncOutcome.Kind kind, String message) {
        failures(model, step, kind).increment();
        if (kind == SyncOutcome.Kind.ERROR || kind == SyncOutcome.Kind.INNOCUOUS) {
            tally(step).failed(message);
        }
    }

    private Counter failures(String model, String step, SyncOutcome.Kind kind) {
        String k = kind.name().toLowerCase(Locale.ROOT);
        return counters.computeIfAbsent(model + '\0' + step + '\0' + k, x -> Counter.builder("xsync.sync.failures")
                .description("Failed syncRecord/deleteRecord calls")
                .tags("model", model, "step", step, "kind", k).register(registry));
    }

    /** Sets every state gauge of one model from its counts. */
    void setCounts(ModelCounts c) {
        setObjects(c.model(), OK, c.ok());
        setObjects(c.model(), PENDING, c.pending());
        setObjects(c.model(), ERROR, c.error());
        setObjects(c.model(), NO_SYNC, c.noSync());
        setObjects(c.model(), DELETED, c.deleted());
    }

    void setObjects(String model, String state, long value) {
        gauges.computeIfAbsent(model + '\0' + state, k -> {
            AtomicLong v = new AtomicLong();
            Gauge.builder("xsync.sync.objects", v, AtomicLong::get)
                    .description("Objects per sync state, refreshed once per pass")
                    .tags("model", model, "state", state).register(registry);
            return v;
        }).set(value);
    }

    long objects(String model, String state) {
        AtomicLong v = gauges.get(model + '\0' + state);
        return v == null ? 0 : v.get();
    }
}
