package io.xsync.runtime.spi;

import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.xsync.runtime.config.XsyncConfig;
import io.xsync.runtime.schema.DependencyGraph;
import io.xsync.runtime.schema.Schema;
import io.xsync.runtime.steps.LoadedSteps;
import io.xsync.runtime.store.Store;
import io.xsync.runtime.time.SystemTime;
import io.xsync.runtime.time.Time;

/**
 * What every engine of one synchronizer shares. Steps in {@link #steps()} are already
 * initialised with their {@link io.xsync.api.StepContext}. {@link #time()} is the clock every
 * engine reads and waits on (the store's too).
 */
public record SynchronizerContext(String name, XsyncConfig config, Schema schema, DependencyGraph graph,
                                  Store store, LoadedSteps steps, CompositeMeterRegistry metrics, Time time) {

    /** A context on the system clock. */
    public SynchronizerContext(String name, XsyncConfig config, Schema schema, DependencyGraph graph, Store store,
                               LoadedSteps steps, CompositeMeterRegistry metrics) {
        this(name, config, schema, graph, store, steps, metrics, SystemTime.INSTANCE);
    }
}
