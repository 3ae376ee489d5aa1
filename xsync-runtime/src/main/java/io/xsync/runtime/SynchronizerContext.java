package io.xsync.runtime;

import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.xsync.runtime.config.XsyncConfig;
import io.xsync.runtime.schema.DependencyGraph;
import io.xsync.runtime.schema.Schema;
import io.xsync.runtime.steps.LoadedSteps;
import io.xsync.runtime.store.Store;

/**
 * What every engine of one synchronizer shares. Steps in {@link #steps()} are already
 * initialised with their {@link io.xsync.api.StepContext}.
 */
public record SynchronizerContext(String name, XsyncConfig config, Schema schema, DependencyGraph graph,
                                  Store store, LoadedSteps steps, CompositeMeterRegistry metrics) {
}
