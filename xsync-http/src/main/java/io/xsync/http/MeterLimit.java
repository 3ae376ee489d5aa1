package io.xsync.http;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses new meters once a registry holds {@code max} of them, so that nothing (a tag fed by
 * outside input, a bug) can grow {@code /metrics} and the heap without bound. Logged once.
 */
final class MeterLimit implements MeterFilter {
    private static final Logger LOG = LoggerFactory.getLogger(MeterLimit.class);

    private final MeterRegistry registry;
    private final int max;
    private final AtomicBoolean warned = new AtomicBoolean();

    MeterLimit(MeterRegistry registry, int max) {
        this.registry = registry;
        this.max = max;
    }

    @Override
    public MeterFilterReply accept(Meter.Id id) {
        if (registry.getMeters().size() < max) {
            return MeterFilterReply.NEUTRAL;
        }
        if (warned.compareAndSet(false, true)) {
            LOG.warn("metrics registry holds {} meters (http.limits.max_meters); dropping new meters, first {}",
                    max, id.getName());
        }
        return MeterFilterReply.DENY;
    }
}
