package io.xsync.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Micrometer meters of one event step, tagged {@code step=<name>}:
 * {@code xsync.events.processed} (committed events), {@code xsync.events.failed} (failed
 * attempts), {@code xsync.events.retried}, {@code xsync.events.dead_lettered},
 * {@code xsync.events.store_waits} (waits for an unreachable database, which are not failures),
 * {@code xsync.events.processing} (time in {@code processEvent}) and {@code xsync.events.lag}
 * (events on the broker not processed yet, over the step's assigned partitions; NaN while it
 * cannot be known, e.g. while the broker does not answer).
 */
final class StepMetrics {
    final Counter processed;
    final Counter failed;
    final Counter retried;
    final Counter deadLettered;
    final Counter storeWaits;
    final Timer processing;
    private final AtomicLong lag = new AtomicLong();
    private final EventRate rate = new EventRate();
    private final MeterRegistry registry;
    private final Gauge lagGauge;

    StepMetrics(MeterRegistry registry, String step) {
        this.registry = registry;
        processed = Counter.builder("xsync.events.processed").tag("step", step)
                .description("Events processed and committed").register(registry);
        failed = Counter.builder("xsync.events.failed").tag("step", step)
                .description("Failed processing attempts").register(registry);
        retried = Counter.builder("xsync.events.retried").tag("step", step)
                .description("Retries of failed events").register(registry);
        deadLettered = Counter.builder("xsync.events.dead_lettered").tag("step", step)
                .description("Events sent to the dead-letter topic").register(registry);
        storeWaits = Counter.builder("xsync.events.store_waits").tag("step", step)
                .description("Waits for the database during an outage (not failed attempts)").register(registry);
        processing = Timer.builder("xsync.events.processing").tag("step", step)
                .description("Time spent in processEvent").register(registry);
        lagGauge = Gauge.builder("xsync.events.lag", lag, l -> l.get() < 0 ? Double.NaN : l.get()).tag("step", step)
                .description("Events on the broker not processed yet (NaN while unknown)").register(registry);
    }

    /** Removes the lag gauge (it would report a stopped consumer); counters keep their totals. */
    void close() {
        registry.remove(lagGauge);
    }

    void lag(long value) {
        lag.set(value);
    }

    /** The lag cannot be known now (e.g. the broker does not answer). */
    void lagUnknown() {
        lag.set(-1);
    }

    /** The last lag computed, or null while unknown. */
    Long lag() {
        long v = lag.get();
        return v < 0 ? null : v;
    }

    /** Records the processed count at {@code nanoTime}; the poll thread calls it about once a second. */
    void sampleRate(long nanoTime) {
        rate.sample(nanoTime, (long) processed.count());
    }

    /** Events processed per second over about the last minute (0 until two samples exist). */
    double rate() {
        return rate.perSecond();
    }
}
