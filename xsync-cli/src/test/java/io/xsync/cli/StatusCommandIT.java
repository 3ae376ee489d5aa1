package io.xsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.xsync.api.Model;
import io.xsync.api.ModelObject;
import io.xsync.api.Save;
import io.xsync.http.HttpEngine;
import io.xsync.http.HttpSettings;
import io.xsync.runtime.config.ConfigKeys;
import io.xsync.runtime.config.XsyncConfig;
import io.xsync.runtime.schema.Schema;
import io.xsync.runtime.schema.XprotoLoader;
import io.xsync.runtime.store.Actor;
import io.xsync.runtime.store.JdbcStore;
import io.xsync.runtime.store.StoreSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code xsync status}: from the running synchronizer's HTTP server when it answers, from the
 * store (and saying so) when it does not.
 */
class StatusCommandIT {
    @TempDir
    Path dir;

    private Path writeConfig(int port) throws Exception {
        Files.createDirectories(dir.resolve("models"));
        Files.writeString(dir.resolve("models/people.xproto"), """
                message Person {
                    required string first_name = 1 [max_length = 100];
                    required string last_name = 2 [max_length = 100];
                }
                """);
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, "name: statustest\nmodels_dir: models\ndata_dir: data\nhttp:\n  port: " + port + "\n");
        return config;
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static JdbcStore openStore(XsyncConfig cfg) {
        Schema schema = XprotoLoader.load(cfg.path(ConfigKeys.MODELS_DIR));
        return JdbcStore.open(StoreSettings.fromConfig(cfg), schema);
    }

    /** Two synced people and one failed. */
    private static void seed(JdbcStore store) {
        Model api = store.models(Actor.API).get("Person");
        for (String name : new String[] {"Ann", "Bob", "Cy"}) {
            ModelObject p = api.newObject().set("first_name", name).set("last_name", "X");
            p.save();
            ModelObject f = store.models(Actor.FRAMEWORK).get("Person").get(p.id()).orElseThrow();
            if (name.equals("Cy")) {
                f.set("backend_code", 2).set("backend_status", "device unreachable");
            } else {
                f.set("backend_code", 1).set("backend_status", "OK").set("enacted", f.getInstant("updated"));
            }
            f.save(Save.updateFields("backend_code", "backend_status", "enacted"));
        }
    }

    private static String[] run(Path config) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = XsyncCli.execute(new PrintWriter(out), new PrintWriter(err), "status", "--config",
                config.toString(), "--timeout", "15");
        return new String[] {Integer.toString(code), out.toString() + err};
    }

    @Test
    void readsTheStoreDirectlyWhenNoServerAnswers() throws Exception {
        int port = freePort();
        Path config = writeConfig(port);
        try (JdbcStore store = openStore(XsyncConfig.load(config))) {
            seed(store);
        }
        String[] result = run(config);
        assertThat(result[0]).as("exit code when no synchronizer answers").isEqualTo("2");
        assertThat(result[1]).contains("source: store, read directly: no answer from a synchronizer at http://127.0.0.1:"
                + port + "/");
        assertThat(result[1]).containsPattern("Person\\s+3\\s+2\\s+0\\s+1\\s+0\\s+0");
        assertThat(result[1]).contains("device unreachable");
    }

    @Test
    void printsJson() throws Exception {
        Path config = writeConfig(freePort());
        StringWriter out = new StringWriter();
        int code = XsyncCli.execute(new PrintWriter(out), new PrintWriter(new StringWriter()), "status", "--json",
                "--config", config.toString(), "--timeout", "2");
        assertThat(code).isEqualTo(2);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("name").asText()).isEqualTo("statustest");
        assertThat(json.get("models").get(0).get("model").asText()).isEqualTo("Person");
        assertThat(json.get("source").asText()).startsWith("store, read directly");
    }

    @Test
    void asksTheRunningSynchronizer() throws Exception {
        int port = freePort();
        Path config = writeConfig(port);
        XsyncConfig cfg = XsyncConfig.load(config);
        try (JdbcStore store = openStore(cfg)) {
            seed(store);
            HttpEngine http = new HttpEngine("statustest", store, new CompositeMeterRegistry(), HttpSettings.from(cfg));
            http.start();
            try {
                String[] result = run(config);
                assertThat(result[0]).as("exit code when running with an object in error").isEqualTo("1");
                assertThat(result[1]).contains("source: running synchronizer at http://127.0.0.1:" + port + "/");
                assertThat(result[1]).contains("xsync status of 'statustest'");
                assertThat(result[1]).containsPattern("Person\\s+3\\s+2\\s+0\\s+1\\s+0\\s+0");
                assertThat(result[1]).contains("ready: store=yes");
            } finally {
                http.stop(Duration.ofSeconds(5));
            }
        }
    }

    @Test
    void exitsZeroWhenRunningReadyAndNoObjectInError() throws Exception {
        int port = freePort();
        Path config = writeConfig(port);
        XsyncConfig cfg = XsyncConfig.load(config);
        try (JdbcStore store = openStore(cfg)) {
            store.models(Actor.API).get("Person").newObject().set("first_name", "Di").set("last_name", "Y").save();
            HttpEngine http = new HttpEngine("statustest", store, new CompositeMeterRegistry(), HttpSettings.from(cfg));
            http.start();
            try {
                assertThat(run(config)[0]).isEqualTo("0");
            } finally {
                http.stop(Duration.ofSeconds(5));
            }
        }
    }
}
