package io.xsync.http;

import static io.xsync.http.HttpFixture.basic;
import static org.assertj.core.api.Assertions.assertThat;

import io.xsync.runtime.store.Store;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Who may read and write: basic auth, bearer token, anonymous reads and writes per config. */
class AuthIT {
    private static final String PERSON = "{\"first_name\": \"John\", \"last_name\": \"Doe\"}";
    private final Store store = TestData.store();
    private HttpFixture http;

    private HttpFixture start(HttpSettings settings) {
        http = new HttpFixture(store, settings);
        return http;
    }

    private static HttpSettings secured() {
        return HttpSettings.defaults().withBasicAuth("admin", "s3cret").withToken("tok-123");
    }

    @AfterEach
    void stop() {
        if (http != null) {
            http.close();
        }
        store.close();
    }

    @Test
    void anonymousWriteIs401ByDefault() {
        start(secured());
        HttpResponse<String> r = http.send("POST", "/api/models/Person", PERSON, null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("credentials required for writes");
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(http.send("DELETE", "/api/models/Person/1", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void badPasswordIs401() {
        start(secured());
        HttpResponse<String> r = http.send("POST", "/api/models/Person", PERSON, basic("admin", "wrong"));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("bad credentials");
        assertThat(http.get("/api/models", basic("admin", "wrong")).statusCode()).isEqualTo(401);
        assertThat(http.get("/api/models", "Bearer nope").statusCode()).isEqualTo(401);
    }

    @Test
    void basicAuthWrites() {
        start(secured());
        assertThat(http.send("POST", "/api/models/Person", PERSON, basic("admin", "s3cret")).statusCode())
                .isEqualTo(201);
    }

    @Test
    void bearerTokenWrites() {
        start(secured());
        assertThat(http.send("POST", "/api/models/Person", PERSON, "Bearer tok-123").statusCode()).isEqualTo(201);
    }

    @Test
    void anonymousReadsAllowedByDefault() {
        start(secured());
        assertThat(http.get("/api/models/Person").statusCode()).isEqualTo(200);
        assertThat(http.get("/api/status").statusCode()).isEqualTo(200);
        assertThat(http.get("/metrics").statusCode()).isEqualTo(200);
        assertThat(http.get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void anonymousReadsRefusedWhenDisabled() {
        start(secured().withAnonymous(false, false));
        assertThat(http.get("/api/models/Person").statusCode()).isEqualTo(401);
        assertThat(http.get("/api/status").statusCode()).isEqualTo(401);
        assertThat(http.get("/metrics").statusCode()).isEqualTo(401);
        assertThat(http.get("/").statusCode()).isEqualTo(401);
        assertThat(http.get("/api/models/Person", basic("admin", "s3cret")).statusCode()).isEqualTo(200);
        assertThat(http.get("/api/models/Person", "Bearer tok-123").statusCode()).isEqualTo(200);
    }

    @Test
    void probesNeedNoCredentials() {
        start(secured().withAnonymous(false, false));
        assertThat(http.get("/healthz").statusCode()).isEqualTo(200);
        assertThat(http.get("/readyz").statusCode()).isEqualTo(200);
    }

    @Test
    void anonymousWritesWhenEnabled() {
        start(HttpSettings.defaults().withAnonymous(true, true));
        assertThat(http.send("POST", "/api/models/Person", PERSON, null).statusCode()).isEqualTo(201);
    }

    @Test
    void writesRefusedWhenNoCredentialsAreConfigured() {
        start(HttpSettings.defaults());
        assertThat(http.send("POST", "/api/models/Person", PERSON, null).statusCode()).isEqualTo(401);
        assertThat(http.send("POST", "/api/models/Person", PERSON, basic("admin", "")).statusCode())
                .isEqualTo(401);
    }
}
