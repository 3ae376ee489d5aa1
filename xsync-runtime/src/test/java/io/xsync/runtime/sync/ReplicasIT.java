package io.xsync.runtime.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.xsync.api.ModelObject;
import io.xsync.runtime.store.Actor;
import io.xsync.runtime.store.JdbcStore;
import io.xsync.runtime.store.TestSchemas;
import io.xsync.runtime.store.TestStores;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Two engines ("replicas"), each with its own store and pool, on one database. */
class ReplicasIT {

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "h2"})
    void twoReplicasNeverSyncOneObjectAtOnce(String dialect) throws Exception {
        try (TestStores.Database db = TestStores.database(dialect);
             JdbcStore a = db.open(TestSchemas.chain());
             JdbcStore b = db.open(TestSchemas.chain())) {
            List<ModelObject> objects = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                ModelObject site = SyncEngineIT.site(a, "s" + i);
                ModelObject slice = SyncEngineIT.slice(a, "sl" + i, site);
                objects.add(site);
                objects.add(slice);
                objects.add(SyncEngineIT.instance(a, "i" + i, slice));
            }
            // one in-flight set shared by both replicas: the database must keep them apart
            Set<ObjectRef> inFlight = ConcurrentHashMap.newKeySet();
            AtomicInteger overlaps = new AtomicInteger();
            Set<String> owners = ConcurrentHashMap.newKeySet();
            RecordingStep stepA = new RecordingStep("Site", "Slice", "Instance");
            RecordingStep stepB = new RecordingStep("Site", "Slice", "Instance");
            for (RecordingStep s : List.of(stepA, stepB)) {
                String who = s == stepA ? "a" : "b";
                s.action = (o, d) -> {
                    ObjectRef ref = new ObjectRef(o.model().name(), o.id());
                    if (!inFlight.add(ref)) {
                        overlaps.incrementAndGet();
                    }
                    owners.add(who);
                    Thread.sleep(2);
                    inFlight.remove(ref);
                };
            }
            SyncSettings settings = SyncHarness.settings(3);
            SyncEngine ea = new SyncEngine(SyncHarness.context(a, List.of(stepA), List.of()), settings);
            SyncEngine eb = new SyncEngine(SyncHarness.context(b, List.of(stepB), List.of()), settings);
            ea.start();
            eb.start();
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> objects.stream().allMatch(o -> a.models(Actor.API)
                        .get(o.model().name()).get(o.id()).orElseThrow().getInstant("enacted") != null));
            } finally {
                ea.stop(Duration.ofSeconds(5));
                eb.stop(Duration.ofSeconds(5));
            }
            assertThat(overlaps.get()).isZero();
            assertThat(stepA.overlaps.get() + stepB.overlaps.get()).isZero();
            // every chain still ran in order, whichever replica ran it
            for (RecordingStep s : List.of(stepA, stepB)) {
                List<String> calls = s.callList();
                for (int i = 0; i < objects.size(); i += 3) {
                    int site = calls.indexOf(SyncEngineIT.sync(objects.get(i)));
                    int inst = calls.indexOf(SyncEngineIT.sync(objects.get(i + 2)));
                    if (site >= 0 && inst >= 0) {
                        assertThat(site).isLessThan(inst);
                    }
                }
            }
        }
    }
}
