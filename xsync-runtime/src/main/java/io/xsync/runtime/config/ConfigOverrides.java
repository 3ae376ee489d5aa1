package io.xsync.runtime.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Values that replace or add to a config file's keys, without editing the file: environment
 * variables {@code XSYNC_<KEY>} (the key's dotted path upper-cased, dots as underscores, e.g.
 * {@code XSYNC_HTTP_PORT} for {@code http.port}), then {@code --set key=value} options, which win.
 *
 * <p>A value is read as a YAML flow value ({@code 8282}, {@code true}, {@code {io.xsync: DEBUG}}),
 * falling back to plain text; relative paths resolve against the config file's directory, as in
 * the file. Overridden keys are validated exactly like the file's, and errors name their origin
 * ({@code --set http.port} or {@code env XSYNC_HTTP_PORT}) instead of a line.
 */
public final class ConfigOverrides {
    /** Prefix of the environment variables that override keys. */
    public static final String ENV_PREFIX = "XSYNC_";

    /** One overriding value and where it came from. */
    public record Override(String path, String value, String origin) {
    }

    private static final ConfigOverrides NONE = new ConfigOverrides(List.of());

    private final List<Override> overrides;

    private ConfigOverrides(List<Override> overrides) {
        this.overrides = List.copyOf(overrides);
    }

    /** No overrides. */
    public static ConfigOverrides none() {
        return NONE;
    }

    /**
     * Overrides from the environment (only variables named after a declared key count; others,
     * such as {@code XSYNC_CONFIG}, are not keys) and from {@code key=value} strings, in that order.
     *
     * @throws ConfigException for a {@code --set} value without {@code =} or with an empty key
     */
    public static ConfigOverrides of(Map<String, String> env, List<String> sets) {
        List<Override> list = new ArrayList<>();
        for (ConfigKey<?> key : ConfigKeys.all()) {
            String value = env.get(envName(key));
            if (value != null) {
                list.add(new Override(key.path(), value, "env " + envName(key)));
            }
        }
        for (String set : sets) {
            int eq = set.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException("--set " + set + ": expected key=value, e.g. --set http.port=8282");
            }
            String path = set.substring(0, eq).strip();
            list.add(new Override(path, set.substring(eq + 1), "--set " + path));
        }
        return new ConfigOverrides(list);
    }

    /** The environment variable that overrides {@code key}. */
    public static String envName(ConfigKey<?> key) {
        return ENV_PREFIX + key.path().toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /** The overrides, in the order they apply (later wins). */
    public List<Override> list() {
        return overrides;
    }
}
