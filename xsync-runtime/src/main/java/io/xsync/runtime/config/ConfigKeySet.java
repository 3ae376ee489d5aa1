package io.xsync.runtime.config;

import java.util.List;

/**
 * The configuration keys a module owns, found with the {@code ServiceLoader}: a module lists
 * its implementation in {@code META-INF/services/io.xsync.runtime.config.ConfigKeySet}, as engines
 * list their {@code EngineProvider}. The keys are checked when a config file is read and listed in
 * {@code docs/configuration.md}.
 */
public interface ConfigKeySet {

    /** The keys, in the order the docs list them. */
    List<ConfigKey<?>> keys();
}
