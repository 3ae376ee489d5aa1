package io.xsync.http;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.xsync.runtime.internal.XsyncVersion;
import io.xsync.runtime.store.Store;
import java.util.List;

/**
 * Plugs a Prometheus registry into the synchronizer's composite registry and binds JVM and
 * connection-pool meters to it. {@link #close()} undoes it.
 */
final class MetricsSetup implements AutoCloseable {

    private final CompositeMeterRegistry composite;
    private final PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    /**
     * Adds the Prometheus registry to {@code composite}, capped at {@code maxMeters} meters;
     * meters are bound by {@link #bind}.
     */
    MetricsSetup(CompositeMeterRegistry composite, int maxMeters) {
        this.composite = composite;
        prometheus.config().meterFilter(new MeterLimit(prometheus, maxMeters));
        prometheus.config().meterFilter(LATENCY_BUCKETS);
        composite.add(prometheus);
    }

    /**
     * The engines' latency timers ({@code xsync.sync.duration}, {@code xsync.events.processing},
     * ...) export fixed histogram buckets ({@code _bucket{le=...}}), so latencies can be
     * aggregated across replicas with {@code histogram_quantile}; twelve buckets from 1 ms to 10 s
     * keep the series count small. HTTP request timers, tagged by method, route and status, keep
     * count, sum and max only: with buckets they would multiply the series of every route by 13.
     */
    static final MeterFilter LATENCY_BUCKETS = new MeterFilter() {
        @Override
        public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
            if (id.getType() != Meter.Type.TIMER || !id.getName().startsWith("xsync.")
                    || id.getName().startsWith("xsync.http.")) {
                return config;
            }
            return DistributionStatisticConfig.builder()
                    .serviceLevelObjectives(BUCKETS_SECONDS.stream().mapToDouble(s -> s * 1e9).toArray())
                    .build().merge(config);
        }
    };

    static final List<Double> BUCKETS_SECONDS = List.of(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
            5.0, 10.0);

    /** Binds JVM meters, the store's connection-pool meters and {@code xsync_build_info}. */
    void bind(Store store) {
        Gauge.builder("xsync.build.info", () -> 1).description("Version of xsync and of Java; always 1")
                .tag("version", XsyncVersion.get()).tag("java", System.getProperty("java.version"))
                .register(composite);
        new JvmMemoryMetrics().bindTo(composite);
        gc.bindTo(composite);
        new JvmThreadMetrics().bindTo(composite);
        new ClassLoaderMetrics().bindTo(composite);
        new ProcessorMetrics().bindTo(composite);
        new UptimeMetrics().bindTo(composite);
        store.bindPoolMetrics(composite);
    }

    /** The current value of every meter in Prometheus text format. */
    String scrape() {
        return prometheus.scrape();
    }

    @Override
    public void close() {
        gc.close();
        composite.remove(prometheus);
        prometheus.close();
    }
}
