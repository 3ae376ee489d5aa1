package io.xsync.runtime.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One documented configuration key, with everything that checks its value: the type, the allowed
 * values and a rule (a range or a pattern). Each module declares its own keys (see
 * {@link ConfigKeySet}); {@link ConfigKeys#all()} gathers them.
 *
 * @param path         dotted path in the YAML file, e.g. {@code event_bus.endpoint}
 * @param type         how the value is parsed and validated
 * @param defaultValue the default (already parsed), or null when the key is optional or required
 * @param required     whether the config file must set it
 * @param doc          one-line description for the docs and error messages
 * @param choices      the allowed values (empty: any value of the type)
 * @param rule         a further check of the parsed value, or null
 */
public record ConfigKey<T>(String path, Type type, T defaultValue, boolean required, String doc,
                           List<String> choices, Rule rule) {

    /** Value types. Durations accept {@code 250ms}, {@code 5s}, {@code 10m}, {@code 8h} or seconds. */
    public enum Type { STRING, INT, BOOL, DURATION, PATH, STRING_LIST, MAP, SECRET }

    /**
     * A check of a parsed value.
     *
     * @param test    true when the value is acceptable
     * @param wording what the value must be, completing "key 'k' must be ..."
     */
    public record Rule(Predicate<Object> test, String wording) {
    }

    public ConfigKey {
        choices = List.copyOf(choices);
    }

    /** A key without allowed values or rule. */
    public ConfigKey(String path, Type type, T defaultValue, boolean required, String doc) {
        this(path, type, defaultValue, required, doc, List.of(), null);
    }

    /** A key the config file must set. */
    public static <T> ConfigKey<T> required(String path, Type type, String doc) {
        return new ConfigKey<>(path, type, null, true, doc);
    }

    /** A key with a default ({@code null}: unset unless the file sets it). */
    public static <T> ConfigKey<T> optional(String path, Type type, T defaultValue, String doc) {
        return new ConfigKey<>(path, type, defaultValue, false, doc);
    }

    /** This key, taking only one of {@code allowed}. */
    public ConfigKey<T> oneOf(String... allowed) {
        return new ConfigKey<>(path, type, defaultValue, required, doc, Arrays.asList(allowed), rule);
    }

    /** This key, whose text must match {@code pattern}; {@code wording} says what that means. */
    public ConfigKey<T> matching(Pattern pattern, String wording) {
        return withRule(new Rule(v -> pattern.matcher(v.toString()).matches(), wording));
    }

    /** This integer key, at least {@code min}. */
    public ConfigKey<T> atLeast(int min) {
        return withRule(new Rule(v -> ((Integer) v) >= min, "at least " + min));
    }

    /** This duration key, longer than zero. */
    public ConfigKey<T> positive() {
        return withRule(new Rule(v -> !((Duration) v).isNegative() && !((Duration) v).isZero(), "positive"));
    }

    private ConfigKey<T> withRule(Rule r) {
        return new ConfigKey<>(path, type, defaultValue, required, doc, choices, r);
    }

    /**
     * Checks a parsed value against the allowed values and the rule.
     *
     * @param where {@code file:line} (or {@code --set key}) for the message
     * @throws ConfigException naming the key and {@code where}
     */
    public void check(Object value, String where) {
        if (value == null) {
            return;
        }
        if (!choices.isEmpty() && !choices.contains(String.valueOf(value))) {
            throw new ConfigException(where + ": key '" + path + "' must be one of " + String.join(", ", choices)
                    + ", got '" + value + "'");
        }
        if (rule != null && !rule.test().test(value)) {
            String got = value instanceof String ? "'" + value + "'" : String.valueOf(value);
            throw new ConfigException(where + ": key '" + path + "' must be " + rule.wording() + ", got " + got);
        }
    }
}
