package io.xsync.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
    /** Largest request body accepted. */
    static final int MAX_BODY = 1 << 20;

    private final Request request;
    private final Response response;
    private final Callback callback;
    private final String path;
    private int status;

    Exchange(Request request, Response response, Callback callback) {
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.path = Request.getPathInContext(request);
    }

    String method() {
        return request.getMethod();
    }

    String path() {
        return path;
    }

    /** The path split on '/', without empty segments: {@code /api/models/X} gives [api, models, X]. */
    List<String> segments() {
        return java.util.Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    }

    String header(HttpHeader name) {
        return request.getHeaders().get(name);
    }

    /** Query parameters in order; a repeated name keeps its last value. */
    Map<String, String> query() {
        Fields fields = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        Map<String, String> out = new LinkedHashMap<>();
        for (Fields.Field f : fields) {
            out.put(f.getName(), f.getValue());
        }
        return out;
    }

    /** The request body as JSON; 400 when it is missing or not JSON. */
    JsonNode jsonBody() {
        try (InputStream in = Request.asInputStream(request)) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new HttpError(413, "request body larger than " + MAX_BODY + " bytes");
            }
            if (bytes.length == 0) {
                throw HttpError.badRequest("request body is empty; expected a JSON object");
            }
            return JSON.readTree(bytes);
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
