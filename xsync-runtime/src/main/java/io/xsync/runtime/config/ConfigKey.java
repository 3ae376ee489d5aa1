package io.xsync.runtime.config;

/**
 * One documented configuration key.
 *
 * @param path         dotted path in the YAML file, e.g. {@code event_bus.endpoint}
 * @param type         how the value is parsed and validated
 * @param defaultValue the default (already parsed), or null when the key is optional or required
 * @param required     whether the config file must set it
 * @param doc          one-line description for the docs and error messages
 */
public record ConfigKey<T>(String path, Type type, T defaultValue, boolean required, String doc) {

    /** Value types. Durations accept {@code 250ms}, {@code 5s}, {@code 10m}, {@code 8h} or seconds. */
    public enum Type { STRING, INT, BOOL, DURATION, PATH, STRING_LIST, MAP, SECRET }
}
