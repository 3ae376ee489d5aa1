package io.xsync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.xsync.kafka.EmbeddedKafka;
import io.xsync.kafka.EventSettings;
import io.xsync.kafka.KafkaEventEngine;
import io.xsync.kafka.RecordingStep;
import io.xsync.kafka.SharedBroker;
import io.xsync.kafka.TestDb;
import io.xsync.kafka.TestEvents;
import io.xsync.runtime.store.JdbcStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code xsync dlt list|show|replay} against dead letters that a real event engine wrote: a step
 * refuses an event, the event is dead-lettered, the operator reads it, fixes the step and replays.
 */
class DltCommandIT {
    private final EmbeddedKafka kafka = SharedBroker.get();
    private JdbcStore store;
    private KafkaEventEngine engine;

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.stop(Duration.ofSeconds(10));
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    void listsShowsAndReplaysDeadLettersWrittenByTheEngine() throws Exception {
        String name = "dlt" + UUID.randomUUID().toString().substring(0, 8);
        String topic = SharedBroker.uniqueTopic("dltcli");
        kafka.createTopic(topic, 1);
        store = TestDb.open(TestDb.h2(), 4);
        TestDb.exec(store, RecordingStep.TABLE_DDL);
        RecordingStep step = new RecordingStep("Parser", List.of(topic), null, store)
                .failWhen(e -> e.text().startsWith("bad"));
        EventSettings settings = EventSettings.defaults(name, kafka.bootstrapServers())
                .withRetry(1, Duration.ofMillis(10), Duration.ofMillis(10));
        engine = new KafkaEventEngine(List.of(step), store, settings, new SimpleMeterRegistry());
        engine.start();
        await().atMost(Duration.ofSeconds(60)).until(engine::ready);
        send(topic, "good-1", "bad-1\u001b[2J", "good-2");
        Path config = config(name);

        await().atMost(Duration.ofSeconds(60)).until(() -> CliRun.of("dlt", "list", "--config", config.toString())
                .out().contains("0@0"));
        CliRun list = CliRun.of("dlt", "list", "--config", config.toString());
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.outLines()).hasSize(2);
        assertThat(list.outLines().get(0)).startsWith("ID").contains("FAILED AT", "STEP", "FROM", "ERROR");
        assertThat(list.outLines().get(1)).startsWith("0@0").contains("Parser", topic + "-0@1",
                "IllegalStateException: refusing bad-1\\x1b[2J");

        CliRun show = CliRun.of("dlt", "show", "0@0", "--config", config.toString());
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).contains("dead letter " + name + ".dead-letter-0@0", "value:      bad-1\\x1b[2J",
                "headers:    trace=t-42", "stack trace:", "java.lang.IllegalStateException: refusing bad-1");
        assertThat(show.out()).doesNotContain("\u001b");

        CliRun missing = CliRun.of("dlt", "show", "0@99", "--config", config.toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).startsWith("xsync: no dead letter 0@99 in " + name + ".dead-letter");

        step.failWhen(e -> false); // the operator fixed the cause
        CliRun replay = CliRun.of("dlt", "replay", "0@0", "--config", config.toString());
        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(replay.outLines()).containsExactly("replayed 0@0 to " + topic,
                "replayed 1 dead letter(s) from " + name + ".dead-letter");
        await().atMost(Duration.ofSeconds(60)).until(() ->
                TestDb.queryLong(store, "SELECT COUNT(*) FROM seen WHERE v LIKE 'bad-1%'") == 1);
        assertThat(TestDb.queryLong(store, "SELECT COUNT(*) FROM seen WHERE step = 'Parser'")).isEqualTo(3);
    }

    private void send(String topic, String... values) throws Exception {
        try (KafkaProducer<String, String> producer = TestEvents.producer(kafka.bootstrapServers())) {
            for (String v : values) {
                ProducerRecord<String, String> r = new ProducerRecord<>(topic, "k", v);
                r.headers().add("trace", "t-42".getBytes(StandardCharsets.UTF_8));
                producer.send(r).get();
            }
        }
    }

    private Path config(String name) throws Exception {
        Files.createDirectories(dir.resolve("models"));
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, "name: " + name + "\nmodels_dir: models\nevent_bus:\n  kind: kafka\n  endpoint: "
                + kafka.bootstrapServers() + "\n");
        return config;
    }
}
