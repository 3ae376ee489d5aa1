package io.xsync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.xsync.api.Model;
import io.xsync.api.ModelObject;
import io.xsync.api.Models;
import io.xsync.runtime.Synchronizer;
import io.xsync.runtime.config.XsyncConfig;
import io.xsync.runtime.store.Actor;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's walk-through on a copy of examples/hello: the synchronizer starts with its embedded
 * broker, a JSON event on MyTopic becomes a MyModel object (once, even when sent twice), and the
 * object is still there after a restart. Then the reconcile loop: the policy derives a Greeting,
 * the sync step writes the backend file (or records its failure with backoff), and a deleted
 * object's file is removed.
 */
class HelloExampleIT {
    private static final String EVENT = "{\"first_name\": \"John\", \"last_name\": \"Doe\"}";

    @TempDir
    Path dir;

    @Test
    void eventsBecomeObjectsThatSurviveARestart() throws Exception {
        int kafkaPort = freePort();
        XsyncConfig config = copyExample(kafkaPort);

        try (Synchronizer sync = Synchronizer.start(config)) {
            assertThat(sync.context().steps().eventSteps()).hasSize(1);
            assertThat(sync.summary().engines()).as("engines started for the hello example").contains("kafka");
            send(kafkaPort, EVENT);
            Model myModel = sync.context().store().models(Actor.API).get("MyModel");
            await().atMost(Duration.ofMinutes(1)).until(() -> myModel.count(Map.of("last_name", "Doe")) == 1);
            send(kafkaPort, EVENT);
            send(kafkaPort, "{\"first_name\": \"Jane\", \"last_name\": \"Doe\"}");
            await().atMost(Duration.ofMinutes(1)).until(() -> myModel.count(Map.of("last_name", "Doe")) == 2);
            assertThat(myModel.count(Map.of("first_name", "John"))).isEqualTo(1);
        }

        CliRun list = CliRun.of("models", "list", "MyModel", "first_name=John", "--json",
                "--config", config.file().toString());
        assertThat(list.exitCode()).isZero();
        assertThat(list.outLines()).hasSize(1);
        assertThat(list.out()).contains("\"last_name\":\"Doe\"");
    }

    @Test
    void objectsAreSyncedToTheBackendDirectory() throws Exception {
        XsyncConfig config = copyExample(freePort());
        Path backend = dir.resolve("data").resolve("backend");

        try (Synchronizer sync = Synchronizer.start(config)) {
            Models api = sync.context().store().models(Actor.API);
            ModelObject ada = create(api, "Ada", "Lovelace");
            ModelObject joe = create(api, "Joe", "Fail");

            await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
                ada.refresh();
                assertThat(ada.getLong("backend_code")).isEqualTo(1);
                assertThat(ada.getString("backend_status")).isEqualTo("OK");
            });
            Path adaFile = backend.resolve("MyModel-" + ada.id() + ".json");
            assertThat(adaFile).content().contains("\"last_name\":\"Lovelace\"");
            assertThat(api.get("Greeting").filter(Map.of("mymodel_id", ada.id())))
                    .extracting(g -> g.getString("text")).containsExactly("Hello, Ada Lovelace");

            await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
                joe.refresh();
                assertThat(joe.getLong("backend_code")).isEqualTo(2);
                assertThat(joe.getString("backend_status")).contains("refuses people named Fail");
                assertThat(joe.getString("backend_register")).contains("\"failures\"");
            });
            assertThat(backend.resolve("MyModel-" + joe.id() + ".json")).doesNotExist();

            ada.delete();
            await().atMost(Duration.ofMinutes(1)).until(() -> !Files.exists(adaFile));
        }
    }

    private static ModelObject create(Models api, String first, String last) {
        ModelObject obj = api.get("MyModel").newObject();
        obj.set("first_name", first);
        obj.set("last_name", last);
        obj.save();
        return obj;
    }

    /** examples/hello copied, with a free broker port and the HTTP server on a free port. */
    private XsyncConfig copyExample(int kafkaPort) throws IOException {
        return XsyncConfig.load(HelloCopy.create(dir, kafkaPort));
    }

    private static void send(int port, String value) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>("MyTopic", value)).get();
        } catch (Exception e) {
            throw new AssertionError("send to MyTopic failed", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
