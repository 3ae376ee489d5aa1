package io.xsync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code xsync run --config FILE} in a child JVM on the test classpath, its output in a log file
 * beside the config. {@link #close()} kills it if it is still alive.
 */
final class RunningSynchronizer implements AutoCloseable {
    private final Process process;
    private final Path log;

    private RunningSynchronizer(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts the child and waits until it logs that synchronizer {@code name} started. */
    static RunningSynchronizer start(Path config, String name) throws IOException {
        return start(config, name, List.of());
    }

    /** As {@link #start(Path, String)}, with the product's logging configuration rather than a test one. */
    static RunningSynchronizer startWithProductLogging(Path config, String name) throws IOException {
        return start(config, name, List.of("-Dlogback.configurationFile=" + XsyncCli.class.getResource("/logback.xml")));
    }

    private static RunningSynchronizer start(Path config, String name, List<String> jvmOptions) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = config.resolveSibling("child.log");
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), XsyncCli.class.getName(), "run",
                "--config", config.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        RunningSynchronizer child = new RunningSynchronizer(p, log);
        await().atMost(Duration.ofMinutes(2)).until(() -> child.log().contains("synchronizer " + name + " started")
                || !p.isAlive());
        assertThat(p.isAlive()).as("child output:\n%s", child.log()).isTrue();
        return child;
    }

    /** Everything the child has written so far. */
    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends SIGTERM (the shutdown hook stops the synchronizer) and waits for the exit. */
    void terminate() throws InterruptedException {
        process.toHandle().destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("child exited after SIGTERM").isTrue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
