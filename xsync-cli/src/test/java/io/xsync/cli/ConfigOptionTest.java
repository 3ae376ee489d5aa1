package io.xsync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsync.runtime.config.ConfigException;
import io.xsync.runtime.config.ConfigKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigOptionTest {
    @TempDir
    Path dir;

    private Path config() throws Exception {
        Path file = dir.resolve("sync.yaml");
        Files.writeString(file, "name: fromfile\nmodels_dir: models\n");
        return file;
    }

    @Test
    void configFileComesFromXsyncConfigWhenNoOptionIsGiven() throws Exception {
        Path file = config();
        ConfigOption option = new ConfigOption();
        assertThat(option.resolve(Map.of("XSYNC_CONFIG", file.toString()))).isEqualTo(file);
        assertThat(option.load(Map.of("XSYNC_CONFIG", file.toString())).get(ConfigKeys.NAME)).isEqualTo("fromfile");
    }

    @Test
    void theOptionWinsOverTheEnvironment() throws Exception {
        ConfigOption option = new ConfigOption();
        option.file = config();
        assertThat(option.resolve(Map.of("XSYNC_CONFIG", "/nowhere.yaml"))).isEqualTo(option.file);
    }

    @Test
    void withoutAnyConfigTheErrorSaysHowToGiveOne() {
        Path cwdConfig = Path.of(ConfigOption.DEFAULT_FILE);
        assertThat(cwdConfig).as("test precondition: no config.yaml in the working directory").doesNotExist();
        assertThatThrownBy(() -> new ConfigOption().resolve(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("no config file: pass --config FILE, set XSYNC_CONFIG, or run where config.yaml is");
    }

    @Test
    void setAndEnvironmentOverridesReachTheConfig() throws Exception {
        ConfigOption option = new ConfigOption();
        option.file = config();
        option.sets = List.of("name=fromset");
        assertThat(option.load(Map.of("XSYNC_NAME", "fromenv")).get(ConfigKeys.NAME)).isEqualTo("fromset");
        option.sets = List.of();
        assertThat(option.load(Map.of("XSYNC_NAME", "fromenv")).get(ConfigKeys.NAME)).isEqualTo("fromenv");
    }

    @Test
    void validateAcceptsSetOnTheCommandLine() throws Exception {
        Files.createDirectories(dir.resolve("models"));
        Files.writeString(dir.resolve("models/m.xproto"), "message M { optional string a = 1; }\n");
        CliRun run = CliRun.of("validate", "--config", config().toString(), "--set", "name=overridden");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("synchronizer: overridden");
    }
}
