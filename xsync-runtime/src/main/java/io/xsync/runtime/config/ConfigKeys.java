package io.xsync.runtime.config;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Every configuration key xsync knows, with its default and documentation: the one place to
 * look. XOS names are kept where XOS had them. Paths are relative to the config file's directory.
 */
public final class ConfigKeys {
    private ConfigKeys() {
    }

    // --- XOS keys -------------------------------------------------------------------------
    public static final ConfigKey<String> NAME = req("name", ConfigKey.Type.STRING,
            "Synchronizer name; used in consumer group ids, topic names, logs and metrics: letters, digits, "
            + "'.', '_' and '-', at most 200 characters.");
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
            "Event bus technology; only kafka.");
    public static final ConfigKey<String> EVENT_BUS_ENDPOINT = opt("event_bus.endpoint", ConfigKey.Type.STRING, null,
            "host:port[,host:port] of the Kafka bootstrap servers, or 'embedded' for the built-in broker; "
            + "no event engine when absent.");
    public static final ConfigKey<String> LOGGING_LEVEL = opt("logging.level", ConfigKey.Type.STRING, "INFO",
            "Root log level (TRACE, DEBUG, INFO, WARN, ERROR).");
    public static final ConfigKey<String> LOGGING_FORMAT = opt("logging.format", ConfigKey.Type.STRING, "text",
            "text (human-readable) or json (one JSON object per line).");
    public static final ConfigKey<Map<String, Object>> LOGGING_LOGGERS = opt("logging.loggers", ConfigKey.Type.MAP,
            Map.of(), "Per-logger levels, e.g. {io.xsync.kafka: DEBUG}.");

    // --- xsync keys -----------------------------------------------------------------------
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
    public static final ConfigKey<Integer> EVENTS_CONCURRENCY = opt("events.concurrency", ConfigKey.Type.INT, 4,
            "Partitions processed in parallel per event step.");
    public static final ConfigKey<Integer> EVENTS_BATCH_SIZE = opt("events.batch_size", ConfigKey.Type.INT, 500,
            "Most events of one partition committed in one database transaction.");
    public static final ConfigKey<Integer> EVENTS_RETRY_ATTEMPTS = opt("events.retry.attempts", ConfigKey.Type.INT, 5,
            "Attempts of a failing event before it is dead-lettered.");
    public static final ConfigKey<Duration> EVENTS_RETRY_BASE = opt("events.retry.base", ConfigKey.Type.DURATION,
            Duration.ofMillis(100), "First retry delay; doubles each attempt.");
    public static final ConfigKey<Duration> EVENTS_RETRY_MAX = opt("events.retry.max", ConfigKey.Type.DURATION,
            Duration.ofSeconds(10), "Largest retry delay.");
    public static final ConfigKey<String> EVENTS_ON_FAILURE = opt("events.on_failure", ConfigKey.Type.STRING,
            "dead_letter", "dead_letter (send and go on) or block (retry forever, keeping order).");
    public static final ConfigKey<String> EVENTS_DEAD_LETTER_TOPIC = opt("events.dead_letter_topic",
            ConfigKey.Type.STRING, "{name}.dead-letter", "Dead-letter topic; {name} is the synchronizer name.");
    public static final ConfigKey<Duration> EVENTS_SHUTDOWN_TIMEOUT = opt("events.shutdown_timeout",
            ConfigKey.Type.DURATION, Duration.ofSeconds(30), "How long shutdown waits for events in flight.");
    public static final ConfigKey<Duration> EVENTS_OUTAGE_LOG_INTERVAL = opt("events.outage_log_interval",
            ConfigKey.Type.DURATION, Duration.ofSeconds(30), "While the broker is unreachable, log once per interval.");
    public static final ConfigKey<String> EVENTS_START_FROM = opt("events.start_from", ConfigKey.Type.STRING,
            "earliest", "Where a partition with no offset in the store starts: earliest (every event kept by the "
                    + "broker) or latest (only events sent from now on). Offsets committed to Kafka are never used.");

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

    public static final ConfigKey<Boolean> HTTP_ENABLED = opt("http.enabled", ConfigKey.Type.BOOL, true,
            "Serve the REST API, /healthz, /readyz, /metrics and the status page.");
    public static final ConfigKey<String> HTTP_BIND = opt("http.bind", ConfigKey.Type.STRING, "127.0.0.1",
            "Bind address.");
    public static final ConfigKey<Integer> HTTP_PORT = opt("http.port", ConfigKey.Type.INT, 8181,
            "Port; 0 picks a free one.");
    public static final ConfigKey<String> HTTP_USERNAME = opt("http.username", ConfigKey.Type.STRING, null,
            "Basic-auth user for the API.");
    public static final ConfigKey<String> HTTP_PASSWORD = opt("http.password", ConfigKey.Type.SECRET, null,
            "Basic-auth password; '@/path' reads it from a file.");
    public static final ConfigKey<String> HTTP_TOKEN = opt("http.token", ConfigKey.Type.SECRET, null,
            "Bearer token accepted instead of basic auth; '@/path' reads it from a file.");
    public static final ConfigKey<Boolean> HTTP_ANONYMOUS_READS = opt("http.anonymous_reads", ConfigKey.Type.BOOL,
            true, "Allow reads without credentials.");
    public static final ConfigKey<Boolean> HTTP_ANONYMOUS_WRITES = opt("http.anonymous_writes", ConfigKey.Type.BOOL,
            false, "Allow writes without credentials (never do this in production).");
    public static final ConfigKey<String> HTTP_TLS_KEYSTORE = opt("http.tls.keystore", ConfigKey.Type.PATH, null,
            "PKCS12 keystore; enables HTTPS when set.");
    public static final ConfigKey<String> HTTP_TLS_PASSWORD = opt("http.tls.password", ConfigKey.Type.SECRET, null,
            "Keystore password.");
    public static final ConfigKey<Integer> HTTP_MAX_BODY = opt("http.limits.max_body_bytes", ConfigKey.Type.INT,
            1 << 20, "Largest request body accepted (413 beyond).");
    public static final ConfigKey<Integer> HTTP_MAX_HEADER = opt("http.limits.max_header_bytes", ConfigKey.Type.INT,
            8192, "Largest request line plus headers accepted (431 beyond).");
    public static final ConfigKey<Duration> HTTP_BODY_TIMEOUT = opt("http.limits.body_timeout",
            ConfigKey.Type.DURATION, Duration.ofSeconds(10),
            "Longest time to receive a whole request body (408 and the connection closed beyond).");
    public static final ConfigKey<Integer> HTTP_THREADS = opt("http.limits.threads", ConfigKey.Type.INT, 16,
            "Most HTTP server threads (at least 4); bodies are read without holding one.");
    public static final ConfigKey<Duration> HTTP_IDLE_TIMEOUT = opt("http.limits.idle_timeout",
            ConfigKey.Type.DURATION, Duration.ofSeconds(30), "A connection without traffic for this long is closed.");
    public static final ConfigKey<Integer> HTTP_MAX_METERS = opt("http.limits.max_meters", ConfigKey.Type.INT,
            5000, "Most meters in the metrics registry; further meters are dropped (logged once).");

    /**
     * Keys that XOS synchronizer configs carry and xsync has no use for: accepted with one warning
     * each, so an XOS config loads.
     */
    public static final List<String> XOS_IGNORED = List.of("core_version", "accessor", "desired_state",
            "wrappers", "blueprints", "nova", "proxy_ssh", "keep_temp_files", "enable_watchers",
            "observer", "feefie", "node_key", "config_dir", "sys_dir", "images_directory",
            "xos_dir", "log_file", "log_level", "pretend", "save_ansible_output", "backoff_disabled_models",
            "model_policies", "tasks", "synchronizer_name");

    /** Built on first use, once every key above (and any appended below) is initialised. */
    private static final class Index {
        static final Map<String, ConfigKey<?>> ALL = collect();
        /** Allowed values of keys that take one of a few words. */
        static final Map<String, List<String>> CHOICES = Map.of(
                LOGGING_LEVEL.path(), List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF"),
                LOGGING_FORMAT.path(), List.of("text", "json"),
                EVENT_BUS_KIND.path(), List.of("kafka"),
                EVENTS_ON_FAILURE.path(), List.of("dead_letter", "block"),
                EVENTS_START_FROM.path(), List.of("earliest", "latest"));
        /**
         * Keys whose text must match a pattern, with the wording of the rule. The name becomes part
         * of Kafka topic and group names, which allow only these characters (249 at most, and the
         * dead-letter topic adds a suffix).
         */
        static final Map<String, Map.Entry<Pattern, String>> FORMATS = Map.of(
                NAME.path(), Map.entry(Pattern.compile("[A-Za-z0-9._-]{1,200}"),
                        "a legal Kafka topic and group name: letters, digits, '.', '_' and '-', at most 200 characters"),
                EVENTS_DEAD_LETTER_TOPIC.path(), Map.entry(Pattern.compile("([A-Za-z0-9._-]|\\{name\\})+"),
                        "a legal Kafka topic name: letters, digits, '.', '_', '-' and {name}"));
    }

    /** Every key, in declaration order. */
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

    /** The allowed values of a key, empty when any value of its type goes. */
    public static List<String> choices(ConfigKey<?> key) {
        return Index.CHOICES.getOrDefault(key.path(), List.of());
    }

    /** The pattern a key's text must match and its wording, or null when any text goes. */
    public static Map.Entry<Pattern, String> format(ConfigKey<?> key) {
        return Index.FORMATS.get(key.path());
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
        return keys;
    }

    private static <T> ConfigKey<T> req(String path, ConfigKey.Type type, String doc) {
        return new ConfigKey<>(path, type, null, true, doc);
    }

    private static <T> ConfigKey<T> opt(String path, ConfigKey.Type type, T def, String doc) {
        return new ConfigKey<>(path, type, def, false, doc);
    }
}
