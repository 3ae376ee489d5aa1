package io.xsync.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.xsync.runtime.Synchronizer;
import io.xsync.runtime.config.XsyncConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP engine inside a real synchronizer: found through its EngineProvider, told about the
 * other engines, and reporting their readiness and status sections.
 */
class SynchronizerHttpIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;

    @Test
    void httpEngineReportsTheOtherEngines() throws Exception {
        Files.createDirectories(dir.resolve("models"));
        Files.copy(Path.of(TestData.class.getResource("/models/people.xproto").toURI()),
                dir.resolve("models/people.xproto"));
        Path file = dir.resolve("config.yaml");
        XsyncConfig config = XsyncConfig.parse("name: reporting-test\nmodels_dir: models\ndata_dir: data\n"
                + "http:\n  port: 0\n", file);
        try (Synchronizer sync = Synchronizer.start(config)) {
            HttpEngine http = sync.engines().stream().filter(HttpEngine.class::isInstance)
                    .map(HttpEngine.class::cast).findFirst().orElseThrow();
            HttpClient client = HttpClient.newHttpClient();
            JsonNode ready = JSON.readTree(get(client, http.uri().resolve("readyz")).body());
            assertThat(ready.get("ready").asBoolean()).isTrue();
            assertThat(ready.get("checks").toString()).contains("\"name\":\"store\"", "\"name\":\"reporting\"");
            JsonNode status = JSON.readTree(get(client, http.uri().resolve("api/status")).body());
            assertThat(status.get("name").asText()).isEqualTo("reporting-test");
            JsonNode pull = StatusIT.find(status.get("sections"), "name", "pull");
            assertThat(pull.get("rows").get(0).get("step").asText()).isEqualTo("InventoryPullStep");
            assertThat(pull.get("rows").get(0).get("runs").asInt()).isEqualTo(42);
        }
    }

    private static HttpResponse<String> get(HttpClient client, URI uri) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
