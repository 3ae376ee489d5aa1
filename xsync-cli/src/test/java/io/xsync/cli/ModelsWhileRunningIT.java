package io.xsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
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

    private RunningSynchronizer child;

    @AfterEach
    void killChild() throws InterruptedException {
        if (child != null) {
            child.close();
        }
    }

    @Test
    void modelsCommandsWorkAgainstARunningSynchronizer() throws Exception {
        String config = CliFixture.create(dir, "shutdown_timeout: 10s\n").toString();
        child = RunningSynchronizer.start(Path.of(config), "clitest");

        CliRun create = CliRun.of("models", "create", "MyModel", "first_name=John", "last_name=Doe", "--config", config);
        assertThat(create.err()).isEmpty();
        assertThat(create.exitCode()).isZero();
        long id = Long.parseLong(create.out().trim());

        CliRun list = CliRun.of("models", "list", "MyModel", "--json", "--config", config);
        assertThat(list.exitCode()).isZero();
        assertThat(JSON.readTree(list.out()).get("id").asLong()).isEqualTo(id);

        child.terminate(); // SIGTERM: the shutdown hook stops the synchronizer
        assertThat(child.log()).contains("stopping synchronizer clitest", "synchronizer clitest stopped");

        CliRun after = CliRun.of("models", "get", "MyModel", Long.toString(id), "--json", "--config", config);
        assertThat(after.exitCode()).isZero();
        assertThat(JSON.readTree(after.out()).get("last_name").asText()).isEqualTo("Doe");
    }

}
