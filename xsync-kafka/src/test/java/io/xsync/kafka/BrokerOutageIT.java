package io.xsync.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.xsync.runtime.store.JdbcStore;
import io.xsync.runtime.store.OffsetTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** A broker of its own, stopped for 20 s in the middle of a stream: nothing is lost. */
class BrokerOutageIT {

    @Test
    void brokerDownForTwentySecondsLosesNothing() throws Exception {
        Path dir = Files.createTempDirectory("xsync-outage");
        int port = EmbeddedKafka.freePort();
        EmbeddedKafka broker = EmbeddedKafka.start(dir, port);
        String topic = "outage";
        broker.createTopic(topic, 2);
        try (JdbcStore store = TestDb.open(TestDb.h2(), 4)) {
            TestDb.exec(store, RecordingStep.TABLE_DDL);
            EventSettings settings = EventSettings.defaults("outage", broker.bootstrapServers())
                    .withOutageLogInterval(Duration.ofSeconds(5));
            RecordingStep step = new RecordingStep("Outage", List.of(topic), null, store).failWhen(e -> {
                pause(3); // slow enough that the broker goes away while events are in flight
                return false;
            });
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            KafkaEventEngine engine = new KafkaEventEngine(List.of(step), store, settings, registry);
            engine.start();
            List<Future<RecordMetadata>> acks = java.util.Collections.synchronizedList(new ArrayList<>());
            KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 180_000, ProducerConfig.MAX_BLOCK_MS_CONFIG, 180_000,
                    ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
            try {
                for (int i = 0; i < 2000; i++) {
                    acks.add(producer.send(new ProducerRecord<>(topic, "k" + (i % 10), "e" + i)));
                }
                producer.flush();
                await().atMost(Duration.ofSeconds(60)).until(() -> rows(store) >= 300);
                broker.close(); // mid-stream: most events are still to be fetched and processed
                Thread sender = new Thread(() -> {
                    for (int i = 2000; i < 3000; i++) { // blocks until the broker is back
                        acks.add(producer.send(new ProducerRecord<>(topic, "k" + (i % 10), "e" + i)));
                    }
                });
                sender.start();
                long downSince = System.nanoTime();
                // the bound only keeps a broken build from hanging; how fast the outage shows is not asserted
                await().atMost(Duration.ofSeconds(120)).until(() -> !engine.ready());
                assertThat(engine.detail()).startsWith("Kafka at " + broker.bootstrapServers() + " unreachable");
                Thread.sleep(Math.max(0, 20_000 - (System.nanoTime() - downSince) / 1_000_000));
                broker = EmbeddedKafka.start(dir, port);
                await().atMost(Duration.ofSeconds(60)).until(engine::ready);
                sender.join();
                for (Future<RecordMetadata> ack : acks) {
                    ack.get(); // every send acknowledged
                }
                // the end: the stored offsets cover all 3000 events (the table's unique key makes a
                // repeated event fail instead of adding a row, so failures must stay at 0)
                await().atMost(Duration.ofSeconds(120)).until(() -> TestDb.queryLong(store,
                        "SELECT COALESCE(SUM(\"next_offset\"), 0) FROM \"" + OffsetTable.TABLE + "\"") == 3000);
                assertThat(rows(store)).isEqualTo(3000);
                assertThat(TestDb.queryLong(store, "SELECT COUNT(DISTINCT v) FROM seen")).isEqualTo(3000);
                assertThat(registry.get("xsync.events.failed").tag("step", "Outage").counter().count()).isZero();
            } finally {
                producer.close(Duration.ofSeconds(5));
                engine.stop(Duration.ofSeconds(10));
            }
        } finally {
            broker.close();
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long rows(JdbcStore store) throws Exception {
        return TestDb.queryLong(store, "SELECT COUNT(*) FROM seen");
    }
}
