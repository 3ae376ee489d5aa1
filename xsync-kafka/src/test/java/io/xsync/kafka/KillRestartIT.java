package io.xsync.kafka;

import io.xsync.runtime.store.JdbcStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Effectively once: a synchronizer JVM killed with SIGKILL in the middle of 20,000 events and
 * restarted applies every event exactly once (PostgreSQL).
 */
class KillRestartIT {
    private static final int EVENTS = 20_000;
    private final EmbeddedKafka kafka = SharedBroker.get();
    private String url;
    private JdbcStore store;
    private final List<Process> children = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        url = TestDb.postgresSchema("xsync_kafka_kill");
        store = TestDb.open(url, 2);
        TestDb.exec(store, RecordingStep.TABLE_DDL);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Process p : children) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        store.close();
        TestDb.dropSchema(url);
    }

    @Test
    void sigkillMidStreamAndRestartAppliesEveryEventExactlyOnce() throws Exception {
        String topic = SharedBroker.uniqueTopic("kill");
        kafka.createTopic(topic, 4);
        List<String[]> events = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            events.add(new String[] {"k" + (i % 97), "e" + i});
        }
        TestEvents.send(kafka.bootstrapServers(), topic, events);
        String name = SharedBroker.uniqueTopic("child");

        Process first = child(topic, name, 1);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20)).until(() -> rows() >= 3000);
        first.destroyForcibly(); // SIGKILL: no shutdown hook, no commit, mid-transaction
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        long atKill = rows();
        assertThat(atKill).isLessThan(EVENTS);

        child(topic, name, 2);
        await().atMost(Duration.ofSeconds(180)).until(() -> rows() >= EVENTS);
        Thread.sleep(2000); // anything applied twice would show up now
        assertThat(rows()).isEqualTo(EVENTS);
        assertThat(TestDb.queryLong(store, "SELECT COUNT(DISTINCT v) FROM seen")).isEqualTo(EVENTS);
    }

    private Process child(String topic, String name, int n) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                ChildSynchronizer.class.getName(), kafka.bootstrapServers(), topic, url, name);
        File log = new File("target/kill-restart-child-" + n + ".log");
        pb.redirectErrorStream(true).redirectOutput(log);
        Process p = pb.start();
        children.add(p);
        return p;
    }

    private long rows() throws Exception {
        return TestDb.queryLong(store, "SELECT COUNT(*) FROM seen");
    }
}
