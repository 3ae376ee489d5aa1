package io.xsync.runtime.store;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;

/**
 * Gauges of the store's HikariCP pool under Hikari's own meter names, read from the pool's MX
 * bean (so they work whether or not the pool has started).
 */
final class PoolMetrics {
    private PoolMetrics() {
    }

    /** Registers the pool gauges in {@code registry} unless they are there already. */
    static void bind(HikariDataSource hikari, MeterRegistry registry) {
        if (registry.find("hikaricp.connections.active").gauge() != null) {
            return;
        }
        String pool = hikari.getPoolName() == null ? "xsync" : hikari.getPoolName();
        gauge(registry, "hikaricp.connections", "Total connections", pool, hikari,
                HikariPoolMXBean::getTotalConnections);
        gauge(registry, "hikaricp.connections.active", "Connections in use", pool, hikari,
                HikariPoolMXBean::getActiveConnections);
        gauge(registry, "hikaricp.connections.idle", "Idle connections", pool, hikari,
                HikariPoolMXBean::getIdleConnections);
        gauge(registry, "hikaricp.connections.pending", "Threads waiting for a connection", pool, hikari,
                HikariPoolMXBean::getThreadsAwaitingConnection);
        Gauge.builder("hikaricp.connections.max", hikari, HikariDataSource::getMaximumPoolSize)
                .description("Maximum connections").tag("pool", pool).register(registry);
    }

    private static void gauge(MeterRegistry registry, String name, String description, String pool,
                              HikariDataSource ds, ToDoubleFunction<HikariPoolMXBean> value) {
        Gauge.builder(name, ds, d -> {
            HikariPoolMXBean bean = d.getHikariPoolMXBean();
            return bean == null ? 0 : value.applyAsDouble(bean);
        }).description(description).tag("pool", pool).register(registry);
    }
}
