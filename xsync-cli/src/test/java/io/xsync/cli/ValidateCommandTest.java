package io.xsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class ValidateCommandTest {
    @TempDir
    Path dir;

    @Test
    void helloExampleIsValid() {
        CliRun run = CliRun.of("validate", "--config", "../examples/hello/config.yaml");
        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines()).contains("synchronizer: hello", "models (2): MyModel, Greeting",
                "sync steps: MyModelSyncStep", "policies: MyModelPolicy", "pull steps: BackendPullStep",
                "event steps: MyModelEventStep", "ok: ../examples/hello/config.yaml is valid");
        assertThat(run.out()).contains("store: jdbc:h2:file:").contains("examples/hello/data/xsync");
    }

    @Test
    void validateDoesNotCreateTheStore() throws IOException {
        Path config = CliFixture.create(dir, "");
        assertThat(CliRun.of("validate", "-c", config.toString()).exitCode()).isZero();
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void unknownKeyGivesOneErrorLineAndExit1() throws IOException {
        Path config = CliFixture.create(dir, "event_bus:\n  endpiont: localhost:9092\n");
        CliRun run = CliRun.of("validate", "--config", config.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).containsExactly("xsync: " + config + ":6: unknown key 'event_bus.endpiont' "
                + "(did you mean 'event_bus.endpoint'?)");
    }

    @Test
    void emptyPasswordFileFailsValidation() throws IOException {
        Files.writeString(dir.resolve("pw"), "");
        Path config = CliFixture.create(dir, "").resolveSibling("config.yaml");
        Files.writeString(config, Files.readString(config).replace("http:\n  enabled: false\n",
                "http:\n  enabled: false\n  username: admin\n  password: \"@pw\"\n"));
        CliRun run = CliRun.of("validate", "--config", config.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("xsync: " + config + ":6: key 'http.password': secret file "
                + dir.resolve("pw").toAbsolutePath().normalize() + " is empty");
    }

    @Test
    void illegalSynchronizerNameFailsValidation() throws IOException {
        Path config = CliFixture.create(dir, "");
        Files.writeString(config, Files.readString(config).replace("name: clitest", "name: \"hello; touch x\""));
        CliRun run = CliRun.of("validate", "--config", config.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("xsync: " + config + ":1: key 'name' must be a legal Kafka topic");
    }

    @Test
    void modelErrorNamesFileAndLine() throws IOException {
        Path config = CliFixture.create(dir, "");
        Files.writeString(dir.resolve("models/hello.xproto"), "message Broken {\n  required strang x = 1;\n}\n");
        CliRun run = CliRun.of("validate", "--config", config.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).startsWith("xsync: ").contains("hello.xproto:2:");
    }

    @Test
    void stepCompileErrorNamesFileLineAndColumnWithTheSourceLineAndACaret() throws IOException {
        Path config = CliFixture.create(dir, "event_steps_dir: steps\nevent_bus:\n  endpoint: localhost:9092\n");
        Path step = Files.writeString(Files.createDirectories(dir.resolve("steps")).resolve("Bad.java"),
                "public class Bad extends io.xsync.api.EventStep {\n  oops\n}\n");
        CliRun run = CliRun.of("validate", "--config", config.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly(
                "xsync: " + step.toAbsolutePath().normalize() + ":2:7: error: <identifier> expected",
                "      oops",
                "          ^");
    }

    @Test
    void aStepImportingARuntimeClassFailsValidateNamingTheImport() throws IOException {
        Path config = CliFixture.create(dir, "steps_dir: steps\n");
        Path step = Files.writeString(Files.createDirectories(dir.resolve("steps")).resolve("Sneaky.java"),
                "import io.xsync.runtime.store.Actor;\n"
                + "public class Sneaky extends io.xsync.api.SyncStep {\n"
                + "  public java.util.List<String> observes() { return java.util.List.of(\"MyModel\"); }\n"
                + "  public void syncRecord(io.xsync.api.ModelObject o) { }\n}\n");
        CliRun run = CliRun.of("validate", "--config", config.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly(
                "xsync: " + step.toAbsolutePath().normalize() + ":1:30: error: package io.xsync.runtime.store does not exist",
                "    import io.xsync.runtime.store.Actor;",
                "                                 ^",
                "  (io.xsync.runtime.store is not visible to steps: they compile against xsync-api, Jackson, SLF4J, "
                        + "the generated model classes and the step directory's jars)");
    }

    @Test
    void aStepUsingTheTypedModelClassesIsValidAndAMisspelledFieldIsNot() throws IOException {
        Path config = CliFixture.create(dir, "steps_dir: steps\n");
        String source = "import models.MyModel;\n"
                + "public class People extends io.xsync.api.SyncStep {\n"
                + "  public java.util.List<String> observes() { return java.util.List.of(\"MyModel\"); }\n"
                + "  public void syncRecord(io.xsync.api.ModelObject o) { MyModel.wrap(o).setAge(3); }\n}\n";
        Path step = Files.writeString(Files.createDirectories(dir.resolve("steps")).resolve("People.java"), source);
        assertThat(CliRun.of("validate", "--config", config.toString()).exitCode()).isZero();

        Files.writeString(step, source.replace("setAge(3)", "setAeg(3)"));
        CliRun run = CliRun.of("validate", "--config", config.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("xsync: " + step.toAbsolutePath().normalize() + ":4:71: error: cannot find symbol\n")
                .contains("  symbol:   method setAeg(int)\n");
    }

    @Test
    void requiredModelMissingIsNamed() throws IOException {
        Path config = CliFixture.create(dir, "required_models: [MyModel, Ghost]\n");
        CliRun run = CliRun.of("validate", "--config", config.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(":5: required model 'Ghost' is not defined in models_dir");
    }

    @Test
    void xosLikeModelsAreValidAndEachWarningIsPrintedOnceWithRepeatedKindsGrouped() throws IOException {
        Path config = CliFixture.create(dir, "accessor:\n  username: xosadmin\n");
        Files.delete(dir.resolve("models/hello.xproto"));
        for (String f : new String[] {"core.xproto", "olt.xproto"}) {
            Files.copy(Path.of("../xsync-runtime/src/test/resources/xproto/xoslike", f), dir.resolve("models/" + f));
        }
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        logged.start();
        root.addAppender(logged);
        CliRun run;
        try {
            run = CliRun.of("validate", "--config", config.toString());
        } finally {
            root.detachAppender(logged);
        }
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(logged.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).isEmpty();
        List<String> warnings = run.outLines().stream().filter(l -> l.startsWith("warning: ")).toList();
        assertThat(warnings).doesNotHaveDuplicates();
        assertThat(warnings).filteredOn(w -> w.contains("key 'accessor'")).hasSize(1);
        assertThat(warnings).filteredOn(w -> w.contains("redeclare base fields")).singleElement().asString()
                .contains("'created', 'updated', 'enacted', 'deleted' of model 'Account'");
        assertThat(warnings).filteredOn(w -> w.contains("is not defined by any xproto file")).hasSize(2);
        assertThat(warnings).filteredOn(w -> w.startsWith("warning: ... and 2 more 'undefined parent' warnings at "))
                .singleElement().asString().contains("core.xproto:");
        assertThat(run.out()).contains("ok: " + config + " is valid");
    }

    @Test
    void noConfigAnywhereSaysHowToGiveOne() {
        CliRun run = CliRun.of("validate");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly(
                "xsync: no config file: pass --config FILE, set XSYNC_CONFIG, or run where config.yaml is");
    }
}
