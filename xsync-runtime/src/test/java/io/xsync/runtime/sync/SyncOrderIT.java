package io.xsync.runtime.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.xsync.api.ModelObject;
import io.xsync.api.Policy;
import io.xsync.runtime.Cleanup;
import io.xsync.runtime.SynchronizerContext;
import io.xsync.runtime.policy.PolicyEngine;
import io.xsync.runtime.store.JdbcStore;
import io.xsync.runtime.store.ObjectRef;
import io.xsync.runtime.store.TestStores;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The three ways an object was once synced before its dependency, each reproduced on both stores. */
class SyncOrderIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    private JdbcStore store(String dialect) {
        JdbcStore store = TestStores.open(dialect, OrderWorld.schema());
        cleanup.add(store);
        return store;
    }

    private SyncEngine start(JdbcStore store, OrderStep step, List<Policy> policies) {
        SynchronizerContext ctx = SyncHarness.context(store, OrderWorld.graph(store.schema()), List.of(step), policies);
        SyncEngine engine = new SyncEngine(ctx, SyncHarness.settings(4));
        engine.start();
        cleanup.add(() -> engine.stop(Duration.ofSeconds(5)));
        if (!policies.isEmpty()) {
            PolicyEngine p = new PolicyEngine(ctx, Duration.ofSeconds(1));
            p.start();
            cleanup.add(() -> p.stop(Duration.ofSeconds(5)));
        }
        return engine;
    }

    private static OrderStep step(OrderLog log, OrderStep.Behaviour b) {
        return new OrderStep("engine", log, b, OrderWorld.MODELS);
    }

    private static Map<String, ModelObject> links(Object... pairs) {
        Map<String, ModelObject> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (ModelObject) pairs[i + 1]);
        }
        return m;
    }

    private static boolean enacted(OrderWorld world, ModelObject o) {
        return world.reload(o).getInstant("enacted") != null;
    }

    /** A policy of Slice that always fails. */
    static final class FailingSlicePolicy extends Policy {
        @Override
        public String modelName() {
            return "Slice";
        }

        @Override
        public void handleCreate(ModelObject obj) {
            throw new IllegalStateException("policy broken");
        }

        @Override
        public void handleUpdate(ModelObject obj) {
            throw new IllegalStateException("policy broken");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void policiesDoNotGateSyncSoNetworkSliceIsNotSyncedBeforeSlice(String dialect) {
        JdbcStore store = store(dialect);
        OrderWorld world = new OrderWorld(store);
        ModelObject site = world.create("Site", "s", links("deployment", world.create("Deployment", "d", links())));
        ModelObject slice = world.create("Slice", "sl", links("site", site));
        ModelObject net = world.create("Network", "n", links("owner", slice));
        ModelObject ns = world.create("NetworkSlice", "ns", links("network", net, "slice", slice));
        OrderLog log = new OrderLog();
        start(store, step(log, (o, d) -> { }), List.of(new FailingSlicePolicy()));

        await().atMost(WAIT).until(() -> enacted(world, ns));
        await().atMost(WAIT).until(() -> world.reload(slice).getLong("policy_code") == 2); // the policy did fail
        assertThat(enacted(world, slice)).as("a failing policy does not block the sync").isTrue();
        assertThat(world.checker().violations(log)).isEmpty();
        List<String> order = log.calls().stream().map(OrderLog.Call::ref).map(ObjectRef::toString).toList();
        assertThat(order.indexOf("Slice id " + slice.id())).isLessThan(order.indexOf("NetworkSlice id " + ns.id()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void burstOfChainsCreatedWhileTheLoopRunsNeverSyncsASliceBeforeItsSite(String dialect) throws Exception {
        JdbcStore store = store(dialect);
        OrderWorld world = new OrderWorld(store);
        OrderLog log = new OrderLog();
        OrderStep step = step(log, (o, d) -> { });
        step.pauseBetweenModelsMs = 5; // a read that is no snapshot would miss Sites created meanwhile
        start(store, step, List.of());
        ModelObject deployment = world.create("Deployment", "d", links());
        List<ModelObject> last = new ArrayList<>();
        Thread[] writers = new Thread[2];
        for (int t = 0; t < writers.length; t++) {
            int w = t;
            writers[t] = new Thread(() -> {
                for (int i = 0; i < 100; i++) {
                    ModelObject site = world.create("Site", "s" + w + "-" + i, links("deployment", deployment));
                    ModelObject slice = world.create("Slice", "sl" + w + "-" + i, links("site", site));
                    ModelObject inst = world.create("Instance", "i" + w + "-" + i, links("slice", slice));
                    synchronized (last) {
                        last.add(inst);
                    }
                }
            }, "burst-writer-" + t);
            writers[t].start();
        }
        for (Thread t : writers) {
            t.join();
        }
        await().atMost(WAIT).until(() -> last.stream().allMatch(o -> enacted(world, o)));
        assertThat(world.created()).isEqualTo(601);
        assertThat(world.checker().violations(log)).isEmpty();
        assertThat(log.calls()).hasSize(601);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void pendingNetworkSliceWaitsForAFailingSiteBehindItsSyncedSlice(String dialect) {
        JdbcStore store = store(dialect);
        OrderWorld world = new OrderWorld(store);
        ModelObject site = world.create("Site", "s", links("deployment", world.create("Deployment", "d", links())));
        ModelObject slice = world.create("Slice", "sl", links("site", site));
        ModelObject net = world.create("Network", "n", links("owner", slice));
        ModelObject ns = world.create("NetworkSlice", "ns", links("network", net, "slice", slice));
        OrderLog log = new OrderLog();
        OrderStep step = step(log, (o, d) -> {
            if (o.model().name().equals("Site") && o.getLong("counter") > 0) {
                throw new IllegalStateException("site backend down");
            }
        });
        SyncEngine engine = start(store, step, List.of());
        await().atMost(WAIT).until(() -> enacted(world, ns));

        // the Site fails from now on; the Slice and the Network stay synced; the NetworkSlice changes
        world.touch(site);
        world.touch(ns);
        await().atMost(WAIT).until(() -> BackendRegister.parse(world.reload(ns).getString("backend_register"))
                .failures() == 2);
        engine.runPass();

        ModelObject skipped = world.reload(ns);
        String prefix = "Failed due to error in model Site id " + site.id() + ": ";
        assertThat(skipped.getString("backend_status"))
                .isEqualTo(prefix + "site backend down");
        assertThat(skipped.getLong("backend_code")).isEqualTo(2);
        BackendRegister reg = BackendRegister.parse(skipped.getString("backend_register"));
        assertThat(reg.failures()).as("a skip counts as a failure").isEqualTo(2);
        assertThat(reg.nextRun()).as("and backs off").isAfter(java.time.Instant.now().plusSeconds(60));
        assertThat(log.calls().stream().filter(c -> c.ref().equals(OrderWorld.ref(ns))).count())
                .as("the NetworkSlice was synced once, before the Site failed").isEqualTo(1);
        assertThat(world.reload(slice).getString("backend_status")).isEqualTo("OK");
        assertThat(world.checker().violations(log)).isEmpty();
    }
}
