package io.xsync.runtime.config;

import java.nio.file.Path;

/**
 * A loaded, validated configuration. Values are read through {@link ConfigKeys}; paths come back
 * resolved against the config file's directory.
 */
public final class XsyncConfig {

    /** Loads and validates a YAML config file; {@link ConfigException} names key and line. */
    public static XsyncConfig load(Path file) {
        throw new UnsupportedOperationException("TODO: config loader");
    }

    /** The value of a key, or its default. */
    public <T> T get(ConfigKey<T> key) {
        throw new UnsupportedOperationException("TODO: config loader");
    }

    /** A PATH key resolved against the config file's directory, or null when unset. */
    public Path path(ConfigKey<String> key) {
        throw new UnsupportedOperationException("TODO: config loader");
    }
}
