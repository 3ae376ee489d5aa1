package io.xsync.runtime.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.xsync.api.ModelObject;
import io.xsync.api.Policy;
import io.xsync.runtime.Cleanup;
import io.xsync.runtime.spi.SynchronizerContext;
import io.xsync.runtime.store.Actor;
import io.xsync.runtime.store.JdbcStore;
import io.xsync.runtime.store.TestSchemas;
import io.xsync.runtime.store.TestStores;
import io.xsync.runtime.sync.RecordingStep;
import io.xsync.runtime.sync.SyncEngine;
import io.xsync.runtime.sync.SyncHarness;
import io.xsync.runtime.time.ManualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyEngineIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    /** A Site policy that records calls, fails for sites named "bad" and sets counter = 1. */
    static class SitePolicy extends Policy {
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());

        @Override
        public String modelName() {
            return "Site";
        }

        @Override
        public void handleCreate(ModelObject o) {
            calls.add("create " + o.getString("name"));
            act(o);
        }

        @Override
        public void handleUpdate(ModelObject o) {
            calls.add("update " + o.getString("name"));
            act(o);
        }

        @Override
        public void handleDelete(ModelObject o) {
            calls.add("delete " + o.getString("name"));
        }

        private void act(ModelObject o) {
            if ("bad".equals(o.getString("name"))) {
                o.set("counter", 99);
                o.save();
                throw new IllegalArgumentException("bad site rejected");
            }
            o.set("counter", 1);
            o.save();
        }

        List<String> callList() {
            synchronized (calls) {
                return new ArrayList<>(calls);
            }
        }
    }

    private JdbcStore store(String dialect) {
        JdbcStore store = TestStores.open(dialect, TestSchemas.chain());
        cleanup.add(store);
        return store;
    }

    private static ModelObject site(JdbcStore store, String name) {
        ModelObject o = store.models(Actor.API).get("Site").newObject().set("name", name);
        o.save();
        return o;
    }

    private static ModelObject reload(JdbcStore store, ModelObject o) {
        return store.models(Actor.API).get(o.model().name()).get(o.id()).orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void policiesHandleCreateUpdateDeleteAndFailuresStayDirty(String dialect) {
        JdbcStore store = store(dialect);
        SitePolicy policy = new SitePolicy();
        SynchronizerContext ctx = SyncHarness.context(store, List.of(), List.of(policy));
        PolicyEngine engine = new PolicyEngine(ctx, Duration.ofMinutes(10));
        ModelObject good = site(store, "good");
        ModelObject bad = site(store, "bad");

        assertThat(engine.runPass()).isEqualTo(1);
        ModelObject g = reload(store, good);
        assertThat(g.getString("policy_status")).isEqualTo("done");
        assertThat(g.getLong("policy_code")).isEqualTo(1);
        assertThat(g.getLong("counter")).isEqualTo(1);
        assertThat(g.getInstant("changed_by_policy")).isNotNull();
        assertThat(g.getInstant("policed")).isEqualTo(g.getInstant("updated"));
        ModelObject b = reload(store, bad);
        assertThat(b.getString("policy_status")).isEqualTo("bad site rejected");
        assertThat(b.getLong("policy_code")).isEqualTo(2);
        assertThat(b.getInstant("policed")).isNull();
        assertThat(b.getLong("counter")).as("the failed policy's writes roll back").isZero();
        assertThat(store.dirtyForPolicy("Site")).extracting(ModelObject::id).containsExactly(bad.id());
        assertThat(ctx.metrics().get("xsync.policy.failures").tag("model", "Site").counter().count()).isEqualTo(1);
        assertThat(engine.statusSection()).isEqualTo("policy");
        assertThat(engine.stepStatus()).singleElement().satisfies(row -> {
            assertThat(row.step()).isEqualTo(policy.name());
            assertThat(row.values()).containsEntry("model", "Site").containsEntry("calls", 2L)
                    .containsEntry("failures", 1L).containsEntry("last_error", "bad site rejected");
        });

        // the failed object waits for a change; then it is retried
        assertThat(engine.runPass()).isZero();
        assertThat(policy.callList()).containsExactly("create good", "create bad");
        ModelObject b2 = reload(store, bad);
        b2.set("name", "fixed");
        b2.save();
        g.set("enabled", false);
        g.save();
        assertThat(engine.runPass()).isEqualTo(2);
        assertThat(policy.callList()).hasSize(4).contains("update good", "create fixed");

        reload(store, good).delete();
        assertThat(engine.runPass()).isEqualTo(1);
        assertThat(policy.callList()).endsWith("delete good");
        assertThat(store.dirtyForPolicy("Site")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aFailedObjectIsRetriedWithoutAChangeOnceTheRetryWaitHasPassed(String dialect) {
        ManualTime time = new ManualTime();
        JdbcStore store = TestStores.open(dialect, TestSchemas.chain(), time);
        cleanup.add(store);
        SitePolicy policy = new SitePolicy();
        PolicyEngine engine = new PolicyEngine(SyncHarness.context(store, List.of(), List.of(policy), time),
                Duration.ofMinutes(10));
        site(store, "bad");

        assertThat(engine.runPass()).isZero();
        assertThat(policy.callList()).containsExactly("create bad");
        time.advance(Duration.ofMinutes(10).minusSeconds(1));
        assertThat(engine.runPass()).as("passes within the retry wait").isZero();
        assertThat(policy.callList()).containsExactly("create bad");
        time.advance(Duration.ofSeconds(2));
        assertThat(engine.runPass()).isZero(); // fails again
        assertThat(policy.callList()).containsExactly("create bad", "create bad");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void newObjectIsPolicedAndSyncedAndStepAndPolicySettle(String dialect) {
        JdbcStore store = store(dialect);
        SitePolicy policy = new SitePolicy();
        RecordingStep step = new RecordingStep("Site");
        List<Instant> policedAtSync = Collections.synchronizedList(new ArrayList<>());
        step.action = (o, d) -> {
            policedAtSync.add(o.getInstant("policed"));
            o.set("status_detail", "seen by backend"); // a real (feedback) change: changed_by_step moves
            o.save();
        };
        SynchronizerContext ctx = SyncHarness.context(store, List.of(step), List.of(policy));
        PolicyEngine policies = new PolicyEngine(ctx, Duration.ofSeconds(1));
        SyncEngine sync = new SyncEngine(ctx, SyncHarness.settings(2));
        policies.start();
        sync.start();
        cleanup.add(() -> policies.stop(Duration.ofSeconds(5)));
        cleanup.add(() -> sync.stop(Duration.ofSeconds(5)));

        ModelObject site = site(store, "new");
        await().atMost(WAIT).until(() -> {
            ModelObject s = reload(store, site);
            return s.getInstant("enacted") != null && store.dirtyForSync("Site").isEmpty()
                    && store.dirtyForPolicy("Site").isEmpty();
        });
        assertThat(policedAtSync).as("the step saw the object").isNotEmpty();
        ModelObject s = reload(store, site);
        assertThat(s.getLong("counter")).isEqualTo(1);
        assertThat(s.getString("status_detail")).isEqualTo("seen by backend");
        assertThat(policy.callList()).startsWith("create new");

        // settled: neither engine finds work any more
        policies.stop(Duration.ofSeconds(5));
        sync.stop(Duration.ofSeconds(5));
        int policyCalls = policy.callList().size();
        int syncCalls = step.callList().size();
        assertThat(policies.runPass()).isZero();
        assertThat(store.dirtyForSync("Site")).isEmpty();
        assertThat(policy.callList()).hasSize(policyCalls);
        assertThat(step.callList()).hasSize(syncCalls);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void syncDoesNotWaitForThePolicyOfItsModel(String dialect) {
        JdbcStore store = store(dialect);
        SitePolicy policy = new SitePolicy();
        RecordingStep step = new RecordingStep("Site");
        SynchronizerContext ctx = SyncHarness.context(store, List.of(step), List.of(policy));
        SyncEngine sync = new SyncEngine(ctx, SyncHarness.settings(1));
        sync.start();
        cleanup.add(() -> sync.stop(Duration.ofSeconds(5)));
        ModelObject site = site(store, "not policed yet");
        // no policy engine runs: the two loops are independent, so the sync goes ahead anyway
        await().atMost(WAIT).until(() -> reload(store, site).getInstant("enacted") != null);
        assertThat(reload(store, site).getInstant("policed")).isNull();
        assertThat(step.syncs("Site", site.id())).isEqualTo(1);
    }

    /**
     * Two replicas (each its own store pool and engine) police the same objects concurrently, pass
     * after pass: every change is policed once, by one of them.
     */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void twoReplicasPoliceEachChangeOnce(String dialect) throws Exception {
        TestStores.Database db = TestStores.database(dialect);
        cleanup.add(db);
        JdbcStore storeA = db.open(TestSchemas.chain());
        cleanup.add(storeA);
        JdbcStore storeB = db.open(TestSchemas.chain());
        cleanup.add(storeB);
        SitePolicy policyA = new SitePolicy();
        SitePolicy policyB = new SitePolicy();
        PolicyEngine a = new PolicyEngine(SyncHarness.context(storeA, List.of(), List.of(policyA)), Duration.ofMinutes(10));
        PolicyEngine b = new PolicyEngine(SyncHarness.context(storeB, List.of(), List.of(policyB)), Duration.ofMinutes(10));
        List<ModelObject> sites = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            sites.add(site(storeA, "s" + i));
        }
        policeUntilClean(storeA, a, b);
        for (ModelObject s : sites) {
            ModelObject o = reload(storeA, s);
            o.set("ratio", 2.5);
            o.save();
        }
        policeUntilClean(storeA, a, b);

        List<String> calls = new ArrayList<>(policyA.callList());
        calls.addAll(policyB.callList());
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            expected.add("create s" + i);
            expected.add("update s" + i);
        }
        assertThat(calls).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** Runs passes of both engines at once until nothing is dirty for policy. */
    private static void policeUntilClean(JdbcStore store, PolicyEngine a, PolicyEngine b) throws Exception {
        while (!store.dirtyForPolicy("Site").isEmpty()) {
            java.util.concurrent.CompletableFuture<Integer> onA = java.util.concurrent.CompletableFuture.supplyAsync(a::runPass);
            b.runPass();
            onA.get();
        }
    }
}
