package io.xsync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.xsync.kafka.EmbeddedKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hello example (embedded H2 store and embedded broker) stopped with SIGTERM while events,
 * policies and syncs are in flight: the log has no WARN or ERROR, and no claim is left behind.
 */
class CleanShutdownIT {
    private static final int EVENTS = 5000;

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
    void sigtermUnderLoadStopsWithoutWarningsAndReleasesClaims() throws Exception {
        for (String sub : new String[] {"models", "event_steps", "steps", "model_policies", "pull_steps"}) {
            copyTree(Path.of("../examples/hello").resolve(sub), dir.resolve(sub));
        }
        int port = EmbeddedKafka.freePort();
        Path config = Files.writeString(dir.resolve("config.yaml"), "name: hello\nmodels_dir: models\n"
                + "event_steps_dir: event_steps\nsteps_dir: steps\nmodel_policies_dir: model_policies\n"
                + "pull_steps_dir: pull_steps\nshutdown_timeout: 30s\n"
                + "event_bus:\n  kind: kafka\n  endpoint: embedded\n  embedded_port: " + port + "\n"
                + "http:\n  enabled: false\n"
                + "steps:\n  MyModelSyncStep:\n    backend_dir: data/backend\n"
                + "  BackendPullStep:\n    backend_dir: data/backend\n");
        child = RunningSynchronizer.start(config, "hello");
        send(port);
        Path backend = dir.resolve("data/backend");
        await().atMost(Duration.ofMinutes(3)).until(() -> files(backend) >= 100); // syncs under way

        child.terminate();
        assertThat(child.log()).contains("synchronizer hello stopped");
        assertThat(child.warningsWhileStopping()).as("WARN and ERROR lines of a clean stop").isEmpty();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("data/xsync").toAbsolutePath());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM xsync_claims")) {
            rs.next();
            assertThat(rs.getLong(1)).as("claims left after the stop").isZero();
        }
    }

    private static void send(int port) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (int i = 0; i < EVENTS; i++) {
                producer.send(new ProducerRecord<>("MyTopic", "{\"first_name\":\"F" + i + "\",\"last_name\":\"L" + i
                        + "\"}"));
            }
        }
    }

    private static long files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
