package io.xsync.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.xsync.runtime.store.JdbcStore;
import io.xsync.runtime.store.OffsetTable;
import io.xsync.runtime.store.StoreSettings;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Effectively once across {@code kill -9}: a synchronizer JVM killed with SIGKILL as soon as its
 * consumer group shows an offset committed to Kafka, then restarted, applies each of 20,000
 * events on 4 partitions exactly once, on the default embedded H2 file store and on PostgreSQL.
 *
 * <p>The end is observed positively: the restarted child's Kafka-side offsets reach the end of
 * every partition (they are written only after the store's commit), then it is stopped and the
 * store is read. The recording table has a unique key per event, so an event applied twice
 * fails and is dead-lettered: the dead-letter topic must stay empty.
 *
 * <p>{@code -Dxsync.test.kill.runs=N} repeats each scenario N times (default 1).
 */
class KillRestartIT {
    private static final int EVENTS = 20_000;
    private static final int PARTITIONS = 4;
    private static final int RUNS = Integer.getInteger("xsync.test.kill.runs", 1);
    private final EmbeddedKafka kafka = SharedBroker.get();
    private final List<Process> children = new ArrayList<>();
    private final List<String> schemas = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (Process p : children) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        for (String url : schemas) {
            TestDb.dropSchema(url);
        }
    }

    @Test
    void sigkillOnTheEmbeddedH2StoreAndRestartAppliesEveryEventExactlyOnce() throws Exception {
        for (int run = 1; run <= RUNS; run++) {
            Path dir = Files.createTempDirectory("xsync-kill-h2");
            killAndRestart(StoreSettings.h2FileUrl(dir), "h2-" + run);
        }
    }

    @Test
    void sigkillOnPostgresqlAndRestartAppliesEveryEventExactlyOnce() throws Exception {
        for (int run = 1; run <= RUNS; run++) {
            String url = TestDb.postgresSchema("xsync_kafka_kill");
            schemas.add(url);
            killAndRestart(url, "pg-" + run);
        }
    }

    @Test
    void sigkillOfABatchStepOnH2AndRestartAppliesEveryEventExactlyOnce() throws Exception {
        for (int run = 1; run <= RUNS; run++) {
            Path dir = Files.createTempDirectory("xsync-kill-h2-batch");
            killAndRestart(StoreSettings.h2FileUrl(dir), "h2-batch-" + run, "batch");
        }
    }

    @Test
    void sigkillOfABatchStepOnPostgresqlAndRestartAppliesEveryEventExactlyOnce() throws Exception {
        for (int run = 1; run <= RUNS; run++) {
            String url = TestDb.postgresSchema("xsync_kafka_kill");
            schemas.add(url);
            killAndRestart(url, "pg-batch-" + run, "batch");
        }
    }

    private void killAndRestart(String url, String label) throws Exception {
        killAndRestart(url, label, "single");
    }

    /** @param mode {@code single} (events through processEvent) or {@code batch} (through processEvents) */
    private void killAndRestart(String url, String label, String mode) throws Exception {
        String topic = SharedBroker.uniqueTopic("kill");
        kafka.createTopic(topic, PARTITIONS);
        List<String[]> events = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            events.add(new String[] {"k" + (i % 97), "e" + i});
        }
        TestEvents.send(kafka.bootstrapServers(), topic, events);
        String name = SharedBroker.uniqueTopic("child");
        String group = "xsync." + name + "." + ChildSynchronizer.STEP;

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Process first = child(topic, url, name, label + "-1", mode);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(10))
                    .until(() -> committedInKafka(admin, group) > 0);
            first.destroyForcibly(); // SIGKILL: no shutdown hook, mid-transaction
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(committedInKafka(admin, group)).as("killed mid-stream").isLessThan(EVENTS);

            Process second = child(topic, url, name, label + "-2", mode);
            Map<TopicPartition, Long> end = endOffsets(admin, topic);
            await().atMost(Duration.ofSeconds(180)).until(() -> caughtUp(admin, group, end));
            second.destroy(); // SIGTERM: the child stops its engine and closes the store
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }

        try (JdbcStore store = TestDb.open(url, 2)) {
            assertThat(TestDb.queryLong(store, "SELECT COUNT(*) FROM seen")).as(label + ": rows").isEqualTo(EVENTS);
            assertThat(TestDb.queryLong(store, "SELECT COUNT(DISTINCT v) FROM seen")).as(label + ": distinct events")
                    .isEqualTo(EVENTS);
            assertThat(TestDb.queryLong(store, "SELECT SUM(\"next_offset\") FROM \"" + OffsetTable.TABLE + "\""))
                    .as(label + ": stored offsets").isEqualTo(EVENTS);
        }
        assertThat(TestEvents.readAll(kafka.bootstrapServers(), name + ".dead-letter"))
                .as(label + ": dead-lettered (an event applied twice breaks the unique key)").isEmpty();
        System.out.println("KillRestartIT " + label + ": " + EVENTS + " events, each stored exactly once");
    }

    private static long committedInKafka(Admin admin, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        return committed.values().stream().filter(o -> o != null).mapToLong(OffsetAndMetadata::offset).sum();
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> specs = new java.util.HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            specs.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> end = new java.util.HashMap<>();
        admin.listOffsets(specs).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> end.put(tp, info.offset()));
        return end;
    }

    /** Whether the group's Kafka-side offsets (written after the store's commit) reached the end. */
    private static boolean caughtUp(Admin admin, String group, Map<TopicPartition, Long> end) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            if (c == null || c.offset() != e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private Process child(String topic, String url, String name, String label, String mode) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                ChildSynchronizer.class.getName(), kafka.bootstrapServers(), topic, url, name, mode);
        File log = new File("target/kill-restart-child-" + label + ".log");
        pb.redirectErrorStream(true).redirectOutput(log);
        Process p = pb.start();
        children.add(p);
        return p;
    }
}
