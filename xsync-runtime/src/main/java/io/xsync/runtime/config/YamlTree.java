package io.xsync.runtime.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A YAML document read into a Jackson tree while remembering the line of every mapping key
 * (by dotted path), so that config errors can name the line.
 */
final class YamlTree {
    private static final YAMLFactory YAML = new YAMLFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Map<String, Integer> lines = new HashMap<>();
    private final Map<String, String> origins = new HashMap<>();
    private final String fileName;
    private ObjectNode root;

    private YamlTree(String fileName) {
        this.fileName = fileName;
    }

    /** Parses {@code text}; an empty document is an empty mapping. */
    static YamlTree parse(String text, String fileName) {
        YamlTree tree = new YamlTree(fileName);
        try (JsonParser p = YAML.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                tree.root = NODES.objectNode();
            } else if (first != JsonToken.START_OBJECT) {
                throw new ConfigException(fileName + ":" + line(p) + ": the config must be a mapping of keys");
            } else {
                tree.root = tree.readObject(p, "");
            }
        } catch (JsonProcessingException e) {
            throw new ConfigException(fileName + ":" + yamlError(e));
        } catch (IOException e) {
            throw new ConfigException(fileName + ": cannot read: " + e.getMessage());
        }
        return tree;
    }

    /**
     * {@code line:col: invalid YAML: problem (context at line L, column C)} on one line; the YAML
     * parser's own message spans several lines with source excerpts and carets.
     */
    private static String yamlError(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException) {
            MarkedYAMLException y = (MarkedYAMLException) e.getCause();
            Mark at = y.getProblemMark() != null ? y.getProblemMark() : y.getContextMark();
            String where = at == null ? "0" : (at.getLine() + 1) + ":" + (at.getColumn() + 1);
            String problem = y.getProblem() == null ? y.getContext() : y.getProblem();
            String context = "";
            if (y.getContext() != null && y.getProblem() != null && y.getContextMark() != null) {
                Mark c = y.getContextMark();
                context = " (" + y.getContext() + " at line " + (c.getLine() + 1) + ", column " + (c.getColumn() + 1) + ")";
            }
            return where + ": invalid YAML: " + oneLine(problem) + context;
        }
        int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        return line + ": invalid YAML: " + oneLine(e.getOriginalMessage());
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    ObjectNode root() {
        return root;
    }

    /**
     * Sets the value at a dotted path (creating the mappings on the way, replacing what the file
     * had there); {@code origin} then stands in for the line in messages about that path.
     */
    void override(String path, String value, String origin) {
        String[] parts = path.split("\\.");
        ObjectNode obj = root;
        String prefix = "";
        for (int i = 0; i < parts.length - 1; i++) {
            prefix = prefix.isEmpty() ? parts[i] : prefix + "." + parts[i];
            JsonNode child = obj.get(parts[i]);
            if (!(child instanceof ObjectNode)) {
                child = obj.putObject(parts[i]);
                origins.putIfAbsent(prefix, origin);
            }
            obj = (ObjectNode) child;
        }
        obj.set(parts[parts.length - 1], flowValue(value));
        origins.put(path, origin);
    }

    /** A YAML flow value ({@code 8282}, {@code true}, {@code {a: b}}); plain text when it is not one. */
    private static JsonNode flowValue(String text) {
        try (JsonParser p = YAML.createParser("v: " + text)) {
            p.nextToken();
            p.nextToken();
            p.nextToken();
            YamlTree scratch = new YamlTree("value");
            JsonNode node = scratch.readValue(p, "v");
            return node.isNull() && !text.isBlank() && !"null".equals(text.strip()) ? NODES.textNode(text) : node;
        } catch (IOException | RuntimeException e) {
            return NODES.textNode(text);
        }
    }

    /** {@code file:line} of the key at this dotted path, or its override's origin. */
    String where(String path) {
        String origin = origins.get(path);
        return origin != null ? origin : fileName + ":" + line(path);
    }

    /** The line of the key at this dotted path, or 0. */
    int line(String path) {
        return lines.getOrDefault(path, 0);
    }

    private ObjectNode readObject(JsonParser p, String prefix) throws IOException {
        ObjectNode obj = NODES.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            String path = prefix.isEmpty() ? name : prefix + "." + name;
            int line = line(p);
            if (obj.has(name)) {
                throw new ConfigException(fileName + ":" + line + ": duplicate key '" + path + "' (first set on line "
                        + lines.get(path) + ")");
            }
            lines.put(path, line);
            p.nextToken();
            obj.set(name, readValue(p, path));
        }
        return obj;
    }

    private JsonNode readValue(JsonParser p, String path) throws IOException {
        switch (p.currentToken()) {
            case START_OBJECT:
                return readObject(p, path);
            case START_ARRAY:
                ArrayNode arr = NODES.arrayNode();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    arr.add(readValue(p, path + "[" + i++ + "]"));
                }
                return arr;
            case VALUE_STRING:
                return NODES.textNode(p.getText());
            case VALUE_NUMBER_INT:
                switch (p.getNumberType()) {
                    case INT: return NODES.numberNode(p.getIntValue());
                    case LONG: return NODES.numberNode(p.getLongValue());
                    default: return NODES.numberNode(p.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(p.getDecimalValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new ConfigException(fileName + ":" + line(p) + ": unexpected YAML token " + p.currentToken());
        }
    }

    private static int line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }
}
