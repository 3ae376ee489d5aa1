package io.xsync.runtime.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.xsync.api.ModelObject;
import io.xsync.runtime.store.JdbcStore;
import io.xsync.runtime.store.ObjectRef;
import io.xsync.runtime.store.TestStores;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Two engines ("replicas"), each with its own store and pool, on one database. */
class ReplicasIT {

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "h2"})
    void twoReplicasShareTheWorkNeverSyncOneObjectAtOnceAndKeepTheOrder(String dialect) throws Exception {
        try (TestStores.Database db = TestStores.database(dialect);
             JdbcStore a = db.open(OrderWorld.schema());
             JdbcStore b = db.open(OrderWorld.schema())) {
            OrderWorld world = new OrderWorld(a);
            List<ModelObject> objects = new ArrayList<>();
            for (int i = 0; i < 40; i++) { // independent chains Deployment <- Site <- Slice <- Instance
                ModelObject dep = world.create("Deployment", "d" + i, Map.of());
                ModelObject site = world.create("Site", "s" + i, Map.of("deployment", dep));
                ModelObject slice = world.create("Slice", "sl" + i, Map.of("site", site));
                objects.addAll(List.of(dep, site, slice, world.create("Instance", "i" + i, Map.of("slice", slice))));
            }
            // one in-flight set shared by both replicas: the database must keep them apart
            Set<ObjectRef> inFlight = ConcurrentHashMap.newKeySet();
            AtomicInteger overlaps = new AtomicInteger();
            Set<String> owners = ConcurrentHashMap.newKeySet();
            // each replica's calls wait until the other replica made a call too, so neither can do all the work
            Map<String, CountDownLatch> started = Map.of("a", new CountDownLatch(1), "b", new CountDownLatch(1));
            OrderLog log = new OrderLog();
            List<OrderStep> steps = new ArrayList<>();
            for (String who : List.of("a", "b")) {
                String other = who.equals("a") ? "b" : "a";
                steps.add(new OrderStep(who, log, (o, d) -> {
                    ObjectRef ref = OrderWorld.ref(o);
                    if (!inFlight.add(ref)) {
                        overlaps.incrementAndGet();
                    }
                    try {
                        owners.add(who);
                        started.get(who).countDown();
                        if (!started.get(other).await(20, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("replica " + other + " made no call");
                        }
                        Thread.sleep(2);
                    } finally {
                        inFlight.remove(ref);
                    }
                }, OrderWorld.MODELS));
            }
            SyncSettings settings = SyncHarness.settings(3);
            SyncEngine ea = new SyncEngine(SyncHarness.context(a, OrderWorld.graph(a.schema()), List.of(steps.get(0)),
                    List.of()), settings);
            SyncEngine eb = new SyncEngine(SyncHarness.context(b, OrderWorld.graph(b.schema()), List.of(steps.get(1)),
                    List.of()), settings);
            ea.start();
            eb.start();
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> objects.stream()
                        .allMatch(o -> world.reload(o).getInstant("enacted") != null));
            } finally {
                ea.stop(Duration.ofSeconds(5));
                eb.stop(Duration.ofSeconds(5));
            }
            assertThat(owners).as("both replicas synced objects").containsExactlyInAnyOrder("a", "b");
            assertThat(overlaps.get()).as("calls for one object at once").isZero();
            assertThat(log.calls()).as("one successful call per object").filteredOn(OrderLog.Call::ok)
                    .hasSize(objects.size());
            // order across both replicas' calls, every model of the chains
            assertThat(world.checker().violations(log)).isEmpty();
        }
    }
}
