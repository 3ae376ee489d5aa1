package io.xsync.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded random HTTP requests against the synchronizer's routes: methods (standard and made up),
 * paths (route shapes with random segments), query strings, headers and bodies (valid JSON,
 * broken JSON, wrong types, protected fields, junk). The same seed gives the same requests.
 */
final class RandomRequests {
    static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final List<String> FIELDS = List.of("first_name", "last_name", "age", "secret", "site_id",
            "site", "id", "deleted", "created", "updated", "enacted", "backend_code", "backend_status",
            "policy_status", "leaf_model_name", "write_protect", "no_sync", "nope", "first_name__startswith",
            "age__gt", "updated__lt", "id__in", "site__isnull", "limit", "offset");
    private static final List<String> TYPES = List.of("application/json", "application/json; charset=utf-8",
            "text/plain", "application/x-www-form-urlencoded", "text/json", "application/json;;", "*/*");

    /** One request as sent: what it was and what came back. */
    record Sent(String method, String path, String body, String contentType, boolean credentials, int status,
                String response) {
        boolean write() {
            return !method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS");
        }

        @Override
        public String toString() {
            return method + " " + path + (contentType == null ? "" : " [" + contentType + "]")
                    + (credentials ? " (with credentials)" : "") + (body == null ? "" : " body=" + body)
                    + " -> " + status;
        }
    }

    private final Random random;
    private final int port;
    private final String authorization;

    /**
     * @param authorization an Authorization header value sent with about half the requests, or null
     */
    RandomRequests(long seed, int port, String authorization) {
        this.random = new Random(seed);
        this.port = port;
        this.authorization = authorization;
    }

    /** A standard method or a made-up token. */
    String method() {
        if (random.nextInt(5) == 0) {
            return token(1 + random.nextInt(12)).toUpperCase(java.util.Locale.ROOT);
        }
        return pick(METHODS);
    }

    /** A path in one of the route shapes, with random segments and maybe a query string. */
    String path() {
        String model = random.nextInt(3) == 0 ? segment() : pick(List.of("Person", "Site"));
        String id = switch (random.nextInt(4)) {
            case 0 -> segment();
            case 1 -> Long.toString(random.nextLong());
            default -> Integer.toString(1 + random.nextInt(8));
        };
        String path = switch (random.nextInt(12)) {
            case 0 -> "/";
            case 1 -> "/healthz";
            case 2 -> "/readyz";
            case 3 -> random.nextBoolean() ? "/metrics" : "/openapi.json";
            case 4 -> "/api/status";
            case 5 -> "/api/models";
            case 6, 7 -> "/api/models/" + model;
            case 8, 9 -> "/api/models/" + model + "/" + id;
            case 10 -> "/api/models/" + model + "/" + id + "/" + segment();
            default -> "/" + segment() + (random.nextBoolean() ? "/" + segment() : "");
        };
        return random.nextInt(3) == 0 ? path + "?" + query() : path;
    }

    /** A query string: known and unknown fields, operators, odd values, broken percent-encoding. */
    String query() {
        StringBuilder q = new StringBuilder();
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                q.append('&');
            }
            String key = random.nextInt(4) == 0 ? token(6) : pick(FIELDS);
            q.append(key).append('=').append(switch (random.nextInt(6)) {
                case 0 -> "%zz";
                case 1 -> "%";
                case 2 -> Integer.toString(random.nextInt());
                case 3 -> "+1000000000-01-01T00:00:00Z";
                case 4 -> URLEncoder.encode(junk(8), StandardCharsets.UTF_8);
                default -> "true";
            });
        }
        return q.toString();
    }

    /** A body: a valid object, one with wrong types or protected fields, broken JSON, or junk; null for none. */
    String body() {
        return switch (random.nextInt(8)) {
            case 0 -> null;
            case 1 -> "{\"first_name\": \"" + token(5) + "\", \"last_name\": \"" + token(5) + "\"}";
            case 2 -> "{\"" + pick(FIELDS) + "\": " + jsonValue() + "}";
            case 3 -> "{\"first_name\": \"a\", \"last_name\": \"b\", \"" + pick(FIELDS) + "\": " + jsonValue() + "}";
            case 4 -> "{\"first_name\": \"a\", \"first_name\": \"b\"}";
            case 5 -> "{\"first_name\": \"a\", \"last_name\": \"b\"} trailing";
            case 6 -> "{\"last_name\": \"\\ud800\", \"first_name\": \"x\"}";
            default -> junk(1 + random.nextInt(40));
        };
    }

    private String jsonValue() {
        return switch (random.nextInt(8)) {
            case 0 -> "null";
            case 1 -> "true";
            case 2 -> Long.toString(random.nextLong());
            case 3 -> "1.5e308";
            case 4 -> "\"" + token(4) + "\"";
            case 5 -> "[1, 2]";
            case 6 -> "{\"a\": 1}";
            default -> "\"2020-01-01T00:00:00Z\"";
        };
    }

    /** Sends one random request (over a raw socket, so anything goes). */
    Sent send() throws Exception {
        String method = method();
        String path = path();
        String body = method.equals("GET") || method.equals("HEAD") ? null : body();
        String type = body == null ? null : pick(TYPES);
        boolean credentials = authorization != null && random.nextBoolean();
        Map<String, String> headers = new LinkedHashMap<>();
        if (type != null) {
            headers.put("Content-Type", type);
        }
        if (credentials) {
            headers.put("Authorization", authorization);
        } else if (random.nextInt(6) == 0) {
            headers.put("Authorization", random.nextBoolean() ? "Basic " + token(10) : "Bearer " + junk(6).trim());
        }
        if (random.nextInt(5) == 0) {
            headers.put("X-" + token(5), junk(20));
        }
        RawHttp.Response r = RawHttp.send(port, method, path, headers, body);
        return new Sent(method, path, body, type, credentials, r.status(), r.body());
    }

    private String segment() {
        return random.nextInt(4) == 0 ? URLEncoder.encode(junk(6), StandardCharsets.UTF_8).replace("+", "%20")
                : token(1 + random.nextInt(10));
    }

    private String token(int length) {
        String chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append(chars.charAt(random.nextInt(chars.length())));
        }
        return sb.toString();
    }

    private String junk(int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append((char) (0x20 + random.nextInt(0x5f)));
        }
        return sb.toString();
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }
}
