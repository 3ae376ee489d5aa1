package io.xsync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.xsync.kafka.EmbeddedKafka;
import io.xsync.runtime.Synchronizer;
import io.xsync.runtime.config.XsyncConfig;
import io.xsync.runtime.store.TestStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/deployments.md's example: examples/hello and examples/hello-service, two synchronizers on
 * one PostgreSQL schema. The service validates against hello's models, a Badge links to hello's
 * MyModel, the service's step reads the person through the model accessor, and the status names
 * each model's owner.
 */
class HelloServiceExampleIT {
    private static final Path SERVICE = Path.of("..", "examples", "hello-service");
    private static final Duration WAIT = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    private TestStores.Database db;

    @AfterEach
    void dropDatabase() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void theServiceSyncsBadgesOfHellosPeopleOnOneDatabase() throws Exception {
        db = TestStores.database("postgresql");
        Path hello = HelloCopy.create(dir.resolve("hello"), EmbeddedKafka.freePort());
        Path service = copyService(dir.resolve("hello-service"));
        for (Path config : new Path[] {hello, service}) {
            Files.writeString(config, Files.readString(config) + "\nstore:\n  url: \"" + db.url() + "\"\n");
        }
        CliRun validate = CliRun.of("validate", "--config", service.toString());
        assertThat(validate.exitCode()).as(validate.out() + validate.err()).isZero();

        try (Synchronizer h = Synchronizer.start(XsyncConfig.load(hello));
             Synchronizer s = Synchronizer.start(XsyncConfig.load(service))) {
            long ada = create(service, "MyModel", "first_name=Ada", "last_name=Lovelace");
            long badge = create(service, "Badge", "person=" + ada, "label=speaker");
            Path file = dir.resolve("hello-service/data/backend/Badge-" + badge + ".txt");
            await().atMost(WAIT).until(() -> Files.exists(file));
            assertThat(Files.readString(file)).isEqualTo("Ada Lovelace: speaker\n");
            assertThat(dir.resolve("hello/data/backend/MyModel-" + ada + ".json")).exists();

            CliRun status = CliRun.of("status", "--json", "--config", service.toString());
            assertThat(status.out()).contains("\"model\" : \"MyModel\"").contains("\"owner\" : \"hello\"")
                    .contains("\"owner\" : \"hello-service\"");
        }
    }

    private static Path copyService(Path target) throws IOException {
        try (Stream<Path> files = Files.walk(SERVICE)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)
                    .filter(f -> !SERVICE.relativize(f).startsWith("data"))::iterator) {
                Path copy = target.resolve(SERVICE.relativize(f).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(f, copy);
            }
        }
        Path config = target.resolve("config.yaml");
        String yaml = Files.readString(config);
        String moved = yaml.replace("\n  port: 8182", "\n  port: 0");
        assertThat(moved).as("examples/hello-service/config.yaml no longer has the line the copy rewrites")
                .contains("  port: 0");
        Files.writeString(config, moved);
        return config;
    }

    private static long create(Path config, String model, String... fields) {
        String[] args = Stream.concat(Stream.of("models", "create", model),
                Stream.concat(Stream.of(fields), Stream.of("--config", config.toString()))).toArray(String[]::new);
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return Long.parseLong(run.out().trim());
    }
}
