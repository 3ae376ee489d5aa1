package io.xsync.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/** One request and its response, with the helpers the resources need. Blocking. */
final class Exchange {
    static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Reads request bodies strictly: a key given twice and anything after the JSON value are
     * errors (rather than "last key wins" and ignored trailing text).
     */
    private static final ObjectReader STRICT = JSON.reader()
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Request request;
    private final Response response;
    private final Callback callback;
    private final String path;
    private final byte[] body;
    private int status;

    /**
     * @param body the request body as read before dispatching, or null when none was read
     */
    Exchange(Request request, Response response, Callback callback, byte[] body) {
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.path = Request.getPathInContext(request);
        this.body = body;
    }

    String method() {
        return request.getMethod();
    }

    String path() {
        return path;
    }

    /** The path split on '/', without empty segments: {@code /api/models/X} gives [api, models, X]. */
    List<String> segments() {
        return segments(path);
    }

    /** {@code path} split on '/', without empty segments. */
    static List<String> segments(String path) {
        return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    }

    String header(HttpHeader name) {
        return request.getHeaders().get(name);
    }

    /** Query parameters in order; a repeated name keeps its last value; 400 when not decodable. */
    Map<String, String> query() {
        Fields fields;
        try {
            fields = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            throw HttpError.badRequest("malformed query string: " + e.getMessage()
                    + " (percent-encode as %XX with two hex digits, in UTF-8)");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Fields.Field f : fields) {
            out.put(f.getName(), f.getValue());
        }
        return out;
    }

    /**
     * The request body as JSON: 415 unless the Content-Type is {@code application/json}; 400 when
     * the body is missing, not JSON, repeats a key or has text after the value.
     */
    JsonNode jsonBody() {
        String type = header(HttpHeader.CONTENT_TYPE);
        String mime = type == null ? "" : type.split(";", 2)[0].trim();
        if (!mime.equalsIgnoreCase("application/json")) {
            throw new HttpError(415, "Content-Type must be application/json"
                    + (type == null ? " (none was sent)" : ", got '" + type + "'"));
        }
        if (body == null || body.length == 0) {
            throw HttpError.badRequest("request body is empty; expected a JSON object");
        }
        try {
            return STRICT.readTree(body);
        } catch (JsonProcessingException e) {
            throw HttpError.badRequest("bad JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new HttpError(400, "cannot read request body: " + e.getMessage(), e);
        }
    }

    int status() {
        return status;
    }

    void setHeader(HttpHeader name, String value) {
        response.getHeaders().put(name, value);
    }

    /** Sends {@code body} serialised as JSON. */
    void json(int code, Object body) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise response", e);
        }
        send(code, "application/json", bytes);
    }

    /** Sends {"error": message}. */
    void error(int code, String message) {
        json(code, Map.of("error", message == null ? "error" : message));
    }

    void text(int code, String contentType, String body) {
        send(code, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    void send(int code, String contentType, byte[] body) {
        status = code;
        response.setStatus(code);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
