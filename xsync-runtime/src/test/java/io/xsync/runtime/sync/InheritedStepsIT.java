package io.xsync.runtime.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.xsync.api.ModelObject;
import io.xsync.api.Policy;
import io.xsync.api.SyncStep;
import io.xsync.runtime.Cleanup;
import io.xsync.runtime.policy.PolicyEngine;
import io.xsync.runtime.schema.DependencyGraph;
import io.xsync.runtime.spi.SynchronizerContext;
import io.xsync.runtime.steps.LoadedSteps;
import io.xsync.runtime.store.Actor;
import io.xsync.runtime.store.JdbcStore;
import io.xsync.runtime.store.TestSchemas;
import io.xsync.runtime.store.TestStores;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Steps and policies of a parent model (the xoslike Service, AccessService, OLTService chain) get
 * the objects of its subclasses as their leaf model, unless a subclass has a step or policy of its
 * own, on H2 and PostgreSQL.
 */
class InheritedStepsIT {
    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    private JdbcStore store(String dialect) {
        JdbcStore store = TestStores.open(dialect, TestSchemas.xosLike());
        cleanup.add(store);
        return store;
    }

    private static SynchronizerContext context(JdbcStore store, List<SyncStep> steps, List<Policy> policies) {
        steps.forEach(s -> s.init(SyncHarness.stepContext(store, Actor.SYNC_STEP)));
        policies.forEach(p -> p.init(SyncHarness.stepContext(store, Actor.POLICY)));
        return new SynchronizerContext("test", null, store.schema(), DependencyGraph.derive(store.schema()), store,
                new LoadedSteps(steps, policies, List.of(), List.of()), new CompositeMeterRegistry());
    }

    private static ModelObject create(JdbcStore store, String model, Map<String, Object> values) {
        ModelObject o = store.models(Actor.API).get(model).newObject();
        values.forEach(o::set);
        o.save();
        return o;
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aStepOfAParentModelSyncsSubclassObjectsAsTheirLeafModelAndAnOwnStepWins(String dialect) {
        JdbcStore store = store(dialect);
        RecordingStep serviceStep = new RecordingStep("Service");
        RecordingStep oltStep = new RecordingStep("OLTService");
        List<String> seenProfiles = Collections.synchronizedList(new ArrayList<>());
        serviceStep.action = (o, deletion) -> {
            if (o.model().name().equals("AccessService")) {
                seenProfiles.add(o.model().name() + ":" + o.get("access_profile"));
            }
        };
        SyncEngine engine = new SyncEngine(context(store, List.of(serviceStep, oltStep), List.of()),
                SyncHarness.settings(2));
        engine.start();
        cleanup.add(() -> engine.stop(Duration.ofSeconds(5)));

        ModelObject plain = create(store, "Service", Map.of("name", "plain"));
        ModelObject access = create(store, "AccessService", Map.of("name", "access", "access_profile", "gpon"));
        ModelObject olt = create(store, "OLTService", Map.of("name", "olt", "controller_url", "http://c"));
        for (ModelObject o : List.of(plain, access, olt)) {
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    store.models(Actor.API).get("Service").get(o.id()).orElseThrow().getInstant("enacted") != null);
        }

        assertThat(serviceStep.calls).containsExactlyInAnyOrder("sync Service " + plain.id(),
                "sync AccessService " + access.id());
        assertThat(seenProfiles).as("the subclass object is handed over with its own fields")
                .containsExactly("AccessService:gpon");
        assertThat(oltStep.calls).containsExactly("sync OLTService " + olt.id());
        ModelObject synced = store.models(Actor.API).get("AccessService").get(access.id()).orElseThrow();
        assertThat(synced.getString("backend_status")).isEqualTo("OK");
        assertThat(synced.getInstant("enacted")).isNotNull();
    }

    /** Records the leaf model of every object it polices. */
    static final class RecordingPolicy extends Policy {
        final String model;
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());

        RecordingPolicy(String model) {
            this.model = model;
        }

        @Override
        public String modelName() {
            return model;
        }

        @Override
        public void handleCreate(ModelObject obj) {
            calls.add(obj.model().name() + " " + obj.id());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aPolicyOfAParentModelPolicesSubclassObjectsAsTheirLeafModelAndAnOwnPolicyWins(String dialect) {
        JdbcStore store = store(dialect);
        RecordingPolicy servicePolicy = new RecordingPolicy("Service");
        RecordingPolicy accessPolicy = new RecordingPolicy("AccessService");
        PolicyEngine engine = new PolicyEngine(context(store, List.of(), List.of(servicePolicy, accessPolicy)),
                Duration.ofMinutes(10));
        ModelObject plain = create(store, "Service", Map.of("name", "plain"));
        ModelObject access = create(store, "AccessService", Map.of("name", "access"));
        ModelObject olt = create(store, "OLTService", Map.of("name", "olt", "controller_url", "http://c"));

        assertThat(engine.runPass()).isEqualTo(3);
        assertThat(servicePolicy.calls).containsExactly("Service " + plain.id());
        assertThat(accessPolicy.calls).containsExactlyInAnyOrder("AccessService " + access.id(),
                "OLTService " + olt.id());
        assertThat(store.models(Actor.API).get("OLTService").get(olt.id()).orElseThrow().getString("policy_status"))
                .isEqualTo("done");
    }
}
