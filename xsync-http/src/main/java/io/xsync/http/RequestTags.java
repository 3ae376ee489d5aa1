package io.xsync.http;

import java.util.List;
import java.util.Set;

/**
 * Tag values of the request timer, each from a closed set so that no client can add meters:
 * a known HTTP method or {@code OTHER}, a route template, a status class.
 */
final class RequestTags {
    /** Methods tagged by name; any other method is tagged {@value #OTHER}. */
    static final Set<String> KNOWN_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
            "TRACE", "CONNECT");
    static final String OTHER = "OTHER";
    /** Every route template {@link #route} gives besides {@code other}. */
    static final List<String> TEMPLATES = List.of("/", "/healthz", "/readyz", "/metrics", "/api/status",
            "/openapi.json", "/api/models", "/api/models/{model}", "/api/models/{model}/{id}");

    private RequestTags() {
    }

    /** The method itself when it is a standard one, else {@code OTHER}. */
    static String method(String method) {
        return KNOWN_METHODS.contains(method) ? method : OTHER;
    }

    /**
     * The route template of a path: {@code /}, {@code /healthz}, {@code /readyz}, {@code /metrics},
     * {@code /api/status}, {@code /openapi.json}, {@code /api/models}, {@code /api/models/{model}},
     * {@code /api/models/{model}/{id}}, or {@code other}.
     */
    static String route(List<String> segments) {
        switch (ApiHandler.route(segments)) {
            case "page": return "/";
            case "healthz": return "/healthz";
            case "readyz": return "/readyz";
            case "metrics": return "/metrics";
            case "status": return "/api/status";
            case "openapi": return "/openapi.json";
            case "models": return modelsRoute(segments.size());
            default: return "other";
        }
    }

    private static String modelsRoute(int segments) {
        switch (segments) {
            case 2: return "/api/models";
            case 3: return "/api/models/{model}";
            case 4: return "/api/models/{model}/{id}";
            default: return "other";
        }
    }

    /** {@code 2xx}, {@code 4xx}, ...; a status outside 100..599 is {@code other}. */
    static String statusClass(int status) {
        return status >= 100 && status < 600 ? (status / 100) + "xx" : "other";
    }
}
