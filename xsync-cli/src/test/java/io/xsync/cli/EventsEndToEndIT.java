package io.xsync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
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

    private RunningSynchronizer child;

    @AfterEach
    void stopChild() throws InterruptedException {
        if (child != null) {
            child.close();
        }
    }

    @Test
    void sentEventsBecomeObjectsThroughTheEmbeddedBroker() throws Exception {
        Path config = CliFixture.withEventStep(dir);
        child = RunningSynchronizer.start(config, "clitest");

        // Jane comes last: MyTopic has one partition, so once she is there both Johns were processed.
        for (String person : new String[] {"\"John\",\"last_name\":\"Doe\"", "\"John\",\"last_name\":\"Doe\"",
                "\"Jane\",\"last_name\":\"Roe\""}) {
            CliRun send = CliRun.of("send", "MyTopic", "--config", config.toString(), "{\"first_name\":" + person + "}");
            assertThat(send.exitCode()).as(send.err()).isZero();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> people().contains("Jane"));
        String people = people();
        assertThat(people.split("\"first_name\"", -1)).hasSize(3); // two objects: John once, Jane once
        assertThat(people).contains("Doe", "Roe");

        child.terminate();
        assertThat(child.log()).contains("synchronizer clitest stopped");
    }

    private String people() {
        CliRun list = CliRun.of("models", "list", "MyModel", "--json", "--config", dir.resolve("config.yaml").toString());
        return list.out();
    }

}
