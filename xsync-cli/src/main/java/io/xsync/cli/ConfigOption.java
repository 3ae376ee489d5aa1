package io.xsync.cli;

import io.xsync.runtime.config.ConfigException;
import io.xsync.runtime.config.ConfigOverrides;
import io.xsync.runtime.config.XsyncConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The {@code --config FILE} and {@code --set key=value} options shared by the commands that read a
 * synchronizer config. Without {@code --config} the file is {@code $XSYNC_CONFIG}, else
 * {@code ./config.yaml}. {@code XSYNC_<KEY>} environment variables and {@code --set} override the
 * file's keys (see {@link ConfigOverrides}).
 */
final class ConfigOption {
    /** Environment variable naming the config file when {@code --config} is not given. */
    static final String CONFIG_ENV = "XSYNC_CONFIG";
    static final String DEFAULT_FILE = "config.yaml";

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "The synchronizer's YAML config file (default: $XSYNC_CONFIG, else ./config.yaml).")
    Path file;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Overrides a config key, e.g. --set http.port=8282 (repeatable; wins over XSYNC_<KEY>).")
    List<String> sets = new ArrayList<>();

    /** Loads and validates the file with the environment's and the command line's overrides. */
    XsyncConfig load() {
        return load(System.getenv());
    }

    /** As {@link #load()}, with a given environment (tests). */
    XsyncConfig load(Map<String, String> env) {
        return XsyncConfig.load(resolve(env), ConfigOverrides.of(env, sets));
    }

    /** The config file: {@code --config}, else {@code $XSYNC_CONFIG}, else {@code ./config.yaml} if present. */
    Path resolve(Map<String, String> env) {
        if (file != null) {
            return file;
        }
        String fromEnv = env.get(CONFIG_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        Path local = Path.of(DEFAULT_FILE);
        if (Files.isRegularFile(local)) {
            return local;
        }
        throw new ConfigException("no config file: pass --config FILE, set " + CONFIG_ENV
                + ", or run where " + DEFAULT_FILE + " is");
    }
}
