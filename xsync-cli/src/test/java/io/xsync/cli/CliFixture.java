package io.xsync.cli;

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
}
