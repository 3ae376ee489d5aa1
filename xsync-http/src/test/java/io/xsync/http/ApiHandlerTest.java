package io.xsync.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsync.api.ModelException.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiHandlerTest {

    @Test
    void routesAreCoarseForMetricTags() {
        assertThat(ApiHandler.route(List.of())).isEqualTo("page");
        assertThat(ApiHandler.route(List.of("healthz"))).isEqualTo("healthz");
        assertThat(ApiHandler.route(List.of("api", "status"))).isEqualTo("status");
        assertThat(ApiHandler.route(List.of("api", "models", "Person", "17"))).isEqualTo("models");
        assertThat(ApiHandler.route(List.of("favicon.ico"))).isEqualTo("unknown");
    }

    @Test
    void metricTagsComeFromClosedSets() {
        assertThat(RequestTags.method("GET")).isEqualTo("GET");
        assertThat(RequestTags.method("PATCH")).isEqualTo("PATCH");
        assertThat(RequestTags.method("X".repeat(7900))).isEqualTo("OTHER");
        assertThat(RequestTags.method("get")).isEqualTo("OTHER");
        assertThat(RequestTags.route(List.of())).isEqualTo("/");
        assertThat(RequestTags.route(List.of("openapi.json"))).isEqualTo("/openapi.json");
        assertThat(RequestTags.route(List.of("api", "models"))).isEqualTo("/api/models");
        assertThat(RequestTags.route(List.of("api", "models", "Anything"))).isEqualTo("/api/models/{model}");
        assertThat(RequestTags.route(List.of("api", "models", "Person", "17"))).isEqualTo("/api/models/{model}/{id}");
        assertThat(RequestTags.route(List.of("api", "models", "Person", "17", "x"))).isEqualTo("other");
        assertThat(RequestTags.route(List.of("wp-admin", "x.php"))).isEqualTo("other");
        assertThat(RequestTags.statusClass(200)).isEqualTo("2xx");
        assertThat(RequestTags.statusClass(404)).isEqualTo("4xx");
        assertThat(RequestTags.statusClass(503)).isEqualTo("5xx");
        assertThat(RequestTags.statusClass(0)).isEqualTo("other");
    }

    @Test
    void modelExceptionKindsMapToStatusCodes() {
        assertThat(ApiHandler.statusOf(Kind.UNKNOWN_MODEL)).isEqualTo(404);
        assertThat(ApiHandler.statusOf(Kind.NOT_FOUND)).isEqualTo(404);
        assertThat(ApiHandler.statusOf(Kind.UNKNOWN_FIELD)).isEqualTo(400);
        assertThat(ApiHandler.statusOf(Kind.INVALID_VALUE)).isEqualTo(400);
        assertThat(ApiHandler.statusOf(Kind.PERMISSION)).isEqualTo(403);
        assertThat(ApiHandler.statusOf(Kind.CONFLICT)).isEqualTo(409);
    }
}
