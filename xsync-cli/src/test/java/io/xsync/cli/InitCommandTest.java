package io.xsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitCommandTest {

    @Test
    void writesTheProjectWithItsNameAndPackageFilledIn(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("my-sync");
        CliRun run = CliRun.of("init", dir.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(files(dir)).containsExactly(".gitignore", "README.md", "config.yaml", "models/my-sync.xproto",
                "pom.xml", "src/main/java/mysync/event_steps/ItemEventStep.java",
                "src/main/java/mysync/policies/ItemPolicy.java", "src/main/java/mysync/pull_steps/BackendPullStep.java",
                "src/main/java/mysync/steps/ItemSyncStep.java", "src/test/java/mysync/ItemStepsTest.java");
        for (String f : files(dir)) {
            assertThat(Files.readString(dir.resolve(f))).as(f).doesNotContain("__NAME__", "__PKG", "__VERSION__");
        }
        assertThat(Files.readString(dir.resolve("config.yaml"))).contains("name: my-sync\n")
                .contains("steps_dir: src/main/java/mysync/steps\n");
        assertThat(Files.readString(dir.resolve("src/main/java/mysync/steps/ItemSyncStep.java")))
                .startsWith("package mysync.steps;\n");
        assertThat(Files.readString(dir.resolve("pom.xml"))).contains("<artifactId>my-sync</artifactId>")
                .contains("<xsync.version>0.1.0-SNAPSHOT</xsync.version>");
    }

    @Test
    void refusesADirectoryThatIsNotEmpty(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("keep.txt"), "mine");
        CliRun run = CliRun.of("init", tmp.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("xsync: " + tmp + " is not empty; xsync init writes into a new or empty "
                + "directory\n");
        assertThat(files(tmp)).containsExactly("keep.txt");
    }

    @Test
    void theNameAndPackageCanBeGiven(@TempDir Path tmp) throws IOException {
        CliRun run = CliRun.of("init", tmp.resolve("x").toString(), "--name", "inventory", "--package", "com.acme.inv");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(tmp.resolve("x/src/main/java/com/acme/inv/event_steps/ItemEventStep.java")).isRegularFile();
        assertThat(tmp.resolve("x/models/inventory.xproto")).isRegularFile();
    }

    @Test
    void thePackageComesFromTheNameInLowerCaseLettersAndDigits() {
        assertThat(InitCommand.packageOf("My-Sync_2")).isEqualTo("mysync2");
        assertThat(InitCommand.packageOf("2fast")).isEqualTo("sync2fast");
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }
}
