package io.xsync.cli;

import io.xsync.kafka.EmbeddedKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A synchronizer directory for CLI tests: models, config, store under its own data dir. */
final class CliFixture {
    static final String MODELS = "message Site (XOSBase) {\n"
            + "    required string name = 1 [max_length = 64];\n"
            + "}\n\n"
            + "message MyModel (XOSBase) {\n"
            + "    required string first_name = 1 [max_length = 64];\n"
            + "    required string last_name = 2 [max_length = 64];\n"
            + "    optional int32 age = 3;\n"
            + "    optional manytoone site->Site:people = 4:1001 [null = True, blank = True];\n"
            + "    optional string status = 5 [feedback_state = True];\n"
            + "}\n";

    private CliFixture() {
    }

    /** Writes models/hello.xproto and config.yaml ({@code extra} appended) into {@code dir}; returns the config. */
    static Path create(Path dir, String extra) throws IOException {
        Files.createDirectories(dir.resolve("models"));
        Files.writeString(dir.resolve("models/hello.xproto"), MODELS);
        return Files.writeString(dir.resolve("config.yaml"), "name: clitest\nmodels_dir: models\n"
                + "http:\n  enabled: false\n" + extra);
    }

    /**
     * As {@link #create}, with the hello example's event step and the embedded broker on a free
     * port; returns the config.
     */
    static Path withEventStep(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("event_steps"));
        Files.copy(Path.of("../examples/hello/event_steps/MyModelEventStep.java"),
                dir.resolve("event_steps/MyModelEventStep.java"));
        return create(dir, "event_steps_dir: event_steps\nshutdown_timeout: 10s\n"
                + "event_bus:\n  kind: kafka\n  endpoint: embedded\n  embedded_port: " + EmbeddedKafka.freePort() + "\n");
    }
}
