package io.xsync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code xsync run} in a child JVM holds the embedded H2 store open; {@code xsync models} in this
 * JVM reads and writes the same store through H2's AUTO_SERVER mode. SIGTERM stops the child
 * cleanly and the objects are still there afterwards.
 */
class ModelsWhileRunningIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Process child;
    private Path childLog;

    @AfterEach
    void killChild() throws InterruptedException {
        if (child != null && child.isAlive()) {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void modelsCommandsWorkAgainstARunningSynchronizer() throws Exception {
        String config = CliFixture.create(dir, "shutdown_timeout: 10s\n").toString();
        startChild(config);
        await().atMost(Duration.ofMinutes(2)).until(() -> log().contains("synchronizer clitest started")
                || !child.isAlive());
        assertThat(child.isAlive()).as("child output:\n%s", log()).isTrue();

        CliRun create = CliRun.of("models", "create", "MyModel", "first_name=John", "last_name=Doe", "--config", config);
        assertThat(create.err()).isEmpty();
        assertThat(create.exitCode()).isZero();
        long id = Long.parseLong(create.out().trim());

        CliRun list = CliRun.of("models", "list", "MyModel", "--json", "--config", config);
        assertThat(list.exitCode()).isZero();
        assertThat(JSON.readTree(list.out()).get("id").asLong()).isEqualTo(id);

        child.toHandle().destroy(); // SIGTERM: the shutdown hook stops the synchronizer
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(log()).contains("stopping synchronizer clitest", "synchronizer clitest stopped");

        CliRun after = CliRun.of("models", "get", "MyModel", Long.toString(id), "--json", "--config", config);
        assertThat(after.exitCode()).isZero();
        assertThat(JSON.readTree(after.out()).get("last_name").asText()).isEqualTo("Doe");
    }

    private void startChild(String config) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        childLog = dir.resolve("child.log");
        child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                XsyncCli.class.getName(), "run", "--config", config)
                .redirectErrorStream(true).redirectOutput(childLog.toFile()).start();
    }

    private String log() throws IOException {
        return Files.readString(childLog);
    }
}
