package io.xsync.http;

import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.xsync.runtime.store.Store;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A running HTTP engine on a free port over a real store, plus a small client. */
final class HttpFixture implements AutoCloseable {
    final Store store;
    final CompositeMeterRegistry metrics = new CompositeMeterRegistry();
    final HttpEngine engine;
    private final HttpClient client;

    HttpFixture(Store store, HttpSettings settings) {
        this(store, settings, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    HttpFixture(Store store, HttpSettings settings, HttpClient client) {
        this.store = store;
        this.client = client;
        this.engine = new HttpEngine("test-sync", store, metrics, settings.withPort(0));
        engine.start();
    }

    URI uri(String path) {
        return engine.uri().resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    HttpResponse<String> get(String path, String authorization) {
        return send(request(path, authorization).GET());
    }

    HttpResponse<String> get(String path) {
        return get(path, null);
    }

    HttpResponse<String> send(String method, String path, String json, String authorization) {
        HttpRequest.BodyPublisher body = json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json);
        return send(request(path, authorization).header("Content-Type", "application/json").method(method, body));
    }

    /** A request with the given Content-Type (none when null) and body (none when null). */
    HttpResponse<String> sendTyped(String method, String path, String contentType, String body, String authorization) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        HttpRequest.Builder b = request(path, authorization).method(method, publisher);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b);
    }

    private HttpRequest.Builder request(String path, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    private HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("request failed: " + e, e);
        }
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        engine.stop(Duration.ofSeconds(5));
    }
}
