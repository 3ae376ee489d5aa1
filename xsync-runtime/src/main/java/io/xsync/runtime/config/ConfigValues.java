package io.xsync.runtime.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Converts YAML nodes to the Java value of a {@link ConfigKey.Type}; errors name key and line. */
final class ConfigValues {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

    private ConfigValues() {
    }

    /** What a value of the type looks like, for error messages. */
    static String expected(ConfigKey.Type type) {
        switch (type) {
            case STRING: return "a string";
            case INT: return "an integer";
            case BOOL: return "true or false";
            case DURATION: return "a duration (250ms, 5s, 10m, 8h or a number of seconds)";
            case PATH: return "a path";
            case STRING_LIST: return "a list of strings";
            case MAP: return "a mapping";
            case SECRET: return "a string or @/path/to/file";
            default: throw new IllegalArgumentException(type.toString());
        }
    }

    /**
     * The value of {@code node} for {@code key}.
     *
     * @param where   {@code file:line} for messages
     * @param baseDir directory that relative {@code @path} secrets resolve against
     */
    static Object convert(ConfigKey<?> key, JsonNode node, String where, Path baseDir) {
        Object value = convertType(key, node, where, baseDir);
        key.check(value, where);
        return value;
    }

    private static Object convertType(ConfigKey<?> key, JsonNode node, String where, Path baseDir) {
        switch (key.type()) {
            case STRING:
            case PATH:
                if (node.isTextual() || node.isNumber()) {
                    return node.asText();
                }
                break;
            case SECRET:
                if (node.isTextual() || node.isNumber()) {
                    return secret(key, node.asText(), where, baseDir);
                }
                break;
            case INT:
                if (node.isIntegralNumber() && node.canConvertToInt()) {
                    return node.intValue();
                }
                break;
            case BOOL:
                if (node.isBoolean()) {
                    return node.booleanValue();
                }
                break;
            case DURATION:
                Duration d = duration(node);
                if (d != null) {
                    return d;
                }
                break;
            case STRING_LIST:
                List<String> list = stringList(node);
                if (list != null) {
                    return list;
                }
                break;
            case MAP:
                if (node.isObject()) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> map = MAPPER.convertValue(node, LinkedHashMap.class);
                    return map;
                }
                break;
            default:
                break;
        }
        throw new ConfigException(where + ": key '" + key.path() + "' must be " + expected(key.type()) + ", got "
                + describe(node));
    }

    /** Parses {@code 250ms}, {@code 5s}, {@code 10m}, {@code 8h} or a number of seconds; null if malformed. */
    static Duration duration(JsonNode node) {
        if (node.isNumber()) {
            return node.decimalValue().signum() < 0 ? null : millis(node.decimalValue(), "s");
        }
        if (!node.isTextual()) {
            return null;
        }
        Matcher m = DURATION.matcher(node.asText().trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return null;
        }
        return millis(new BigDecimal(m.group(1)), m.group(2) == null ? "s" : m.group(2));
    }

    private static Duration millis(BigDecimal amount, String unit) {
        long factor;
        switch (unit) {
            case "ms": factor = 1; break;
            case "s": factor = 1_000; break;
            case "m": factor = 60_000; break;
            default: factor = 3_600_000; break;
        }
        return Duration.ofMillis(amount.multiply(BigDecimal.valueOf(factor)).longValue());
    }

    private static List<String> stringList(JsonNode node) {
        if (!node.isArray()) {
            return null;
        }
        List<String> list = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual() && !item.isNumber()) {
                return null;
            }
            list.add(item.asText());
        }
        return List.copyOf(list);
    }

    /** Largest secret file read (a password, a token): anything longer is refused, not loaded. */
    static final int MAX_SECRET_BYTES = 64 * 1024;

    private static String secret(ConfigKey<?> key, String value, String where, Path baseDir) {
        if (!value.startsWith("@")) {
            return value;
        }
        Path file = baseDir.resolve(value.substring(1));
        String prefix = where + ": key '" + key.path() + "': secret file " + file;
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_SECRET_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new ConfigException(prefix + " does not exist");
        } catch (IOException e) {
            throw new ConfigException(prefix + " cannot be read: " + e.getMessage());
        }
        if (bytes.length > MAX_SECRET_BYTES) {
            throw new ConfigException(prefix + " is larger than " + MAX_SECRET_BYTES + " bytes; expected a secret");
        }
        String secret = new String(bytes, StandardCharsets.UTF_8).trim();
        if (secret.isEmpty()) {
            throw new ConfigException(prefix + " is empty");
        }
        return secret;
    }

    /** A short description of a node for "got ..." in messages. */
    static String describe(JsonNode node) {
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isBoolean()) {
            return "boolean " + node.asText();
        }
        if (node.isNumber()) {
            return "number " + node.asText();
        }
        return "'" + node.asText() + "'";
    }
}
