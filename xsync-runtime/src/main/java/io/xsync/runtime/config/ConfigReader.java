package io.xsync.runtime.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Walks a parsed config file against {@link ConfigKeys}: unknown keys, types, required keys. */
final class ConfigReader {
    private static final Logger LOG = LoggerFactory.getLogger(XsyncConfig.class);

    /** Keys of Python's logging dict-config that XOS configs put under {@code logging}. */
    private static final Set<String> XOS_LOGGING = Set.of("version", "handlers", "formatters", "filters",
            "root", "disable_existing_loggers", "incremental");

    private final YamlTree tree;
    private final String fileName;
    private final Path baseDir;
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Map<String, String> wheres = new HashMap<>();
    private final List<String> warnings = new ArrayList<>();

    ConfigReader(YamlTree tree, String fileName, Path baseDir) {
        this.tree = tree;
        this.fileName = fileName;
        this.baseDir = baseDir;
    }

    Map<String, Object> values() {
        return values;
    }

    /** {@code file:line} (or the override's origin) of every key that is set. */
    Map<String, String> wheres() {
        return wheres;
    }

    List<String> warnings() {
        return warnings;
    }

    /** Validates the whole file; throws {@link ConfigException} at the first error. */
    ConfigReader read() {
        walk(tree.root(), "");
        for (ConfigKey<?> key : ConfigKeys.all()) {
            if (key.required() && !values.containsKey(key.path())) {
                throw new ConfigException(fileName + ": missing required key '" + key.path() + "' (" + key.doc() + ")");
            }
        }
        return this;
    }

    private void walk(ObjectNode obj, String prefix) {
        Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            visit(path, prefix, e.getKey(), e.getValue());
        }
    }

    private void visit(String path, String prefix, String name, JsonNode node) {
        ConfigKey<?> key = ConfigKeys.byPath(path);
        if (key != null) {
            setValue(key, node);
        } else if (ConfigKeys.isSection(path)) {
            if (node.isObject()) {
                walk((ObjectNode) node, path);
            } else if (!node.isNull()) {
                throw new ConfigException(where(path) + ": key '" + path + "' must be a mapping, got "
                        + ConfigValues.describe(node));
            }
        } else if (prefix.isEmpty() && ConfigKeys.XOS_IGNORED.contains(name)) {
            warn(path, "key '" + path + "' is an XOS setting that xsync does not use; ignored");
        } else if (prefix.equals("logging") && XOS_LOGGING.contains(name)) {
            warn(path, "key '" + path + "' is Python logging dict-config (XOS); ignored, "
                    + "use logging.level, logging.format and logging.loggers");
        } else {
            throw new ConfigException(where(path) + ": unknown key '" + path + "'" + suggestion(path));
        }
    }

    private void setValue(ConfigKey<?> key, JsonNode node) {
        if (node.isNull()) {
            return;
        }
        JsonNode value = node;
        if (key.equals(ConfigKeys.LOGGING_LOGGERS) && node.isObject()) {
            value = dropXosLoggers((ObjectNode) node);
        }
        Object converted = ConfigValues.convert(key, value, where(key.path()), baseDir);
        if (key.equals(ConfigKeys.LOGGING_LOGGERS)) {
            checkLoggerLevels(converted);
        }
        values.put(key.path(), converted);
        wheres.put(key.path(), tree.where(key.path()));
    }

    /** XOS's {@code loggers: {name: {handlers: [...], level: X}}} entries: warned about and dropped. */
    private ObjectNode dropXosLoggers(ObjectNode loggers) {
        ObjectNode ours = loggers.objectNode();
        Iterator<Map.Entry<String, JsonNode>> it = loggers.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = "logging.loggers." + e.getKey();
            if (e.getValue().isObject()) {
                warn(path, "logger '" + e.getKey() + "' is Python logging dict-config (XOS); ignored, "
                        + "write 'logging.loggers: {" + e.getKey() + ": LEVEL}'");
            } else {
                ours.set(e.getKey(), e.getValue());
            }
        }
        return ours;
    }

    private void checkLoggerLevels(Object loggers) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) loggers;
        List<String> levels = ConfigKeys.LOGGING_LEVEL.choices();
        for (Map.Entry<String, Object> e : map.entrySet()) {
            String level = String.valueOf(e.getValue());
            if (!levels.contains(level)) {
                String path = "logging.loggers." + e.getKey();
                throw new ConfigException(where(path) + ": key '" + path + "' must be one of "
                        + String.join(", ", levels) + ", got '" + level + "'");
            }
        }
    }

    private void warn(String path, String message) {
        String line = where(path) + ": " + message;
        warnings.add(line);
        LOG.warn(line);
    }

    private String where(String path) {
        return tree.where(path);
    }

    private static String suggestion(String path) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (ConfigKey<?> key : ConfigKeys.all()) {
            int d = distance(path, key.path());
            if (d < bestDistance) {
                bestDistance = d;
                best = key.path();
            }
        }
        int limit = Math.max(2, path.length() / 4);
        return best != null && bestDistance <= limit ? " (did you mean '" + best + "'?)" : "";
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
