package io.xsync.cli;

import io.xsync.runtime.config.XsyncConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --config FILE} option shared by the commands that read a synchronizer config. */
final class ConfigOption {

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "The synchronizer's YAML config file.")
    Path file;

    /** Loads and validates the file. */
    XsyncConfig load() {
        return XsyncConfig.load(file);
    }
}
