package io.xsync.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.xsync.api.ModelException;
import io.xsync.runtime.spi.Readiness;
import io.xsync.runtime.store.Actor;
import io.xsync.runtime.store.Store;
import io.xsync.runtime.time.Time;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Routes every request: authentication, then health, metrics, status and the model API; maps
 * failures to JSON errors. Handlers block (database work), so this runs on the server's pool.
 */
final class ApiHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");

    private final Authenticator auth;
    private final HttpSettings.Limits limits;
    private final ModelsResource models;
    private final StatusReport status;
    private final Supplier<List<Readiness>> readiness;
    private final Supplier<String> metrics;
    private final MeterRegistry registry;
    private final Time time;
    private final byte[] statusPage;
    private final byte[] openApi;

    ApiHandler(HttpSettings settings, Store store, StatusReport status,
               Supplier<List<Readiness>> readiness, Supplier<String> metrics,
               MeterRegistry registry, Time time) {
        this.time = time;
        this.auth = new Authenticator(settings);
        this.limits = settings.limits();
        this.models = new ModelsResource(store.models(Actor.API), store.schema());
        this.status = status;
        this.readiness = readiness;
        this.metrics = metrics;
        this.registry = registry;
        this.statusPage = resource("status.html");
        this.openApi = OpenApiDocument.of(status.name(), store.schema()).toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long start = time.nanoTime();
        if (!readsBody(request)) {
            process(new Exchange(request, response, callback, null), start);
            return true;
        }
        long length = request.getLength();
        if (length > limits.maxBodyBytes()) {
            Exchange ex = new Exchange(request, response, callback, null);
            ex.setHeader(HttpHeader.CONNECTION, "close");
            ex.error(413, "request body larger than " + limits.maxBodyBytes() + " bytes (http.limits.max_body_bytes)");
            record(ex, start);
            return true;
        }
        readBodyThenProcess(request, response, callback, start);
        return true;
    }

    /**
     * Reads the body without holding a server thread (a slow client costs a connection, not a
     * worker), then processes the request on the server's executor. A body that takes longer than
     * the body timeout gets 408 and the connection is closed.
     */
    private void readBodyThenProcess(Request request, Response response, Callback callback, long start) {
        Executor executor = request.getComponents().getExecutor();
        Content.Source.asByteArrayAsync(request, limits.maxBodyBytes() + 1)
                .orTimeout(limits.bodyTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((bytes, failure) -> executor.execute(() -> {
                    Exchange ex = new Exchange(request, response, callback, bytes);
                    if (failure == null && bytes.length <= limits.maxBodyBytes()) {
                        process(ex, start);
                        return;
                    }
                    ex.setHeader(HttpHeader.CONNECTION, "close");
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    if (cause instanceof TimeoutException) {
                        ex.error(408, "request body not received within " + limits.bodyTimeout().toMillis()
                                + " ms (http.limits.body_timeout)");
                    } else if (cause == null || cause instanceof IllegalStateException) {
                        // Jetty fails the read this way when the body outgrows the buffer's maximum
                        ex.error(413, "request body larger than " + limits.maxBodyBytes()
                                + " bytes (http.limits.max_body_bytes)");
                    } else {
                        ex.error(400, "cannot read request body: " + cause.getMessage());
                    }
                    record(ex, start);
                }));
    }

    /** Whether the request is an authorised model write whose body is read before processing. */
    private boolean readsBody(Request request) {
        String method = request.getMethod();
        if (!BODY_METHODS.contains(method)) {
            return false;
        }
        List<String> segments = Exchange.segments(Request.getPathInContext(request));
        return route(segments).equals("models")
                && auth.check(request.getHeaders().get(HttpHeader.AUTHORIZATION), true) == Authenticator.Result.ALLOWED;
    }

    private void process(Exchange ex, long start) {
        String route = route(ex.segments());
        try {
            dispatch(ex, route);
        } catch (HttpError e) {
            ex.error(e.status(), e.getMessage());
        } catch (ModelException e) {
            ex.error(statusOf(e.kind()), e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("{} {} failed: {}", ex.method(), ex.path(), e.toString(), e);
            ex.error(500, "internal error: " + e.getMessage());
        } finally {
            MDC.remove("model");
            MDC.remove("object");
        }
        record(ex, start);
    }

    private void record(Exchange ex, long start) {
        long nanos = time.nanoTime() - start;
        Timer.builder("xsync.http.requests").description("HTTP requests served")
                .tags("method", RequestTags.method(ex.method()), "route", RequestTags.route(ex.segments()),
                        "status", RequestTags.statusClass(ex.status()))
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
        LOG.debug("{} {} -> {} in {} ms", ex.method(), ex.path(), ex.status(), nanos / 1_000_000);
    }

    private void dispatch(Exchange ex, String route) {
        if (route.equals("healthz")) {
            ex.json(200, Map.of("status", "alive"));
            return;
        }
        if (route.equals("readyz")) {
            readyz(ex);
            return;
        }
        authorize(ex);
        switch (route) {
            case "page" -> readOnly(ex, () -> ex.send(200, "text/html; charset=utf-8", statusPage));
            case "metrics" -> readOnly(ex, () -> ex.text(200, "text/plain; version=0.0.4; charset=utf-8",
                    metrics.get()));
            case "status" -> readOnly(ex, () -> ex.json(200, status.collect()));
            case "openapi" -> readOnly(ex, () -> ex.send(200, "application/json", openApi));
            case "models" -> models.handle(ex, ex.segments().subList(2, ex.segments().size()));
            default -> throw HttpError.notFound("no such resource: " + ex.path());
        }
    }

    private void readyz(Exchange ex) {
        List<Map<String, Object>> checks = StatusReport.readinessChecks(readiness.get());
        boolean ready = checks.stream().allMatch(c -> Boolean.TRUE.equals(c.get("ready")));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ready", ready);
        body.put("checks", checks);
        ex.json(ready ? 200 : 503, body);
    }

    private void authorize(Exchange ex) {
        boolean write = !READ_METHODS.contains(ex.method());
        Authenticator.Result result = auth.check(ex.header(HttpHeader.AUTHORIZATION), write);
        if (result == Authenticator.Result.ALLOWED) {
            return;
        }
        ex.setHeader(HttpHeader.WWW_AUTHENTICATE, "Basic realm=\"xsync\", charset=\"UTF-8\"");
        throw new HttpError(401, result == Authenticator.Result.BAD ? "bad credentials"
                : "credentials required for " + (write ? "writes" : "reads"));
    }

    private static void readOnly(Exchange ex, Runnable action) {
        if (!ex.method().equals("GET") && !ex.method().equals("HEAD")) {
            throw ModelsResource.notAllowed(ex.method(), "GET");
        }
        action.run();
    }

    /** A coarse route name that requests are dispatched on (see {@link RequestTags#route} for the tag). */
    static String route(List<String> segments) {
        if (segments.isEmpty() || segments.equals(List.of("index.html"))) {
            return "page";
        }
        if (segments.size() == 1) {
            String s = segments.get(0);
            if (s.equals("openapi.json")) {
                return "openapi";
            }
            return Set.of("healthz", "readyz", "metrics").contains(s) ? s : "unknown";
        }
        if (segments.get(0).equals("api")) {
            if (segments.size() == 2 && segments.get(1).equals("status")) {
                return "status";
            }
            if (segments.get(1).equals("models")) {
                return "models";
            }
        }
        return "unknown";
    }

    static int statusOf(ModelException.Kind kind) {
        switch (kind) {
            case UNKNOWN_MODEL: case NOT_FOUND: return 404;
            case UNKNOWN_FIELD: case INVALID_VALUE: return 400;
            case PERMISSION: return 403;
            case CONFLICT: return 409;
            default: return 500;
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = ApiHandler.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource io/xsync/http/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
