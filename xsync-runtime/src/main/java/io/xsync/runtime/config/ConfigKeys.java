package io.xsync.runtime.config;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * The configuration keys of the runtime (XOS keys, store, sync, policy, pull, logging), with their
 * defaults, documentation and checks, and the registry of every module's keys ({@link #all()}):
 * the HTTP engine declares {@code http.*} and the event engine {@code events.*} in their own
 * modules. XOS names are kept where XOS had them. Paths are relative to the config file's directory.
 */
public final class ConfigKeys {
    private ConfigKeys() {
    }

    // --- XOS keys -------------------------------------------------------------------------
    /**
     * The name becomes part of Kafka topic and group names, which allow only these characters (249
     * at most, and the dead-letter topic adds a suffix).
     */
    public static final ConfigKey<String> NAME = ConfigKey.<String>required("name", ConfigKey.Type.STRING,
            "Synchronizer name; used in consumer group ids, topic names, logs and metrics: letters, digits, "
            + "'.', '_' and '-', at most 200 characters.").matching(Pattern.compile("[A-Za-z0-9._-]{1,200}"),
            "a legal Kafka topic and group name: letters, digits, '.', '_' and '-', at most 200 characters");
    public static final ConfigKey<String> MODELS_DIR = req("models_dir", ConfigKey.Type.PATH,
            "Directory of .xproto files that define the models.");
    public static final ConfigKey<String> DEPENDENCY_GRAPH = opt("dependency_graph", ConfigKey.Type.PATH, null,
            "model-deps JSON file; derived from the xproto links when absent.");
    public static final ConfigKey<String> STEPS_DIR = opt("steps_dir", ConfigKey.Type.PATH, null,
            "Directory of sync steps (.java sources or .jar files).");
    public static final ConfigKey<String> PULL_STEPS_DIR = opt("pull_steps_dir", ConfigKey.Type.PATH, null,
            "Directory of pull steps.");
    public static final ConfigKey<String> EVENT_STEPS_DIR = opt("event_steps_dir", ConfigKey.Type.PATH, null,
            "Directory of event steps.");
    public static final ConfigKey<String> MODEL_POLICIES_DIR = opt("model_policies_dir", ConfigKey.Type.PATH, null,
            "Directory of model policies.");
    public static final ConfigKey<List<String>> REQUIRED_MODELS = opt("required_models", ConfigKey.Type.STRING_LIST,
            List.of(), "Models that must exist in the schema; startup fails otherwise.");
    public static final ConfigKey<Boolean> BACKOFF_DISABLED = opt("backoff_disabled", ConfigKey.Type.BOOL, false,
            "Retry failed objects on every pass instead of backing off.");
    public static final ConfigKey<String> EVENT_BUS_KIND = opt("event_bus.kind", ConfigKey.Type.STRING, "kafka",
            "Event bus technology; only kafka.").oneOf("kafka");
    public static final ConfigKey<String> EVENT_BUS_ENDPOINT = opt("event_bus.endpoint", ConfigKey.Type.STRING, null,
            "host:port[,host:port] of the Kafka bootstrap servers, or 'embedded' for the built-in broker; "
            + "no event engine when absent.");
    public static final ConfigKey<String> LOGGING_LEVEL = opt("logging.level", ConfigKey.Type.STRING, "INFO",
            "Root log level (TRACE, DEBUG, INFO, WARN, ERROR).").oneOf("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");
    public static final ConfigKey<String> LOGGING_FORMAT = opt("logging.format", ConfigKey.Type.STRING, "text",
            "text (human-readable) or json (one JSON object per line).").oneOf("text", "json");
    public static final ConfigKey<Map<String, Object>> LOGGING_LOGGERS = opt("logging.loggers", ConfigKey.Type.MAP,
            Map.of(), "Per-logger levels, e.g. {io.xsync.kafka: DEBUG}.");

    // --- xsync keys -----------------------------------------------------------------------
    public static final ConfigKey<String> MODELS_PACKAGE = opt("models_package", ConfigKey.Type.STRING, "models",
            "Java package of the typed model classes (one per model of models_dir) that step sources "
            + "may use: import models.MyModel (see docs/steps.md).");
    public static final ConfigKey<String> DATA_DIR = opt("data_dir", ConfigKey.Type.PATH, "data",
            "Directory for the embedded store and the embedded broker's log.");
    public static final ConfigKey<String> USES_MODELS_DIR = opt("uses_models_dir", ConfigKey.Type.PATH, null,
            "Directory of .xproto files of models this synchronizer links to or uses but does not own (another "
            + "synchronizer's, e.g. the core's); where the owner registered them in the shared store, the "
            + "registered files win. See docs/deployments.md.");
    public static final ConfigKey<String> STORE_URL = opt("store.url", ConfigKey.Type.STRING, null,
            "JDBC URL; default is an embedded H2 file under data_dir (several processes may open it).");
    public static final ConfigKey<String> STORE_USER = opt("store.user", ConfigKey.Type.STRING, null,
            "Database user.");
    public static final ConfigKey<String> STORE_PASSWORD = opt("store.password", ConfigKey.Type.SECRET, null,
            "Database password; '@/path' reads it from a file.");
    public static final ConfigKey<Integer> STORE_POOL_SIZE = opt("store.pool_size", ConfigKey.Type.INT, 10,
            "Maximum pooled connections.");

