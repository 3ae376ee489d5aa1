package io.xsync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
        return start(config, name, config.resolveSibling("child.log"));
    }

    /** As {@link #start(Path, String)}: every child runs with the product's logging configuration. */
    static RunningSynchronizer startWithProductLogging(Path config, String name) throws IOException {
        return start(config, name);
    }

    /** As {@link #start(Path, String)}, the child's output going to {@code log}. */
    static RunningSynchronizer start(Path config, String name, Path log) throws IOException {
        return start(config, name, log, Duration.ofMinutes(2));
    }

    /** As {@link #start(Path, String, Path)}, waiting up to {@code startup} for the child to start. */
    static RunningSynchronizer start(Path config, String name, Path log, Duration startup) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Dlogback.configurationFile=" + productionLogging(), "-cp",
                System.getProperty("java.class.path"), XsyncCli.class.getName(), "run", "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        RunningSynchronizer child = new RunningSynchronizer(p, log);
        await().atMost(startup).until(() -> child.log().contains("synchronizer " + name + " started")
                || !p.isAlive());
        assertThat(p.isAlive()).as("child output:\n%s", child.log()).isTrue();
        return child;
    }

    /** The distribution's logging configuration (the test classpath's would log third parties differently). */
    static String productionLogging() {
        return java.util.Objects.requireNonNull(XsyncCli.class.getResource("/logback.xml"), "logback.xml").toString();
    }

    /** The child's process id. */
    long pid() {
        return process.pid();
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

    /** The child's WARN and ERROR lines from the moment it began to stop. */
    java.util.List<String> warningsWhileStopping() {
        String all = log();
        int from = all.indexOf("stopping synchronizer");
        assertThat(from).as("the child logged its stop:\n%s", all).isNotNegative();
        return all.substring(from).lines().filter(l -> l.contains(" WARN ") || l.contains(" ERROR ")).toList();
    }

    /** Sends SIGKILL and waits for the exit. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("child exited after SIGKILL").isTrue();
    }

    /** Whether the child still runs. */
    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
