package io.xsync.runtime.sync;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sync engine's meters: {@code xsync.sync.duration} (timer per model, step and phase),
 * {@code xsync.sync.failures} (counter per model, step and kind) and the gauges
 * {@code xsync.sync.objects} per model and state ({@code ok}, {@code pending}, {@code error},
 * {@code deleted}), refreshed by the engine once per pass.
 */
final class SyncMetrics {
    /** Gauge states. */
    static final String OK = "ok";
    static final String PENDING = "pending";
    static final String ERROR = "error";
    static final String DELETED = "deleted";

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    SyncMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void recordDuration(String model, String step, boolean deletion, Duration d) {
        String phase = deletion ? "delete" : "sync";
        timers.computeIfAbsent(model + '\0' + step + '\0' + phase, k -> Timer.builder("xsync.sync.duration")
                .description("Time spent in syncRecord/deleteRecord")
                .tags("model", model, "step", step, "phase", phase).register(registry)).record(d);
    }

    void countFailure(String model, String step, SyncOutcome.Kind kind) {
        String k = kind.name().toLowerCase(java.util.Locale.ROOT);
        counters.computeIfAbsent(model + '\0' + step + '\0' + k, x -> Counter.builder("xsync.sync.failures")
                .description("Failed syncRecord/deleteRecord calls")
                .tags("model", model, "step", step, "kind", k).register(registry)).increment();
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