    public static final ConfigKey<Map<String, Object>> EVENT_BUS_PROPERTIES = opt("event_bus.properties",
            ConfigKey.Type.MAP, Map.of(), "Extra Kafka client properties (consumer and producer).");
    public static final ConfigKey<Integer> EMBEDDED_KAFKA_PORT = opt("event_bus.embedded_port", ConfigKey.Type.INT,
            9092, "Port of the embedded broker (endpoint: embedded), on 127.0.0.1.");

    public static final ConfigKey<Integer> SYNC_THREADS = opt("sync.threads", ConfigKey.Type.INT, 4,
            "Cohorts synced concurrently.");
    public static final ConfigKey<Duration> SYNC_SAFETY_INTERVAL = opt("sync.safety_interval",
            ConfigKey.Type.DURATION, Duration.ofSeconds(30), "A pass runs at least this often even without changes.");
    public static final ConfigKey<Duration> SYNC_BACKOFF_BASE = opt("sync.backoff_base", ConfigKey.Type.DURATION,
            Duration.ofMinutes(10), "Backoff unit for errors: exponent x base.");
    public static final ConfigKey<Duration> SYNC_BACKOFF_INNOCUOUS_BASE = opt("sync.backoff_innocuous_base",
            ConfigKey.Type.DURATION, Duration.ofMinutes(1), "Backoff unit for innocuous errors.");
    public static final ConfigKey<Duration> SYNC_BACKOFF_CAP = opt("sync.backoff_cap", ConfigKey.Type.DURATION,
            Duration.ofHours(8), "Longest backoff.");
    public static final ConfigKey<Duration> SYNC_REAP_INTERVAL = opt("sync.reap_interval", ConfigKey.Type.DURATION,
            Duration.ofSeconds(30), "How often deleted, reaped rows are purged.");
    public static final ConfigKey<Duration> SYNC_CLAIM_LEASE = opt("sync.claim_lease", ConfigKey.Type.DURATION,
            Duration.ofMinutes(2), "How long a replica's claims (objects it syncs or polices) and leases (pull "
            + "steps, reaper) outlive the replica; renewed while it runs, then another replica takes over.");
    public static final ConfigKey<Duration> SYNC_DEFERRED_RETRY = opt("sync.deferred_retry", ConfigKey.Type.DURATION,
            Duration.ofSeconds(1), "Longest wait before deferred objects (DeferredException) are retried.");
    public static final ConfigKey<Duration> PULL_DEFAULT_INTERVAL = opt("pull.interval", ConfigKey.Type.DURATION,
            Duration.ofSeconds(5), "Interval of pull steps that do not set their own.");
    public static final ConfigKey<Duration> SHUTDOWN_TIMEOUT = opt("shutdown_timeout", ConfigKey.Type.DURATION,
            Duration.ofSeconds(30), "How long shutdown waits for each engine to drain.");
    public static final ConfigKey<Map<String, Object>> STEPS = opt("steps", ConfigKey.Type.MAP, Map.of(),
            "Per-step settings by step name, handed to the step as StepContext.settings().");

    /**
     * Keys that XOS synchronizer configs carry and xsync has no use for: accepted with one warning
     * each, so an XOS config loads.
     */
    public static final List<String> XOS_IGNORED = List.of("core_version", "accessor", "desired_state",
            "wrappers", "blueprints", "nova", "proxy_ssh", "keep_temp_files", "enable_watchers",
            "observer", "feefie", "node_key", "config_dir", "sys_dir", "images_directory",
            "xos_dir", "log_file", "log_level", "pretend", "save_ansible_output", "backoff_disabled_models",
            "model_policies", "tasks", "synchronizer_name");

    /** Built on first use, once every key above is initialised. */
    private static final class Index {
        static final Map<String, ConfigKey<?>> ALL = collect();
    }

    /**
     * Every key: those declared here in declaration order, then those of each module's
     * {@link ConfigKeySet} on the class path (ordered by class name).
     */
    public static List<ConfigKey<?>> all() {
        return List.copyOf(Index.ALL.values());
    }

    /** The key with this dotted path, or null. */
    public static ConfigKey<?> byPath(String path) {
        return Index.ALL.get(path);
    }

    /** Whether {@code path} is a section holding keys, like {@code event_bus} or {@code events.retry}. */
    public static boolean isSection(String path) {
        for (String p : Index.ALL.keySet()) {
            if (p.startsWith(path + ".")) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, ConfigKey<?>> collect() {
        Map<String, ConfigKey<?>> keys = new LinkedHashMap<>();
        for (Field f : ConfigKeys.class.getDeclaredFields()) {
            if (f.getType() == ConfigKey.class && Modifier.isStatic(f.getModifiers())) {
                try {
                    ConfigKey<?> k = (ConfigKey<?>) f.get(null);
                    keys.put(k.path(), k);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        List<ConfigKeySet> sets = new ArrayList<>();
        ServiceLoader.load(ConfigKeySet.class, ConfigKeys.class.getClassLoader()).forEach(sets::add);
        sets.sort(Comparator.comparing(set -> set.getClass().getName()));
        for (ConfigKeySet set : sets) {
            for (ConfigKey<?> k : set.keys()) {
                if (keys.putIfAbsent(k.path(), k) != null) {
                    throw new IllegalStateException("config key " + k.path() + " is declared twice (again by "
                            + set.getClass().getName() + ")");
                }
            }
        }
        return keys;
    }

    private static <T> ConfigKey<T> req(String path, ConfigKey.Type type, String doc) {
        return ConfigKey.required(path, type, doc);
    }

    private static <T> ConfigKey<T> opt(String path, ConfigKey.Type type, T def, String doc) {
        return ConfigKey.optional(path, type, def, doc);
    }
}
