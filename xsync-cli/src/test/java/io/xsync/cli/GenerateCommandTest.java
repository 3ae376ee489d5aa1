package io.xsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesOneClassPerModelOfTheConfigsModelsDirInTheConfiguredPackage() throws IOException {
        Path config = CliFixture.create(dir, "models_package: com.example.model\n");
        Path out = dir.resolve("src");
        CliRun run = CliRun.of("generate", "--config", config.toString(), "--out", out.toString());
        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines()).containsExactly("wrote 2 classes of package com.example.model to " + out);
        assertThat(Files.readString(out.resolve("com/example/model/MyModel.java")))
                .contains("package com.example.model;", "public class MyModel extends TypedObject",
                        "public Integer getAge()", "public Site getSite()");
        assertThat(out.resolve("com/example/model/Site.java")).exists();
    }

    @Test
    void takesModelsAndPackageFromTheCommandLineWithoutAConfig() throws IOException {
        Path models = Files.writeString(dir.resolve("one.xproto"), "message Thing (XOSBase) {\n"
                + "    required string name = 1 [max_length = 64];\n}\n");
        Path out = dir.resolve("gen");
        CliRun run = CliRun.of("generate", "--models", models.toString(), "--package", "things", "-o", out.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines()).containsExactly("wrote 1 class of package things to " + out);
        assertThat(Files.readString(out.resolve("things/Thing.java"))).contains("public String getName()");
    }

    @Test
    void aMissingModelsPathIsOneErrorLineNamingIt() {
        Path missing = dir.resolve("models");
        CliRun run = CliRun.of("generate", "--models", missing.toString(), "--out", dir.resolve("x").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("xsync: " + missing + ": no such file or directory");
    }

    @Test
    void aBadPackageIsOneErrorLine() throws IOException {
        Path config = CliFixture.create(dir, "");
        CliRun run = CliRun.of("generate", "--config", config.toString(), "--package", "no-dash",
                "--out", dir.resolve("x").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("xsync: 'no-dash' is not a Java package name");
    }
}
