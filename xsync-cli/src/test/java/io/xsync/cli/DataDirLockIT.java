package io.xsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code xsync run} processes on one data directory (embedded H2 store and embedded broker):
 * the second exits at once with one line naming the first one's pid and starts nothing; the
 * first goes on working and stops cleanly on SIGTERM.
 */
class DataDirLockIT {
    @TempDir
    Path dir;

    private RunningSynchronizer first;

    @AfterEach
    void stopChild() throws InterruptedException {
        if (first != null) {
            first.close();
        }
    }

    @Test
    void secondProcessOnTheSameDataDirExitsWithOneLineNamingTheHolder() throws Exception {
        Path config = CliFixture.withEventStep(dir);
        first = RunningSynchronizer.start(config, "clitest");

        Path secondLog = dir.resolve("second.log");
        Process second = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlogback.configurationFile=" + RunningSynchronizer.productionLogging(),
                "-cp", System.getProperty("java.class.path"), XsyncCli.class.getName(), "run", "--config",
                config.toString()).redirectErrorStream(true).redirectOutput(secondLog.toFile()).start();
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).as("second process exited").isTrue();
        assertThat(second.exitValue()).isEqualTo(1);
        List<String> lines = Files.readAllLines(secondLog);
        assertThat(lines).as("everything the second process printed").hasSize(1);
        assertThat(lines.get(0)).startsWith("xsync: data directory " + dir.resolve("data").toAbsolutePath())
                .contains("in use by another xsync process (pid " + first.pid() + ")");

        CliRun send = CliRun.of("send", "MyTopic", "--config", config.toString(),
                "{\"first_name\":\"Ann\",\"last_name\":\"Lee\"}");
        assertThat(send.exitCode()).as(send.err()).isZero();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> CliRun.of("models",
                "list", "MyModel", "--json", "--config", config.toString()).out().contains("Ann"));
        first.terminate();
        assertThat(first.log()).contains("synchronizer clitest stopped");
        assertThat(first.warningsWhileStopping()).isEmpty();
    }
}
