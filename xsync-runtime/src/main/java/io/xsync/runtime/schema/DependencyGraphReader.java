package io.xsync.runtime.schema;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.xsync.runtime.schema.DependencyGraph.Edge;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a model-deps JSON file: an object mapping each model to a list of
 * {@code [peer, field, reverse]} entries. Shorter entries ({@code [peer]}, {@code [peer, field]}) and
 * plain peer names (the older XOS form) are accepted; missing parts become "".
 */
final class DependencyGraphReader {
    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final Path file;

    private DependencyGraphReader(Path file) {
        this.file = file;
    }

    static Map<String, List<Edge>> read(Path file) {
        return new DependencyGraphReader(file).read();
    }

    private Map<String, List<Edge>> read() {
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? file.toString() : file + ":" + at.getLineNr() + ":" + at.getColumnNr();
            throw new DependencyGraphException(where + ": malformed model-deps JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new DependencyGraphException(file + ": cannot read model-deps file: " + e, e);
        }
        if (root == null || !root.isObject()) {
            throw malformed("the top level must be an object of model name to dependency list");
        }
        Map<String, List<Edge>> edges = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            edges.put(e.getKey(), entries(e.getKey(), e.getValue()));
        }
        return edges;
    }

    private List<Edge> entries(String model, JsonNode list) {
        if (!list.isArray()) {
            throw malformed("the value of '" + model + "' must be a list of [peer, field, reverse] entries");
        }
        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            edges.add(entry(model, i, list.get(i)));
        }
        return edges;
    }

    private Edge entry(String model, int index, JsonNode node) {
        if (node.isTextual()) {
            return new Edge(node.asText(), "", "");
        }
        boolean ok = node.isArray() && node.size() >= 1 && node.size() <= 3;
        for (int i = 0; ok && i < node.size(); i++) {
            ok = node.get(i).isTextual();
        }
        if (!ok) {
            throw malformed("entry " + index + " of '" + model + "' must be [peer, field, reverse] (strings),"
                    + " found " + node);
        }
        return new Edge(node.get(0).asText(), text(node, 1), text(node, 2));
    }

    private static String text(JsonNode array, int i) {
        return i < array.size() ? array.get(i).asText() : "";
    }

    private DependencyGraphException malformed(String message) {
        return new DependencyGraphException(file + ": malformed model-deps JSON: " + message);
    }
}
