package io.xsync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.xsync.kafka.EmbeddedKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's scenario end to end: {@code xsync run} (child JVM) with {@code endpoint: embedded}
 * and the hello example's event step; {@code xsync send --config} delivers events; each distinct
 * person becomes one MyModel object.
 */
class EventsEndToEndIT {
    @TempDir
    Path dir;

    private Process child;
    private Path childLog;

    @AfterEach
    void stopChild() throws InterruptedException {
        if (child != null && child.isAlive()) {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void sentEventsBecomeObjectsThroughTheEmbeddedBroker() throws Exception {
        Files.createDirectories(dir.resolve("event_steps"));
        Files.copy(Path.of("../examples/hello/event_steps/MyModelEventStep.java"),
                dir.resolve("event_steps/MyModelEventStep.java"));
        int port = EmbeddedKafka.freePort();
        String config = CliFixture.create(dir, "event_steps_dir: event_steps\nshutdown_timeout: 10s\n"
                + "event_bus:\n  kind: kafka\n  endpoint: embedded\n  embedded_port: " + port + "\n").toString();
        startChild(config);
        await().atMost(Duration.ofMinutes(2)).until(() -> log().contains("synchronizer clitest started")
                || !child.isAlive());
        assertThat(child.isAlive()).as("child output:\n%s", log()).isTrue();

        for (String person : new String[] {"\"John\",\"last_name\":\"Doe\"", "\"Jane\",\"last_name\":\"Roe\"",
                "\"John\",\"last_name\":\"Doe\""}) {
            CliRun send = CliRun.of("send", "MyTopic", "--config", config, "{\"first_name\":" + person + "}");
            assertThat(send.exitCode()).as(send.err()).isZero();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> people().contains("Jane"));
        Thread.sleep(1000);
        String people = people();
        assertThat(people.split("\"first_name\"", -1)).hasSize(3); // two objects: John once, Jane once
        assertThat(people).contains("Doe", "Roe");

        child.toHandle().destroy();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(log()).contains("synchronizer clitest stopped");
    }

    private String people() {
        CliRun list = CliRun.of("models", "list", "MyModel", "--json", "--config", dir.resolve("config.yaml").toString());
        return list.out();
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
