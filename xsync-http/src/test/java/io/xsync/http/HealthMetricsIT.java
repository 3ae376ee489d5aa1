package io.xsync.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Timer;
import io.xsync.runtime.Readiness;
import io.xsync.runtime.store.Store;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /healthz, /readyz with engine readiness checks, and /metrics in Prometheus format. */
class HealthMetricsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Store store = TestData.store();
    private HttpFixture http;

    @BeforeEach
    void start() {
        http = new HttpFixture(store, HttpSettings.defaults());
    }

    @AfterEach
    void stop() {
        http.close();
        store.close();
    }

    @Test
    void healthzSaysAlive() throws Exception {
        HttpResponse<String> r = http.get("/healthz");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).get("status").asText()).isEqualTo("alive");
    }

    @Test
    void readyzReportsStoreAndEngineChecks() throws Exception {
        AtomicBoolean consumersReady = new AtomicBoolean(false);
        http.engine.addReadiness(new Readiness() {
            @Override public String name() {
                return "events";
            }

            @Override public boolean ready() {
                return consumersReady.get();
            }

            @Override public String detail() {
                return consumersReady.get() ? "3 partitions assigned" : "waiting for partition assignment";
            }
        });
        HttpResponse<String> r = http.get("/readyz");
        assertThat(r.statusCode()).isEqualTo(503);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("ready").asBoolean()).isFalse();
        assertThat(body.get("checks").get(0).get("name").asText()).isEqualTo("store");
        assertThat(body.get("checks").get(0).get("ready").asBoolean()).isTrue();
        assertThat(body.get("checks").get(1).get("detail").asText()).isEqualTo("waiting for partition assignment");

        consumersReady.set(true);
        r = http.get("/readyz");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).get("ready").asBoolean()).isTrue();
    }

    @Test
    void metricsExposesJvmHttpAndAppMeters() {
        http.metrics.counter("xsync.test.things", "kind", "demo").increment(3);
        http.get("/healthz");
        HttpResponse<String> r = http.get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(r.body()).contains("# TYPE jvm_memory_used_bytes gauge", "jvm_threads_live_threads",
                "jvm_gc_", "process_uptime_seconds",
                "xsync_http_requests_seconds_count{method=\"GET\",route=\"/healthz\",status=\"2xx\"}",
                "xsync_test_things_total{kind=\"demo\"} 3.0", "hikaricp_connections_active{pool=", "hikaricp_connections_max{pool=");
    }

    @Test
    void engineTimersExportHistogramBucketsAndBuildInfoIsThere() {
        Timer.builder("xsync.sync.duration").tag("model", "M").register(http.metrics)
                .record(Duration.ofMillis(30));
        http.get("/healthz");
        String body = http.get("/metrics").body();
        assertThat(body).contains("# TYPE xsync_sync_duration_seconds histogram",
                "xsync_sync_duration_seconds_bucket{model=\"M\",le=\"0.025\"} 0",
                "xsync_sync_duration_seconds_bucket{model=\"M\",le=\"0.05\"} 1",
                "xsync_sync_duration_seconds_bucket{model=\"M\",le=\"+Inf\"} 1");
        assertThat(body).doesNotContain("xsync_http_requests_seconds_bucket");
        assertThat(body).containsPattern("xsync_build_info\\{java=\"[^\"]+\",version=\"\\d+\\.\\d+\\.\\d+[^\"]*\"\\} 1(\\.0)?\n");
    }

    @Test
    void malformedRequestGetsAJsonError() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", http.engine.port())) {
            socket.getOutputStream().write("GET /api/models/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 400");
            assertThat(answer).contains("application/json", "{\"error\":");
        }
    }

    @Test
    void serverThreadsAreNamed() {
        http.get("/healthz");
        assertThat(Thread.getAllStackTraces().keySet()).anySatisfy(t -> assertThat(t.getName()).startsWith("xsync-http-"));
        assertThat(Thread.getAllStackTraces().keySet()).noneSatisfy(t -> assertThat(t.getName()).startsWith("qtp"));
    }

    @Test
    void unknownPathIsJson404() throws Exception {
        HttpResponse<String> r = http.get("/nothing/here");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(r.body()).get("error").asText()).contains("/nothing/here");
    }
}
