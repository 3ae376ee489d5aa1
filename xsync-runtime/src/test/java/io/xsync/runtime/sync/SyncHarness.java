package io.xsync.runtime.sync;

import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.xsync.api.Policy;
import io.xsync.api.StepContext;
import io.xsync.api.SyncStep;
import io.xsync.runtime.SynchronizerContext;
import io.xsync.runtime.internal.StepContextImpl;
import io.xsync.runtime.schema.DependencyGraph;
import io.xsync.runtime.schema.DependencyGraph.Edge;
import io.xsync.runtime.steps.LoadedSteps;
import io.xsync.runtime.store.Actor;
import io.xsync.runtime.store.Store;
import io.xsync.runtime.time.SystemTime;
import io.xsync.runtime.time.Time;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Wiring for engine integration tests: contexts, step initialisation and the chain graph. */
public final class SyncHarness {
    private SyncHarness() {
    }

    /** The dependency graph of {@code TestSchemas.chain()}, written out by hand. */
    public static DependencyGraph chainGraph() {
        Map<String, List<Edge>> e = new LinkedHashMap<>();
        e.put("Site", List.of());
        e.put("Slice", List.of(new Edge("Site", "site", "")));
        e.put("Image", List.of());
        e.put("Instance", List.of(new Edge("Slice", "slice", ""), new Edge("Image", "image", "")));
        e.put("Service", List.of());
        e.put("VsgService", List.of());
        e.put("Tenant", List.of(new Edge("Service", "provider", "")));
        return new DependencyGraph(e);
    }

    /** A context over {@code store} whose steps are initialised as the bootstrap would. */
    public static SynchronizerContext context(Store store, List<SyncStep> syncSteps, List<Policy> policies) {
        return context(store, chainGraph(), syncSteps, policies);
    }

    /** A context over {@code store} with dependency graph {@code graph}. */
    public static SynchronizerContext context(Store store, DependencyGraph graph, List<SyncStep> syncSteps,
                                              List<Policy> policies) {
        return context(store, graph, syncSteps, policies, SystemTime.INSTANCE);
    }

    /** A context over {@code store} whose engines run on {@code time}. */
    public static SynchronizerContext context(Store store, List<SyncStep> syncSteps, List<Policy> policies,
                                              Time time) {
        return context(store, chainGraph(), syncSteps, policies, time);
    }

    private static SynchronizerContext context(Store store, DependencyGraph graph, List<SyncStep> syncSteps,
                                               List<Policy> policies, Time time) {
        for (SyncStep s : syncSteps) {
            s.init(stepContext(store, Actor.SYNC_STEP));
        }
        for (Policy p : policies) {
            p.init(stepContext(store, Actor.POLICY));
        }
        CompositeMeterRegistry metrics = new CompositeMeterRegistry();
        metrics.add(new SimpleMeterRegistry());
        return new SynchronizerContext("test", null, store.schema(), graph, store,
                new LoadedSteps(syncSteps, policies, List.of(), List.of()), metrics, time);
    }

    /** Settings for tests: fast safety pass, quick reaper, given thread count. */
    public static SyncSettings settings(int threads) {
        return SyncSettings.defaults().withThreads(threads).withSafetyInterval(Duration.ofMillis(500))
                .withReapInterval(Duration.ofMillis(200));
    }

    static StepContext stepContext(Store store, Actor actor) {
        return new StepContextImpl("test", store.models(actor), Map.of(), store, Path.of("."));
    }

}
