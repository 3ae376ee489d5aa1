package io.xsync.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.xsync.runtime.store.JdbcStore;
import io.xsync.runtime.store.OffsetTable;
import io.xsync.runtime.testing.DroppingProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PostgreSQL becomes unreachable in the middle of a stream (a proxy in front of it drops every
 * connection and refuses new ones, as a stopped server does). With {@code events.retry.attempts}
 * at 1, a single counted failure would dead-letter an event: the outage must count as none, and
 * every event must be stored exactly once after the database is back. Once with events one at a
 * time, once with a step taking whole batches ({@code processEvents}).
 */
class StoreOutageEventsIT {
    private static final int EVENTS = 2000;
    private final EmbeddedKafka kafka = SharedBroker.get();

    @ParameterizedTest(name = "batch step: {0}")
    @ValueSource(booleans = {false, true})
    void aDatabaseOutageIsNotAFailedAttemptOfTheEvents(boolean batch) throws Exception {
        String url = TestDb.postgresSchema("xsync_kafka_dbout");
        String topic = SharedBroker.uniqueTopic("dbout");
        kafka.createTopic(topic, 2);
        String name = SharedBroker.uniqueTopic("dbout");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (DroppingProxy proxy = DroppingProxy.forJdbcUrl(url);
             JdbcStore direct = TestDb.open(url, 2);
             JdbcStore proxied = TestDb.open(proxy.rewrite(url), 4)) {
            TestDb.exec(direct, RecordingStep.TABLE_DDL);
            EventSettings settings = EventSettings.defaults(name, kafka.bootstrapServers()).withBatchSize(50)
                    .withRetry(1, Duration.ofMillis(50), Duration.ofMillis(500));
            // slow enough that the outage hits events in flight
            RecordingStep step = batch ? new BatchRecordingStep("Outage", List.of(topic), proxied).pacedBy(50)
                    : new RecordingStep("Outage", List.of(topic), null, proxied).failWhen(e -> {
                        sleepQuietly(2);
                        return false;
                    });
            KafkaEventEngine engine = new KafkaEventEngine(List.of(step), proxied, settings, registry);
            engine.start();
            try {
                List<String[]> events = new ArrayList<>();
                for (int i = 0; i < EVENTS; i++) {
                    events.add(new String[] {"k" + (i % 13), "o" + i});
                }
                TestEvents.send(kafka.bootstrapServers(), topic, events);
                await().atMost(Duration.ofSeconds(60)).until(() -> rows(direct) >= 200);

                proxy.down();
                await().atMost(Duration.ofSeconds(60)).until(() -> registry.get("xsync.events.store_waits")
                        .tag("step", "Outage").counter().count() > 0);
                proxy.up();

                await().atMost(Duration.ofSeconds(120)).until(() -> TestDb.queryLong(direct,
                        "SELECT COALESCE(SUM(\"next_offset\"), 0) FROM \"" + OffsetTable.TABLE + "\"") == EVENTS);
                assertThat(rows(direct)).isEqualTo(EVENTS);
                assertThat(TestDb.queryLong(direct, "SELECT COUNT(DISTINCT v) FROM seen")).isEqualTo(EVENTS);
                assertThat(registry.get("xsync.events.failed").tag("step", "Outage").counter().count()).isZero();
                assertThat(registry.get("xsync.events.dead_lettered").tag("step", "Outage").counter().count())
                        .isZero();
                assertThat(TestEvents.readAll(kafka.bootstrapServers(), settings.deadLetterTopic())).isEmpty();
            } finally {
                engine.stop(Duration.ofSeconds(10));
            }
        } finally {
            TestDb.dropSchema(url);
        }
    }

    private static long rows(JdbcStore store) throws Exception {
        return TestDb.queryLong(store, "SELECT COUNT(*) FROM seen");
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
