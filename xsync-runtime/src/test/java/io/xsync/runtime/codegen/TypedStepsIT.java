package io.xsync.runtime.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsync.api.Event;
import io.xsync.api.EventStep;
import io.xsync.api.ModelObject;
import io.xsync.api.Policy;
import io.xsync.runtime.internal.StepContextImpl;
import io.xsync.runtime.schema.ModelDef;
import io.xsync.runtime.schema.Schema;
import io.xsync.runtime.schema.XprotoLoader;
import io.xsync.runtime.steps.LoadedSteps;
import io.xsync.runtime.steps.StepKind;
import io.xsync.runtime.steps.StepLoader;
import io.xsync.runtime.store.Actor;
import io.xsync.runtime.store.JdbcStore;
import io.xsync.runtime.store.TestStores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hello example's event step and model policy, which use the typed model classes generated at
 * startup, compiled from the example directory and run against a real store.
 */
class TypedStepsIT {
    private static final Path HELLO = Path.of("../examples/hello");

    static List<String> dialects() {
        return TestStores.dialects();
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void helloStepsUsingTypedClassesCreateOnePersonPerNameAndOneGreetingEach(String dialect) throws Exception {
        Schema schema = XprotoLoader.load(HELLO.resolve("models"));
        LoadedSteps steps = new StepLoader(null)
                .directory(StepKind.EVENT, HELLO.resolve("event_steps"))
                .directory(StepKind.POLICY, HELLO.resolve("model_policies"))
                .modelClasses(schema, "models")
                .load(schema.models().stream().map(ModelDef::name).collect(Collectors.toSet()));
        try (JdbcStore store = TestStores.open(dialect, schema)) {
            EventStep events = steps.eventSteps().get(0);
            events.init(new StepContextImpl("hello", store.models(Actor.EVENT_STEP), Map.of(), store, HELLO));
            Policy policy = steps.policies().get(0);
            policy.init(new StepContextImpl("hello", store.models(Actor.POLICY), Map.of(), store, HELLO));

            events.processEvent(event(0, "{\"first_name\": \"Ada\", \"last_name\": \"Lovelace\"}"));
            events.processEvent(event(1, "{\"first_name\": \"Ada\", \"last_name\": \"Lovelace\"}"));
            events.processEvent(event(2, "{\"first_name\": \"Ada\", \"last_name\": \"Byron\"}"));

            List<ModelObject> people = store.models(Actor.API).get("MyModel").all();
            assertThat(people).extracting(o -> o.getString("first_name") + " " + o.getString("last_name"))
                    .containsExactly("Ada Lovelace", "Ada Byron");
            ModelObject ada = people.get(0);
            policy.handleCreate(ada);
            policy.handleCreate(ada);
            assertThat(store.models(Actor.API).get("Greeting").all())
                    .extracting(g -> g.getLong("mymodel_id") + ": " + g.getString("text") + " " + g.getBoolean("no_sync"))
                    .containsExactly(ada.id() + ": Hello, Ada Lovelace true");
        }
    }

    private static Event event(long offset, String json) {
        return new Event("MyTopic", 0, offset, null, json.getBytes(StandardCharsets.UTF_8), null, null);
    }
}
