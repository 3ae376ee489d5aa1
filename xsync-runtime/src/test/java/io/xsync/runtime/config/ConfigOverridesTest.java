package io.xsync.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigOverridesTest {
    private static final String FILE = "name: hello\nmodels_dir: models\nstore:\n  pool_size: 8\n";
    private static final Path CONFIG = Path.of("/srv/hello/config.yaml");

    private static XsyncConfig load(Map<String, String> env, String... sets) {
        return XsyncConfig.parse(FILE, CONFIG, ConfigOverrides.of(env, List.of(sets)));
    }

    @Test
    void environmentVariableOverridesTheFileAndSetOverridesTheEnvironment() {
        assertThat(load(Map.of("XSYNC_STORE_POOL_SIZE", "9")).get(ConfigKeys.STORE_POOL_SIZE)).isEqualTo(9);
        assertThat(load(Map.of("XSYNC_STORE_POOL_SIZE", "9"), "store.pool_size=12").get(ConfigKeys.STORE_POOL_SIZE))
                .isEqualTo(12);
        assertThat(load(Map.of()).get(ConfigKeys.STORE_POOL_SIZE)).isEqualTo(8);
    }

    @Test
    void setAddsKeysTheFileLacksAndParsesFlowValues() {
        XsyncConfig c = load(Map.of(), "logging.loggers={io.xsync.kafka: DEBUG}", "backoff_disabled=true",
                "event_bus.endpoint=kafka-1:9092");
        assertThat(c.get(ConfigKeys.LOGGING_LOGGERS)).containsEntry("io.xsync.kafka", "DEBUG");
        assertThat(c.get(ConfigKeys.BACKOFF_DISABLED)).isTrue();
        assertThat(c.get(ConfigKeys.EVENT_BUS_ENDPOINT)).isEqualTo("kafka-1:9092");
        assertThat(c.where(ConfigKeys.EVENT_BUS_ENDPOINT)).isEqualTo("--set event_bus.endpoint");
    }

    @Test
    void relativePathsResolveAgainstTheConfigDirectory() {
        assertThat(load(Map.of("XSYNC_DATA_DIR", "state")).path(ConfigKeys.DATA_DIR))
                .isEqualTo(Path.of("/srv/hello/state"));
    }

    @Test
    void errorsNameTheOverrideInsteadOfALine() {
        assertThatThrownBy(() -> load(Map.of("XSYNC_STORE_POOL_SIZE", "eighty")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("env XSYNC_STORE_POOL_SIZE: ");
        assertThatThrownBy(() -> load(Map.of(), "store.pool_sise=1"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--set store.pool_sise: unknown key 'store.pool_sise' (did you mean 'store.pool_size'?)");
        assertThatThrownBy(() -> load(Map.of(), "http.port"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--set http.port: expected key=value, e.g. --set http.port=8282");
    }

    @Test
    void variablesThatNameNoKeyAreNotOverrides() {
        ConfigOverrides o = ConfigOverrides.of(Map.of("XSYNC_CONFIG", "x.yaml", "XSYNC_JAVA_OPTS", "-Xms64m", "XSYNC_HEAP_OPTS", "-Xmx1g"), List.of());
        assertThat(o.list()).isEmpty();
    }

    @Test
    void everyKeyHasItsOwnEnvironmentVariable() {
        Set<String> names = new HashSet<>();
        for (ConfigKey<?> key : ConfigKeys.all()) {
            assertThat(names.add(ConfigOverrides.envName(key))).as("env name of %s is unique", key.path()).isTrue();
        }
        assertThat(names).doesNotContain("XSYNC_CONFIG");
    }
}
