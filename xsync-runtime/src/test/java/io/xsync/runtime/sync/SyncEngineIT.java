package io.xsync.runtime.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.xsync.api.DeferredException;
import io.xsync.api.InnocuousException;
import io.xsync.api.Model;
import io.xsync.api.ModelObject;
import io.xsync.runtime.Cleanup;
import io.xsync.runtime.SynchronizerContext;
import io.xsync.runtime.store.Actor;
import io.xsync.runtime.store.ClaimTable;
import io.xsync.runtime.store.JdbcStore;
import io.xsync.runtime.store.ModelCounts;
import io.xsync.runtime.store.ObjectRef;
import io.xsync.runtime.store.TestSchemas;
import io.xsync.runtime.store.TestStores;
import io.xsync.runtime.time.ManualTime;
import io.xsync.runtime.time.SystemTime;
import io.xsync.runtime.time.Time;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SyncEngineIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    private JdbcStore store(String dialect) {
        return store(dialect, SystemTime.INSTANCE);
    }

    private JdbcStore store(String dialect, Time time) {
        JdbcStore store = TestStores.open(dialect, TestSchemas.chain(), time);
        cleanup.add(store);
        return store;
    }

    private SyncEngine start(SynchronizerContext ctx, SyncSettings settings) {
        SyncEngine engine = new SyncEngine(ctx, settings);
        engine.start();
        cleanup.add(() -> engine.stop(Duration.ofSeconds(5)));
        return engine;
    }

    static Model model(JdbcStore store, String name) {
        return store.models(Actor.API).get(name);
    }

    static ModelObject site(JdbcStore store, String name) {
        ModelObject o = model(store, "Site").newObject().set("name", name);
        o.save();
        return o;
    }

    static ModelObject slice(JdbcStore store, String name, ModelObject site) {
        ModelObject o = model(store, "Slice").newObject().set("name", name).set("site", site.id());
        o.save();
        return o;
    }

    static ModelObject instance(JdbcStore store, String name, ModelObject slice) {
        ModelObject o = model(store, "Instance").newObject().set("name", name).set("slice", slice.id());
        o.save();
        return o;
    }

    static ModelObject reload(JdbcStore store, ModelObject o) {
        return model(store, o.model().name()).get(o.id()).orElseThrow();
    }

    static String sync(ModelObject o) {
        return "sync " + o.model().name() + " " + o.id();
    }

    static String delete(ModelObject o) {
        return "delete " + o.model().name() + " " + o.id();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void chainIsSyncedDependenciesFirstAndDeletedInReverse(String dialect) {
        JdbcStore store = store(dialect);
        RecordingStep step = new RecordingStep("Site", "Slice", "Instance");
        // created children first, so input order alone would be wrong
        ModelObject site = site(store, "s");
        ModelObject slice = slice(store, "sl", site);
        ModelObject inst = instance(store, "i", slice);
        SynchronizerContext ctx = SyncHarness.context(store, List.of(step), List.of());
        start(ctx, SyncHarness.settings(4));

        await().atMost(WAIT).until(() -> reload(store, inst).getInstant("enacted") != null);
        assertThat(step.callList()).containsExactly(sync(site), sync(slice), sync(inst));
        for (ModelObject o : List.of(site, slice, inst)) {
            ModelObject r = reload(store, o);
            assertThat(r.getString("backend_status")).isEqualTo("OK");
            assertThat(r.getLong("backend_code")).isEqualTo(1);
            assertThat(r.getBoolean("backend_need_delete")).isTrue();
            assertThat(r.getInstant("enacted")).isEqualTo(r.getInstant("updated"));
            assertThat(r.getInstant("changed_by_step")).as("bookkeeping is no change").isNull();
            assertThat(BackendRegister.parse(r.getString("backend_register")).lastSuccess()).isNotNull();
        }
        assertThat(step.mdc.get(1)).containsEntry("model", "Slice").containsEntry("object", Long.toString(slice.id()))
                .containsEntry("step", "RecordingStep");
        MeterRegistry metrics = ctx.metrics();
        assertThat(metrics.get("xsync.sync.duration").tag("model", "Slice").timer().count()).isEqualTo(1);

        step.calls.clear();
        reload(store, site).delete();
        await().atMost(WAIT).until(() -> step.callList().size() == 3);
        assertThat(step.callList()).containsExactly(delete(inst), delete(slice), delete(site));
        await().atMost(WAIT).until(() -> model(store, "Site").get(site.id()).isEmpty()
                && model(store, "Instance").get(inst.id()).isEmpty());
        assertThat(model(store, "Slice").get(slice.id())).as("reaped").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void failureSkipsTheRestOfItsCohortOnlyAndBacksOff(String dialect) {
        ManualTime time = new ManualTime();
        Instant t0 = time.now();
        JdbcStore store = store(dialect, time);
        RecordingStep step = new RecordingStep("Site", "Slice", "Instance");
        ModelObject site = site(store, "s");
        ModelObject badSlice = slice(store, "bad", site);
        ModelObject inst = instance(store, "i", badSlice);
        ModelObject site2 = site(store, "s2");
        ModelObject slice2 = slice(store, "ok", site2);
        ModelObject inst2 = instance(store, "i2", slice2);
        AtomicInteger attempt = new AtomicInteger();
        step.action = (o, d) -> {
            if (o.getString("name").equals("bad")) {
                throw new IllegalStateException("boom " + attempt.incrementAndGet());
            }
        };
        SynchronizerContext ctx = SyncHarness.context(store, List.of(step), List.of(), time);
        // claims are renewed on a real-time schedule: a lease longer than the clock is advanced keeps them safe
        SyncEngine engine = start(ctx, SyncHarness.settings(2).withClaimLease(Duration.ofHours(1)));

        // first failure retries on the next pass, the second one backs off 10 minutes
        await().atMost(WAIT).until(() -> BackendRegister.parse(reload(store, badSlice)
                .getString("backend_register")).failures() == 2);
        ModelObject bad = reload(store, badSlice);
        assertThat(bad.getString("backend_status")).isEqualTo("boom 1 // boom 2");
        assertThat(bad.getLong("backend_code")).isEqualTo(2);
        assertThat(bad.getInstant("enacted")).isNull();
        BackendRegister reg = BackendRegister.parse(bad.getString("backend_register"));
        assertThat(reg.nextRun()).isEqualTo(t0.plus(Duration.ofMinutes(10)));

        ModelObject skipped = reload(store, inst);
        // the message of the failing call, or the slice's status while it backs off
        assertThat(skipped.getString("backend_status"))
                .startsWith("Failed due to error in model Slice id " + badSlice.id() + ": ").endsWith("boom 2");
        assertThat(skipped.getLong("backend_code")).isEqualTo(2);
        assertThat(skipped.getInstant("enacted")).isNull();
        assertThat(step.syncs("Instance", inst.id())).isZero();
        assertThat(reload(store, site).getString("backend_status")).isEqualTo("OK");
        await().atMost(WAIT).until(() -> reload(store, inst2).getInstant("enacted") != null);
        assertThat(reload(store, inst2).getString("backend_status")).isEqualTo("OK");

        // next_run is honoured: further passes leave the slice alone
        PassStats stats = engine.runPass();
        assertThat(stats.waiting()).isEqualTo(1);
        assertThat(step.syncs("Slice", badSlice.id())).isEqualTo(2);
        assertThat(ctx.metrics().get("xsync.sync.failures").tags("model", "Slice", "kind", "error").counter().count())
                .isEqualTo(2);
        // the step's status row: its failed calls since start, its last error and the last pass
        assertThat(engine.stepStatus()).singleElement().satisfies(row -> assertThat(row.step()).isEqualTo(step.name()));
        Map<String, Object> status = engine.stepStatus().get(0).values();
        assertThat(engine.statusSection()).isEqualTo("sync");
        assertThat(status.get("failures")).isEqualTo(2L);
        assertThat(status.get("last_error")).isEqualTo("boom 2");
        assertThat((Long) status.get("calls")).isEqualTo((Long) status.get("synced") + 2L);
        assertThat(status.get("last_pass")).isNotNull();
        assertThat((Long) status.get("passes")).isGreaterThanOrEqualTo(3L);

        // once next_run has come, the engine retries by itself; the third failure waits 2 × 10 minutes
        time.advance(Duration.ofMinutes(10));
        await().atMost(WAIT).until(() -> BackendRegister.parse(reload(store, badSlice)
                .getString("backend_register")).failures() == 3);
        assertThat(step.syncs("Slice", badSlice.id())).isEqualTo(3);
        assertThat(BackendRegister.parse(reload(store, badSlice).getString("backend_register")).nextRun())
                .isEqualTo(t0.plus(Duration.ofMinutes(30)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void deferredRetriesWithoutBackoffAndInnocuousIsCodeOne(String dialect) {
        JdbcStore store = store(dialect);
        RecordingStep step = new RecordingStep("Site");
        ModelObject busy = site(store, "busy");
        ModelObject meh = site(store, "meh");
        step.action = (o, d) -> {
            if (o.getString("name").equals("busy")) {
                throw new DeferredException("still provisioning");
            }
            throw new InnocuousException("not worth a retry soon");
        };
        SynchronizerContext ctx = SyncHarness.context(store, List.of(step), List.of());
        SyncEngine engine = start(ctx, SyncHarness.settings(2).withBackoff(Backoff.xosDefaults()));

        await().atMost(WAIT).until(() -> step.syncs("Site", busy.id()) >= 3);
        ModelObject b = reload(store, busy);
        assertThat(b.getLong("backend_code")).isEqualTo(0);
        assertThat(b.getString("backend_status")).isEqualTo("still provisioning");
        assertThat(BackendRegister.parse(b.getString("backend_register")).failures()).isZero();
        assertThat(b.getInstant("enacted")).isNull();

        await().atMost(WAIT).until(() -> BackendRegister.parse(reload(store, meh)
                .getString("backend_register")).failures() == 2);
        ModelObject m = reload(store, meh);
        assertThat(m.getLong("backend_code")).isEqualTo(1);
        assertThat(m.getString("backend_status")).isEqualTo("not worth a retry soon");
        assertThat(BackendRegister.parse(m.getString("backend_register")).nextRun())
                .isAfter(Instant.now().plusSeconds(30));
        long mehCalls = step.syncs("Site", meh.id());
        engine.runPass();
        assertThat(step.syncs("Site", meh.id())).isEqualTo(mehCalls);

        step.action = (o, d) -> { };
        await().atMost(WAIT).until(() -> reload(store, busy).getInstant("enacted") != null);
        assertThat(reload(store, busy).getString("backend_status")).isEqualTo("OK");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void independentObjectsRunConcurrently(String dialect) {
        JdbcStore store = store(dialect);
        RecordingStep step = new RecordingStep("Site");
        List<ModelObject> sites = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sites.add(site(store, "s" + i));
        }
        CyclicBarrier together = new CyclicBarrier(4);
        step.action = (o, d) -> {
            try {
                together.await(20, TimeUnit.SECONDS); // passes only if four calls are in flight at once
            } catch (BrokenBarrierException e) {
                throw new IllegalStateException("not concurrent");
            }
        };
        start(SyncHarness.context(store, List.of(step), List.of()), SyncHarness.settings(4));
        await().atMost(WAIT).until(() -> sites.stream().allMatch(s -> reload(store, s).getInstant("enacted") != null));
        assertThat(together.isBroken()).isFalse();
        assertThat(sites).allSatisfy(s -> assertThat(step.syncs("Site", s.id())).isEqualTo(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void crashMidSyncLeavesTheObjectDirtyAndItIsSyncedAfterRestart(String dialect) throws Exception {
        ManualTime time = new ManualTime();
        JdbcStore store = store(dialect, time);
        ModelObject site = site(store, "s");
        RecordingStep first = new RecordingStep("Site");
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        first.action = (o, d) -> {
            entered.countDown();
            never.await(); // hangs until the "crash" interrupts it
        };
        SyncSettings settings = SyncHarness.settings(2).withClaimLease(Duration.ofSeconds(1));
        SyncEngine crashed = new SyncEngine(SyncHarness.context(store, List.of(first), List.of(), time), settings);
        crashed.start();
        assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();
        crashed.kill();

        ModelObject mid = reload(store, site);
        assertThat(mid.getInstant("enacted")).isNull();
        assertThat(mid.getBoolean("backend_need_delete")).isTrue();
        ClaimTable claims = store.claims("probe", Duration.ofMinutes(1), "");
        assertThat(claims.holder(new ObjectRef("Site", site.id()))).isEqualTo(crashed.owner());

        RecordingStep second = new RecordingStep("Site");
        SyncEngine restarted = start(SyncHarness.context(store, List.of(second), List.of(), time), settings);
        assertThat(restarted.runPass().unclaimed()).as("objects the crashed claims still hold").isEqualTo(1);
        assertThat(second.syncs("Site", site.id())).isZero();
        time.advance(Duration.ofSeconds(2)); // the crashed engine's claims run out
        await().atMost(WAIT).until(() -> reload(store, site).getInstant("enacted") != null);
        assertThat(second.syncs("Site", site.id())).isEqualTo(1);
        assertThat(reload(store, site).getString("backend_status")).isEqualTo("OK");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void gaugesPartitionObjectsByStateAsTheStatusSummaryDoes(String dialect) {
        JdbcStore store = store(dialect);
        RecordingStep step = new RecordingStep("Site");
        site(store, "good");
        ModelObject bad = site(store, "bad");
        ModelObject skipped = site(store, "skipped");
        skipped.set("no_sync", true);
        skipped.save();
        step.action = (o, d) -> {
            if (o.getString("name").equals("bad")) {
                throw new IllegalStateException("no");
            }
        };
        SynchronizerContext ctx = SyncHarness.context(store, List.of(step), List.of());
        SyncEngine engine = start(ctx, SyncHarness.settings(1));
        await().atMost(WAIT).until(() -> BackendRegister.parse(reload(store, bad).getString("backend_register"))
                .failures() == 2);
        await().atMost(WAIT).untilAsserted(() -> {
            engine.runPass();
            assertThat(gauge(ctx, "Site", "ok")).isEqualTo(1);
            assertThat(gauge(ctx, "Site", "error")).isEqualTo(1);
            assertThat(gauge(ctx, "Site", "pending")).as("the failed object is error, not also pending").isZero();
            assertThat(gauge(ctx, "Site", "no_sync")).isEqualTo(1);
            assertThat(gauge(ctx, "Site", "deleted")).isZero();
        });
        ModelCounts counts = store.counts("Site");
        assertThat(gauge(ctx, "Site", "ok") + gauge(ctx, "Site", "pending") + gauge(ctx, "Site", "error")
                + gauge(ctx, "Site", "no_sync")).isEqualTo((double) counts.live());
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void everyGaugeAndFailureCounterExistsFromTheStart(String dialect) {
        JdbcStore store = store(dialect);
        SynchronizerContext ctx = SyncHarness.context(store, List.of(new RecordingStep("Site")), List.of());
        start(ctx, SyncHarness.settings(1));
        for (String state : List.of("ok", "pending", "error", "no_sync", "deleted")) {
            assertThat(ctx.metrics().find("xsync.sync.objects").tags("model", "Site", "state", state).gauge())
                    .as("gauge for state " + state).isNotNull();
        }
        for (String kind : List.of("error", "innocuous", "deferred", "skipped")) {
            assertThat(ctx.metrics().find("xsync.sync.failures").tags("model", "Site", "kind", kind).counter())
                    .as("failure counter of kind " + kind).isNotNull()
                    .satisfies(c -> assertThat(c.count()).isZero());
        }
    }

    private static double gauge(SynchronizerContext ctx, String model, String state) {
        return ctx.metrics().get("xsync.sync.objects").tags("model", model, "state", state).gauge().value();
    }

}
