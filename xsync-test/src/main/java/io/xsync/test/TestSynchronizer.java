package io.xsync.test;

import io.xsync.api.Event;
import io.xsync.api.EventStep;
import io.xsync.api.Model;
import io.xsync.api.Models;
import io.xsync.api.PullStep;
import io.xsync.api.XsyncException;
import io.xsync.runtime.StoreOpener;
import io.xsync.runtime.Synchronizer;
import io.xsync.runtime.config.ConfigKeys;
import io.xsync.runtime.config.ConfigOverrides;
import io.xsync.runtime.config.XsyncConfig;
import io.xsync.runtime.policy.PolicyEngine;
import io.xsync.runtime.spi.SynchronizerContext;
import io.xsync.runtime.store.Actor;
import io.xsync.runtime.sync.PassStats;
import io.xsync.runtime.sync.SyncEngine;
import io.xsync.runtime.sync.SyncSettings;
import io.xsync.runtime.time.SystemTime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A synchronizer's models, store and steps, with nothing running by itself: the test drives it.
 * {@link #event(String, String)} hands an event to the event steps of its topic (in one
 * transaction, as the event engine does, without a broker), {@link #syncPass()} and
 * {@link #policyPass()} run one pass of the sync steps or model policies, {@link #pull()} runs the
 * pull steps once, and {@link #models()} reads and writes objects as an API client does.
 *
 * <p>Usually made by {@link XsyncExtension}; {@link #start(Path)} makes one by hand (close it).
 */
public final class TestSynchronizer implements AutoCloseable {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Synchronizer synchronizer;
    private final TestStore testStore;
    private final Map<String, Long> offsets = new HashMap<>();
    private SyncEngine syncEngine;
    private PolicyEngine policyEngine;

    private TestSynchronizer(Synchronizer synchronizer, TestStore testStore) {
        this.synchronizer = synchronizer;
        this.testStore = testStore;
    }

    /** The synchronizer of {@code configFile} on a fresh in-memory H2 store. */
    public static TestSynchronizer start(Path configFile) {
        return start(configFile, TestStore.h2(), List.of());
    }

    static TestSynchronizer start(Path configFile, TestStore store, List<String> sets) {
        XsyncConfig config = XsyncConfig.load(configFile.toAbsolutePath(), overrides(store, sets));
        return assemble(config, store);
    }

    static TestSynchronizer startModels(Path modelsDir, TestStore store, List<String> sets) {
        Path dir = modelsDir.toAbsolutePath().normalize();
        String yaml = "name: test\nmodels_dir: '" + dir.toString().replace("'", "''") + "'\n";
        XsyncConfig config = XsyncConfig.parse(yaml, dir.resolveSibling("xsync-test.yaml"), overrides(store, sets));
        return assemble(config, store);
    }

    private static ConfigOverrides overrides(TestStore store, List<String> sets) {
        List<String> all = new ArrayList<>();
        all.add(ConfigKeys.STORE_URL.path() + "=" + store.url());
        // events come from the test, not from a bus; the key only has to be set for event steps to load
        all.add(ConfigKeys.EVENT_BUS_ENDPOINT.path() + "=test-kit");
        all.addAll(sets);
        return ConfigOverrides.of(Map.of(), all);
    }

    private static TestSynchronizer assemble(XsyncConfig config, TestStore store) {
        try {
            return new TestSynchronizer(Synchronizer.assemble(config, StoreOpener.DEFAULT), store);
        } catch (RuntimeException e) {
            store.drop();
            throw e;
        }
    }

    /** Every model, read and written as an API client (a save marks the object dirty for the steps). */
    public Models models() {
        return context().store().models(Actor.API);
    }

    /** One model, as {@link #models()} gives it. */
    public Model model(String name) {
        return models().get(name);
    }

    /**
     * Hands a JSON (or any text) event to every event step of {@code topic}, one step after the
     * other, each in one transaction (a batch transaction, as in the running engine). The step's
     * exception is thrown as it is (a checked one wrapped in {@link XsyncException}); the test kit
     * does not retry or dead-letter.
     */
    public void event(String topic, String value) {
        event(topic, null, value);
    }

    /** As {@link #event(String, String)}, with a key. */
    public void event(String topic, String key, String value) {
        List<EventStep> steps = eventSteps(topic);
        Event event = nextEvent(topic, key, value);
        handToEach(steps, topic, step -> step.processEvent(event));
    }

    /**
     * Hands JSON (or any text) events, without keys, to every event step of {@code topic} as one
     * batch of partition 0: each step gets them in one {@code processEvents} call in one
     * transaction, as the running engine hands a step that overrides it a batch (steps that do
     * not override it get the events one after the other through {@code processEvent}). The
     * step's exception is thrown as it is; the test kit does not fall back to single events,
     * retry or dead-letter.
     */
    public void events(String topic, List<String> values) {
        List<EventStep> steps = eventSteps(topic);
        List<Event> events = new ArrayList<>(values.size());
        for (String value : values) {
            events.add(nextEvent(topic, null, value));
        }
        List<Event> batch = List.copyOf(events);
        handToEach(steps, topic, step -> step.processEvents(batch));
    }

    /** What the test hands an event step. */
    private interface StepCall {
        void run(EventStep step) throws Exception;
    }

    /** Runs {@code work} for each step, each in a batch transaction of its own. */
    private void handToEach(List<EventStep> steps, String topic, StepCall work) {
        for (EventStep step : steps) {
            call("event step " + step.name() + " on " + topic, () -> context().store().inBatchTransaction(() -> {
                work.run(step);
                return null;
            }));
        }
    }

    private Event nextEvent(String topic, String key, String value) {
        long offset = offsets.merge(topic, 1L, Long::sum) - 1;
        return new Event(topic, 0, offset, bytes(key), bytes(value), SystemTime.INSTANCE.now(), null);
    }

    /**
     * Runs one sync pass: every dirty object of the observed models through {@code syncRecord},
     * every deleted one through {@code deleteRecord}, in dependency order, then purges what is
     * fully deleted. An object that failed waits for its backoff, as in a running synchronizer.
     */
    public SyncPass syncPass() {
        if (syncEngine == null) {
            if (context().steps().syncSteps().isEmpty()) {
                throw new XsyncException("the synchronizer " + context().name() + " has no sync steps");
            }
            syncEngine = new SyncEngine(context(), SyncSettings.from(context().config()));
            syncEngine.startForCalls();
        }
        PassStats stats = syncEngine.runPass();
        syncEngine.reapDeleted();
        return new SyncPass(stats.synced(), stats.failed(), stats.deferred(), stats.skipped());
    }

    /** Runs one pass of the model policies over the objects created, updated or deleted since they last ran; returns how many were handled. */
    public int policyPass() {
        if (policyEngine == null) {
            if (context().steps().policies().isEmpty()) {
                throw new XsyncException("the synchronizer " + context().name() + " has no model policies");
            }
            policyEngine = new PolicyEngine(context(), context().config().get(ConfigKeys.SYNC_SAFETY_INTERVAL));
        }
        return policyEngine.runPass();
    }

    /** Runs every pull step's {@code pullRecords} once, in name order; a step's exception is thrown. */
    public void pull() {
        List<PullStep> steps = new ArrayList<>(context().steps().pullSteps());
        if (steps.isEmpty()) {
            throw new XsyncException("the synchronizer " + context().name() + " has no pull steps");
        }
        steps.sort((a, b) -> a.name().compareTo(b.name()));
        steps.forEach(this::pull);
    }

    /** Runs the pull step named {@code name} once. */
    public void pull(String name) {
        List<PullStep> steps = context().steps().pullSteps();
        PullStep step = steps.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new XsyncException("no pull step " + name + " (pull steps: "
                        + steps.stream().map(PullStep::name).collect(Collectors.toList()) + ")"));
        pull(step);
    }

    private void pull(PullStep step) {
        call("pull step " + step.name(), () -> {
            step.pullRecords();
            return null;
        });
    }

    /** The JDBC URL of the test's store (password masked): its own H2 database or PostgreSQL schema. */
    public String storeUrl() {
        return StoreOpener.describe(context().config());
    }

    /** The synchronizer's name from its config. */
    public String name() {
        return context().name();
    }

    /** Stops what the test started, closes the steps and the store, and removes the store's data. */
    @Override
    public void close() {
        try {
            if (syncEngine != null) {
                syncEngine.stop(STOP_TIMEOUT);
            }
            if (policyEngine != null) {
                policyEngine.stop(STOP_TIMEOUT);
            }
            synchronizer.close();
        } finally {
            testStore.drop();
        }
    }

    private SynchronizerContext context() {
        return synchronizer.context();
    }

    private List<EventStep> eventSteps(String topic) {
        List<EventStep> all = context().steps().eventSteps();
        List<EventStep> matching = all.stream().filter(s -> listensTo(s, topic)).collect(Collectors.toList());
        if (matching.isEmpty()) {
            throw new XsyncException("no event step listens to topic " + topic + " (event steps: "
                    + all.stream().map(s -> s.name() + " " + (s.pattern() != null ? s.pattern() : s.topics()))
                    .collect(Collectors.toList()) + ")");
        }
        return matching;
    }

    private static boolean listensTo(EventStep step, String topic) {
        if (step.pattern() != null) {
            return Pattern.compile(step.pattern()).matcher(topic).matches();
        }
        return step.topics() != null && step.topics().contains(topic);
    }

    private static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    /** Work whose runtime exceptions pass through as they are and whose checked ones are wrapped. */
    @FunctionalInterface
    private interface Work {
        Object run() throws Exception;
    }

    private static void call(String what, Work work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new XsyncException(what + " failed: " + e, e);
        }
    }
}
