package io.xsync.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.xsync.api.ModelObject;
import io.xsync.api.Step;
import io.xsync.runtime.config.ConfigException;
import io.xsync.runtime.config.XsyncConfig;
import io.xsync.runtime.spi.StatusContributor;
import io.xsync.runtime.steps.StepException;
import io.xsync.runtime.store.Actor;
import io.xsync.runtime.store.StoreException;
import io.xsync.runtime.time.ManualTime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SynchronizerTest {
    private static final String MODELS = "message MyModel (XOSBase) {\n"
            + "    required string first_name = 1;\n    required string last_name = 2;\n}\n";

    /** A pull step that records what its context gave it, and writes through its own accessor. */
    private static final String PULL_STEP = "import io.xsync.api.*;\nimport java.util.Map;\n"
            + "public class Recorder extends PullStep {\n"
            + "    public Map<String, Object> seen;\n"
            + "    public String synchronizer;\n"
            + "    @Override public void init(StepContext c) { super.init(c); seen = c.settings();"
            + " synchronizer = c.synchronizerName(); }\n"
            + "    @Override public void pullRecords() { }\n"
            + "    public long create() { ModelObject o = models().get(\"MyModel\").newObject();"
            + " o.set(\"first_name\", \"A\"); o.set(\"last_name\", \"B\"); o.save(); return o.id(); }\n"
            + "    public void rename(long id) { ModelObject o = models().get(\"MyModel\").get(id).get();"
            + " o.set(\"first_name\", \"C\"); o.save(); }\n"
            + "}\n";

    @TempDir
    Path dir;

    private XsyncConfig config(String extra) throws IOException {
        Files.createDirectories(dir.resolve("models"));
        Files.writeString(dir.resolve("models/m.xproto"), MODELS);
        return XsyncConfig.load(Files.writeString(dir.resolve("config.yaml"),
                "name: t\nmodels_dir: models\nshutdown_timeout: 30s\n" + extra));
    }

    private void pullStep() throws IOException {
        Files.createDirectories(dir.resolve("pull"));
        Files.writeString(dir.resolve("pull/Recorder.java"), PULL_STEP);
    }

    @Test
    void validateSummarisesWithoutOpeningTheStore() throws IOException {
        pullStep();
        SynchronizerSummary s = Synchronizer.validate(config("pull_steps_dir: pull\n"));
        assertThat(s.name()).isEqualTo("t");
        assertThat(s.models()).containsExactly("MyModel");
        assertThat(s.steps().pullSteps()).extracting(Step::name).containsExactly("Recorder");
        assertThat(s.storeUrl()).startsWith("jdbc:h2:file:" + dir.resolve("data").toAbsolutePath());
        assertThat(s.engines()).isEmpty();
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void startInitialisesStepsWithSettingsAndTheirActor() throws Exception {
        pullStep();
        try (Synchronizer s = Synchronizer.start(config("pull_steps_dir: pull\nsteps:\n  Recorder: {depth: 3}\n"))) {
            Step step = s.context().steps().pullSteps().get(0);
            assertThat(step.getClass().getField("seen").get(step)).isEqualTo(Map.of("depth", 3));
            assertThat(step.getClass().getField("synchronizer").get(step)).isEqualTo("t");
            long id = (Long) step.getClass().getMethod("create").invoke(step);
            ModelObject created = s.context().store().models(Actor.API).get("MyModel").get(id).orElseThrow();
            // The step's accessor is bound to PULL_STEP: a plain save from synchronizer code leaves `updated` alone.
            step.getClass().getMethod("rename", long.class).invoke(step, id);
            ModelObject renamed = s.context().store().models(Actor.API).get("MyModel").get(id).orElseThrow();
            assertThat(renamed.getString("first_name")).isEqualTo("C");
            assertThat(renamed.getInstant("updated")).isEqualTo(created.getInstant("updated"));
            assertThat(Synchronizer.actorOf(step)).isEqualTo(Actor.PULL_STEP);
            assertThat(s.summary().oneLine()).contains("models [MyModel]", "0 sync, 0 policies, 1 pull, 0 event");
        }
    }

    @Test
    void theStoreAndTheEnginesRunOnTheClockTheSynchronizerIsStartedWith() throws Exception {
        pullStep();
        ManualTime time = new ManualTime(Instant.parse("2030-06-01T10:00:00Z"));
        try (Synchronizer s = Synchronizer.start(config("pull_steps_dir: pull\n"), StoreOpener.DEFAULT, time)) {
            assertThat(s.context().time()).isSameAs(time);
            Step step = s.context().steps().pullSteps().get(0);
            long id = (Long) step.getClass().getMethod("create").invoke(step);
            assertThat(s.context().store().models(Actor.API).get("MyModel").get(id).orElseThrow().getInstant("created"))
                    .isEqualTo(time.now());
            StatusContributor pull = (StatusContributor) s.engines().stream().filter(e -> e.name().equals("pull"))
                    .findFirst().orElseThrow();
            await().atMost(Duration.ofSeconds(30)).until(() -> (Long) pull.stepStatus().get(0).values().get("runs") > 0);
            assertThat(pull.stepStatus().get(0).values().get("last_run")).isEqualTo(time.now());
        }
    }

    @Test
    void stopIsIdempotentAndClosesTheStore() throws IOException {
        Synchronizer s = Synchronizer.start(config(""));
        s.stop(Duration.ofSeconds(5));
        s.stop(Duration.ofSeconds(5));
        assertThatThrownBy(() -> s.context().store().models(Actor.API).get("MyModel").all())
                .isInstanceOf(StoreException.class).hasMessageContaining("closed");
    }

    @Test
    void requiredModelsMustExist() throws IOException {
        assertThatThrownBy(() -> Synchronizer.validate(config("required_models: [Ghost]\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("config.yaml:4: required model 'Ghost' is not defined in models_dir (known: MyModel)");
    }

    @Test
    void missingModelsDirIsNamed() throws IOException {
        XsyncConfig c = config("");
        Files.delete(dir.resolve("models/m.xproto"));
        Files.delete(dir.resolve("models"));
        assertThatThrownBy(() -> Synchronizer.validate(c))
                .hasMessageContaining("config.yaml:2: models_dir ").hasMessageEndingWith("is not a directory");
    }

    @Test
    void missingStepsDirIsNamed() throws IOException {
        assertThatThrownBy(() -> Synchronizer.validate(config("steps_dir: nowhere\n")))
                .isInstanceOf(StepException.class)
                .hasMessageContaining("config.yaml:4: steps_dir ").hasMessageEndingWith("is not a directory");
    }

    @Test
    void eventStepsNeedAnEventBus() throws IOException {
        Files.createDirectories(dir.resolve("ev"));
        Files.writeString(dir.resolve("ev/E.java"), "import io.xsync.api.*;\nimport java.util.List;\n"
                + "public class E extends EventStep {\n  @Override public List<String> topics() { return List.of(\"t\"); }\n"
                + "  @Override public void processEvent(Event e) { }\n}\n");
        assertThatThrownBy(() -> Synchronizer.validate(config("event_steps_dir: ev\n")))
                .hasMessageEndingWith("event steps [E] are loaded but event_bus.endpoint is not set");
    }

    @Test
    void eventStepsWithoutAnEventEngineRefuseToStartInsteadOfBeingIgnored() throws IOException {
        Files.createDirectories(dir.resolve("ev"));
        Files.writeString(dir.resolve("ev/E.java"), "import io.xsync.api.*;\nimport java.util.List;\n"
                + "public class E extends EventStep {\n  @Override public List<String> topics() { return List.of(\"t\"); }\n"
                + "  @Override public void processEvent(Event e) { }\n}\n");
        // this module has no event engine on its classpath (xsync-kafka brings it)
        assertThatThrownBy(() -> Synchronizer.start(config("event_steps_dir: ev\nevent_bus:\n  endpoint: 127.0.0.1:1\n")))
                .isInstanceOf(StepException.class)
                .hasMessage("event steps [E] are loaded but no engine runs event steps (is xsync-kafka on the classpath?)");
    }

    @Test
    void settingsForAnUnknownStepAreAnError() throws IOException {
        pullStep();
        assertThatThrownBy(() -> Synchronizer.validate(config("pull_steps_dir: pull\nsteps:\n  Recorde: {a: 1}\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("config.yaml:5: steps.Recorde names no loaded step (steps: Recorder)");
    }

    @Test
    void dependencyGraphFileMustExist() throws IOException {
        assertThatThrownBy(() -> Synchronizer.validate(config("dependency_graph: deps.json\n")))
                .hasMessageContaining("config.yaml:4: dependency_graph ").hasMessageEndingWith("does not exist");
    }
}
