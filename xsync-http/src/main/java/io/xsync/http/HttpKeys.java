package io.xsync.http;

import io.xsync.runtime.config.ConfigKey;
import io.xsync.runtime.config.ConfigKeySet;
import java.time.Duration;
import java.util.List;

/**
 * The {@code http.*} configuration keys, owned by the HTTP engine and contributed to the config
 * reader through {@code META-INF/services/io.xsync.runtime.config.ConfigKeySet}. Each key carries
 * its own checks; {@link HttpSettings} reads them.
 */
public final class HttpKeys implements ConfigKeySet {
    public static final ConfigKey<Boolean> ENABLED = ConfigKey.optional("http.enabled", ConfigKey.Type.BOOL, true,
            "Serve the REST API, /healthz, /readyz, /metrics and the status page.");
    public static final ConfigKey<String> BIND = ConfigKey.optional("http.bind", ConfigKey.Type.STRING, "127.0.0.1",
            "Bind address.");
    public static final ConfigKey<Integer> PORT = ConfigKey.optional("http.port", ConfigKey.Type.INT, 8181,
            "Port; 0 picks a free one.");
    public static final ConfigKey<String> USERNAME = ConfigKey.optional("http.username", ConfigKey.Type.STRING, null,
            "Basic-auth user for the API.");
    public static final ConfigKey<String> PASSWORD = ConfigKey.optional("http.password", ConfigKey.Type.SECRET, null,
            "Basic-auth password; '@/path' reads it from a file.");
    public static final ConfigKey<String> TOKEN = ConfigKey.optional("http.token", ConfigKey.Type.SECRET, null,
            "Bearer token accepted instead of basic auth; '@/path' reads it from a file.");
    public static final ConfigKey<Boolean> ANONYMOUS_READS = ConfigKey.optional("http.anonymous_reads", ConfigKey.Type.BOOL,
            true, "Allow reads without credentials.");
    public static final ConfigKey<Boolean> ANONYMOUS_WRITES = ConfigKey.optional("http.anonymous_writes", ConfigKey.Type.BOOL,
            false, "Allow writes without credentials (never do this in production).");
    public static final ConfigKey<String> TLS_KEYSTORE = ConfigKey.optional("http.tls.keystore", ConfigKey.Type.PATH, null,
            "PKCS12 keystore; enables HTTPS when set.");
    public static final ConfigKey<String> TLS_PASSWORD = ConfigKey.optional("http.tls.password", ConfigKey.Type.SECRET, null,
            "Keystore password.");
    public static final ConfigKey<Integer> MAX_BODY = ConfigKey.<Integer>optional("http.limits.max_body_bytes",
            ConfigKey.Type.INT, 1 << 20, "Largest request body accepted (413 beyond).").atLeast(1);
    public static final ConfigKey<Integer> MAX_HEADER = ConfigKey.<Integer>optional("http.limits.max_header_bytes",
            ConfigKey.Type.INT, 8192, "Largest request line plus headers accepted (431 beyond).").atLeast(256);
    public static final ConfigKey<Duration> BODY_TIMEOUT = ConfigKey.<Duration>optional("http.limits.body_timeout",
            ConfigKey.Type.DURATION, Duration.ofSeconds(10),
            "Longest time to receive a whole request body (408 and the connection closed beyond).").positive();
    public static final ConfigKey<Integer> THREADS = ConfigKey.<Integer>optional("http.limits.threads", ConfigKey.Type.INT, 16,
            "Most HTTP server threads (at least 4); bodies are read without holding one.")
            .atLeast(HttpSettings.Limits.MIN_THREADS);
    public static final ConfigKey<Duration> IDLE_TIMEOUT = ConfigKey.<Duration>optional("http.limits.idle_timeout",
            ConfigKey.Type.DURATION, Duration.ofSeconds(30), "A connection without traffic for this long is closed.").positive();
    public static final ConfigKey<Integer> MAX_METERS = ConfigKey.<Integer>optional("http.limits.max_meters",
            ConfigKey.Type.INT, 5000, "Most meters in the metrics registry; further meters are dropped (logged once).")
            .atLeast(100);

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(ENABLED, BIND, PORT, USERNAME, PASSWORD, TOKEN, ANONYMOUS_READS, ANONYMOUS_WRITES,
                TLS_KEYSTORE, TLS_PASSWORD, MAX_BODY, MAX_HEADER, BODY_TIMEOUT, THREADS, IDLE_TIMEOUT, MAX_METERS);
    }
}
