package io.xsync.runtime;

import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.xsync.api.Policy;
import io.xsync.api.PullStep;
import io.xsync.api.Step;
import io.xsync.api.SyncStep;
import io.xsync.runtime.config.ConfigException;
import io.xsync.runtime.config.ConfigKeys;
import io.xsync.runtime.config.XsyncConfig;
import io.xsync.runtime.internal.DataDirLock;
import io.xsync.runtime.internal.StepContextImpl;
import io.xsync.runtime.logging.LogLevels;
import io.xsync.runtime.schema.DependencyGraph;
import io.xsync.runtime.schema.ModelDef;
import io.xsync.runtime.schema.Schema;
import io.xsync.runtime.schema.WarningGroups;
import io.xsync.runtime.spi.Engine;
import io.xsync.runtime.spi.EngineAware;
import io.xsync.runtime.spi.EngineProvider;
import io.xsync.runtime.spi.SynchronizerContext;
import io.xsync.runtime.steps.LoadedSteps;
import io.xsync.runtime.steps.StepException;
import io.xsync.runtime.steps.StepKind;
import io.xsync.runtime.steps.StepLoader;
import io.xsync.runtime.store.Actor;
import io.xsync.runtime.store.Store;
import io.xsync.runtime.time.SystemTime;
import io.xsync.runtime.time.Time;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One running synchronizer: config, then schema, dependency graph, store, steps (initialised
 * with their {@link io.xsync.api.StepContext}), then the engines found through
 * {@link EngineProvider} started in order. {@link #stop(Duration)} stops the engines in reverse
 * order, closes the steps and the store.
 */
public final class Synchronizer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Synchronizer.class);

    private final SynchronizerContext context;
    private final List<Engine> engines;
    private final SynchronizerSummary summary;
    private final DataDirLock dataDirLock;
    private boolean stopped;

    private Synchronizer(SynchronizerContext context, List<Engine> engines, SynchronizerSummary summary,
                         DataDirLock dataDirLock) {
        this.context = context;
        this.engines = engines;
        this.summary = summary;
        this.dataDirLock = dataDirLock;
    }

    /**
     * Checks everything {@link #start(XsyncConfig)} checks (config, models, dependency graph,
     * required models, steps) without opening the store or starting engines.
     */
    public static SynchronizerSummary validate(XsyncConfig config) {
        Prepared p = prepare(config, SharedModels.withoutStore(config), false);
        return SynchronizerSummary.of(config, p.schema, p.steps, StoreOpener.describe(config), List.of());
    }

    /**
     * Locks {@code data_dir} when this synchronizer keeps anything there (see {@link #usesDataDir}),
     * loads schema and steps, opens the store and starts every engine; fails fast with one clear
     * message. A second synchronizer on a locked data directory is refused before it reads or
     * writes anything in it.
     */
    public static Synchronizer start(XsyncConfig config) {
        return start(config, StoreOpener.DEFAULT);
    }

    /** As {@link #start(XsyncConfig)}, with the store opened by {@code opener} (tests). */
    public static Synchronizer start(XsyncConfig config, StoreOpener opener) {
        return start(config, opener, SystemTime.INSTANCE);
    }

    /** As {@link #start(XsyncConfig, StoreOpener)}, with every engine and the store on {@code time} (tests). */
    public static Synchronizer start(XsyncConfig config, StoreOpener opener, Time time) {
        String name = config.get(ConfigKeys.NAME);
        MDC.put("sync", name);
        LogLevels.apply(config);
        DataDirLock lock = usesDataDir(config) ? DataDirLock.acquire(config.path(ConfigKeys.DATA_DIR), "xsync run")
                : null;
        try {
            return start(config, opener, time, name, lock);
        } catch (RuntimeException e) {
            if (lock != null) {
                lock.close();
            }
            throw e;
        }
    }

    /**
     * Loads schema and steps, opens the store (with {@code opener}) and initialises the steps, but
     * starts no engine and takes no data directory lock: the caller drives the steps itself (the
     * test kit runs one sync or policy pass, one pull or one event at a time). {@link #close()}
     * closes the steps and the store.
     */
    public static Synchronizer assemble(XsyncConfig config, StoreOpener opener) {
        String name = config.get(ConfigKeys.NAME);
        Prepared p = prepare(config, SharedModels.fromStore(config), true);
        Store store = opener.open(config, p.schema, p.models.ownership(p.steps));
        try {
            initSteps(config, p.steps, store);
        } catch (RuntimeException e) {
            closeSteps(p.steps);
            store.close();
            throw e;
        }
        SynchronizerContext ctx = new SynchronizerContext(name, config, p.schema, p.graph, store, p.steps,
                new CompositeMeterRegistry());
        return new Synchronizer(ctx, List.of(), SynchronizerSummary.of(config, p.schema, p.steps,
                StoreOpener.describe(config), List.of()), null);
    }

    /**
     * Whether the synchronizer keeps data in {@code data_dir}: the embedded H2 store (no
     * {@code store.url}) or the embedded broker ({@code event_bus.endpoint: embedded}).
     */
    static boolean usesDataDir(XsyncConfig config) {
        String url = config.get(ConfigKeys.STORE_URL);
        String endpoint = config.get(ConfigKeys.EVENT_BUS_ENDPOINT);
        return url == null || url.isBlank() || (endpoint != null && "embedded".equalsIgnoreCase(endpoint.trim()));
    }

    private static Synchronizer start(XsyncConfig config, StoreOpener opener, Time time, String name,
                                      DataDirLock lock) {
        Prepared p = prepare(config, SharedModels.fromStore(config), true);
        Store store = opener.open(config, p.schema, p.models.ownership(p.steps), time);
        LOG.info("{}", p.models.describe());
        List<Engine> started = new ArrayList<>();
        try {
            initSteps(config, p.steps, store);
            SynchronizerContext ctx = new SynchronizerContext(name, config, p.schema, p.graph, store, p.steps,
                    new CompositeMeterRegistry(), time);
            List<Engine> engines = createEngines(ctx);
            requireEngineForEveryStepKind(p.steps, engines);
            for (Engine engine : engines) {
                LOG.debug("starting engine {}", engine.name());
                engine.start();
                started.add(engine);
            }
            SynchronizerSummary summary = SynchronizerSummary.of(config, p.schema, p.steps,
                    StoreOpener.describe(config), started.stream().map(Engine::name).collect(Collectors.toList()));
            Synchronizer s = new Synchronizer(ctx, List.copyOf(started), summary, lock);
            LOG.info("{}", summary.oneLine());
            return s;
        } catch (RuntimeException e) {
            stopEngines(started, config.get(ConfigKeys.SHUTDOWN_TIMEOUT));
            closeSteps(p.steps);
            store.close();
            throw e;
        }
    }

    /** The shared context (schema, store, steps, metrics) the engines run with. */
    public SynchronizerContext context() {
        return context;
    }

    /** The engines that were started, in start order. */
    public List<Engine> engines() {
        return engines;
    }

    /** What was loaded and started. */
    public SynchronizerSummary summary() {
        return summary;
    }

    /** Stops the engines in reverse start order (each may take up to {@code timeout}), then closes steps and store. */
    public synchronized void stop(Duration timeout) {
        if (stopped) {
            return;
        }
        stopped = true;
        LOG.info("stopping synchronizer {}", context.name());
        stopEngines(engines, timeout);
        closeSteps(context.steps());
        context.store().close();
        if (dataDirLock != null) {
            dataDirLock.close();
        }
        LOG.info("synchronizer {} stopped", context.name());
    }

    /** {@link #stop(Duration)} with the configured {@code shutdown_timeout}. */
    @Override
    public void close() {
        stop(context.config().get(ConfigKeys.SHUTDOWN_TIMEOUT));
    }

    private record Prepared(SharedModels models, Schema schema, DependencyGraph graph, LoadedSteps steps) {
    }

    /**
     * Loads and checks everything; {@code logWarnings} logs the schema warnings (validate prints them
     * instead). The schema is {@code models}' union of this synchronizer's models and the others'.
     */
    private static Prepared prepare(XsyncConfig config, SharedModels models, boolean logWarnings) {
        Schema schema = models.schema();
        if (logWarnings) {
            WarningGroups.lines(schema.warningList()).forEach(w -> LOG.warn("{}", w));
        }
        checkRequiredModels(config, schema);
        DependencyGraph graph = graph(config, schema);
        LoadedSteps steps = StepLoader.load(config, schema);
        checkStepSettings(config, steps);
        String endpoint = config.get(ConfigKeys.EVENT_BUS_ENDPOINT);
        if (!steps.eventSteps().isEmpty() && (endpoint == null || endpoint.isBlank())) {
            throw new ConfigException(config.file() + ": event steps " + names(steps.eventSteps())
                    + " are loaded but event_bus.endpoint is not set");
        }
        return new Prepared(models, schema, graph, steps);
    }

    private static DependencyGraph graph(XsyncConfig config, Schema schema) {
        Path file = config.path(ConfigKeys.DEPENDENCY_GRAPH);
        if (file == null) {
            return DependencyGraph.derive(schema);
        }
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(config.where(ConfigKeys.DEPENDENCY_GRAPH) + ": dependency_graph " + file
                    + " does not exist");
        }
        DependencyGraph graph = DependencyGraph.load(file);
        for (String model : graph.edges().keySet()) {
            if (schema.find(model) == null) {
                throw new ConfigException(file + ": model '" + model + "' of the dependency graph is not defined in "
                        + "models_dir");
            }
        }
        return graph;
    }

    /** Every {@code steps.<name>} must be a mapping and name a loaded step (a typo would go unnoticed). */
    private static void checkStepSettings(XsyncConfig config, LoadedSteps steps) {
        List<String> names = all(steps).stream().map(Step::name).collect(Collectors.toList());
        for (Map.Entry<String, Object> e : config.get(ConfigKeys.STEPS).entrySet()) {
            if (!names.contains(e.getKey())) {
                throw new ConfigException(config.where(ConfigKeys.STEPS) + ": steps." + e.getKey()
                        + " names no loaded step (steps: " + (names.isEmpty() ? "none" : String.join(", ", names)) + ")");
            }
            if (!(e.getValue() instanceof Map)) {
                throw new ConfigException(config.where(ConfigKeys.STEPS) + ": steps." + e.getKey()
                        + " must be a mapping of settings");
            }
        }
    }

    private static void checkRequiredModels(XsyncConfig config, Schema schema) {
        for (String model : config.get(ConfigKeys.REQUIRED_MODELS)) {
            if (schema.find(model) == null) {
                throw new ConfigException(config.where(ConfigKeys.REQUIRED_MODELS) + ": required model '" + model
                        + "' is not defined in models_dir (known: " + schema.models().stream().map(ModelDef::name)
                        .collect(Collectors.joining(", ")) + ")");
            }
        }
    }

    private static void initSteps(XsyncConfig config, LoadedSteps steps, Store store) {
        String name = config.get(ConfigKeys.NAME);
        for (Step step : all(steps)) {
            StepContextImpl ctx = new StepContextImpl(name, store.models(actorOf(step)),
                    config.stepSettings(step.name()), store, config.baseDir());
            try {
                step.init(ctx);
            } catch (RuntimeException e) {
                throw new StepException("step '" + step.name() + "': init failed: " + e.getMessage(), e);
            }
        }
    }

    /** The actor whose rules a step's saves follow. */
    static Actor actorOf(Step step) {
        if (step instanceof SyncStep) {
            return Actor.SYNC_STEP;
        }
        if (step instanceof Policy) {
            return Actor.POLICY;
        }
        if (step instanceof PullStep) {
            return Actor.PULL_STEP;
        }
        return Actor.EVENT_STEP;
    }

    private static List<Engine> createEngines(SynchronizerContext ctx) {
        List<EngineProvider> providers = new ArrayList<>();
        ServiceLoader.load(EngineProvider.class, Synchronizer.class.getClassLoader()).forEach(providers::add);
        providers.sort(Comparator.comparingInt(EngineProvider::order)
                .thenComparing(pr -> pr.getClass().getName()));
        List<Engine> engines = new ArrayList<>();
        for (EngineProvider provider : providers) {
            Optional<Engine> engine = provider.create(ctx);
            engine.ifPresent(engines::add);
        }
        for (Engine engine : engines) {
            if (engine instanceof EngineAware aware) {
                aware.engines(List.copyOf(engines));
            }
        }
        return engines;
    }

    /** Steps of a kind that no engine runs would be ignored in silence: refuse to start instead. */
    static void requireEngineForEveryStepKind(LoadedSteps steps, List<Engine> engines) {
        Map<StepKind, List<? extends Step>> byKind = Map.of(StepKind.SYNC, steps.syncSteps(),
                StepKind.POLICY, steps.policies(), StepKind.PULL, steps.pullSteps(), StepKind.EVENT, steps.eventSteps());
        for (StepKind kind : StepKind.values()) {
            List<? extends Step> loaded = byKind.get(kind);
            if (!loaded.isEmpty() && engines.stream().noneMatch(e -> e.runs().contains(kind))) {
                throw new StepException(kind.label() + "s " + loaded.stream().map(Step::name).toList()
                        + " are loaded but no engine runs " + kind.label() + "s"
                        + (kind == StepKind.EVENT ? " (is xsync-kafka on the classpath?)" : ""));
            }
        }
    }

    private static void stopEngines(List<Engine> engines, Duration timeout) {
        for (int i = engines.size() - 1; i >= 0; i--) {
            Engine engine = engines.get(i);
            try {
                engine.stop(timeout);
            } catch (RuntimeException e) {
                LOG.error("engine {} failed to stop cleanly: {}", engine.name(), e.toString(), e);
            }
        }
    }

    private static void closeSteps(LoadedSteps steps) {
        for (Step step : all(steps)) {
            try {
                step.close();
            } catch (RuntimeException e) {
                LOG.warn("step {} failed to close: {}", step.name(), e.toString());
            }
        }
    }

    static List<Step> all(LoadedSteps steps) {
        List<Step> all = new ArrayList<>();
        all.addAll(steps.syncSteps());
        all.addAll(steps.policies());
        all.addAll(steps.pullSteps());
        all.addAll(steps.eventSteps());
        return all;
    }

    private static String names(List<? extends Step> steps) {
        return steps.stream().map(Step::name).collect(Collectors.toList()).toString();
    }
}
