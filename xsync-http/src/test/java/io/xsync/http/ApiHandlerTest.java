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
    void modelExceptionKindsMapToStatusCodes() {
        assertThat(ApiHandler.statusOf(Kind.UNKNOWN_MODEL)).isEqualTo(404);
        assertThat(ApiHandler.statusOf(Kind.NOT_FOUND)).isEqualTo(404);
        assertThat(ApiHandler.statusOf(Kind.UNKNOWN_FIELD)).isEqualTo(400);
        assertThat(ApiHandler.statusOf(Kind.INVALID_VALUE)).isEqualTo(400);
        assertThat(ApiHandler.statusOf(Kind.PERMISSION)).isEqualTo(403);
        assertThat(ApiHandler.statusOf(Kind.CONFLICT)).isEqualTo(409);
    }
}
