package io.xsync.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.xsync.runtime.store.JdbcStore;
import io.xsync.runtime.store.StoreSettings;
import io.xsync.runtime.store.TestStores;
import io.xsync.runtime.testing.DroppingProxy;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL becomes unreachable (a proxy in front of it drops every connection and refuses new
 * ones, as a stopped server does): {@code /readyz} keeps answering within a probe's timeout
 * (1 s, Kubernetes' default), says the store is unreachable, and {@code /metrics} keeps
 * answering, and so does the status summary, with the counts it took before; once the database
 * is back, readiness returns.
 */
class StoreOutageIT {
    /** Kubernetes' default probe timeout: a slower answer is a failed probe. */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();

    @Test
    void readyzAndMetricsAnswerWithinAProbeTimeoutWhileTheDatabaseIsDown() throws Exception {
        try (TestStores.Database db = TestStores.database("postgresql");
             DroppingProxy proxy = DroppingProxy.forJdbcUrl(db.url());
             JdbcStore store = JdbcStore.open(StoreSettings.of(proxy.rewrite(db.url())).withPoolSize(4)
                     .withPoolName("store-outage-it"), TestData.schema());
             HttpFixture http = new HttpFixture(store, HttpSettings.defaults())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> probe(http, "/readyz").statusCode() == 200);
            String counted = JSON.readTree(probe(http, "/api/status").body()).get("counted").asText();

            proxy.down();
            await().atMost(Duration.ofSeconds(30)).until(() -> probe(http, "/readyz").statusCode() == 503);
            for (int i = 0; i < 10; i++) { // probes keep answering, from the last known state
                HttpResponse<String> r = probe(http, "/readyz");
                assertThat(r.statusCode()).isEqualTo(503);
                assertThat(storeCheck(r).get("ready").asBoolean()).isFalse();
                assertThat(storeCheck(r).get("detail").asText()).startsWith("store unreachable");
                assertThat(probe(http, "/metrics").statusCode()).isEqualTo(200);
                HttpResponse<String> status = probe(http, "/api/status");
                assertThat(status.statusCode()).isEqualTo(200);
                assertThat(JSON.readTree(status.body()).get("counted").asText()).as("counts from before the outage")
                        .isEqualTo(counted);
            }

            proxy.up();
            await().atMost(Duration.ofSeconds(60)).until(() -> probe(http, "/readyz").statusCode() == 200);
            assertThat(storeCheck(probe(http, "/readyz")).get("detail").asText()).isEqualTo("postgresql reachable");
        }
    }

    /** A GET that fails the test when no answer comes within {@link #PROBE_TIMEOUT}. */
    private HttpResponse<String> probe(HttpFixture http, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(http.uri(path)).timeout(PROBE_TIMEOUT).GET().build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode storeCheck(HttpResponse<String> readyz) throws Exception {
        for (JsonNode check : JSON.readTree(readyz.body()).get("checks")) {
            if (check.get("name").asText().equals("store")) {
                return check;
            }
        }
        throw new AssertionError("no store check in " + readyz.body());
    }
}
