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
    private static final String FILE = "name: hello\nmodels_dir: models\nhttp:\n  port: 8181\n";
    private static final Path CONFIG = Path.of("/srv/hello/config.yaml");

    private static XsyncConfig load(Map<String, String> env, String... sets) {
        return XsyncConfig.parse(FILE, CONFIG, ConfigOverrides.of(env, List.of(sets)));
    }

    @Test
    void environmentVariableOverridesTheFileAndSetOverridesTheEnvironment() {
        assertThat(load(Map.of("XSYNC_HTTP_PORT", "9000")).get(ConfigKeys.HTTP_PORT)).isEqualTo(9000);
        assertThat(load(Map.of("XSYNC_HTTP_PORT", "9000"), "http.port=9100").get(ConfigKeys.HTTP_PORT)).isEqualTo(9100);
        assertThat(load(Map.of()).get(ConfigKeys.HTTP_PORT)).isEqualTo(8181);
    }

    @Test
    void setAddsKeysTheFileLacksAndParsesFlowValues() {
        XsyncConfig c = load(Map.of(), "logging.loggers={io.xsync.kafka: DEBUG}", "http.enabled=false",
                "event_bus.endpoint=kafka-1:9092");
        assertThat(c.get(ConfigKeys.LOGGING_LOGGERS)).containsEntry("io.xsync.kafka", "DEBUG");
        assertThat(c.get(ConfigKeys.HTTP_ENABLED)).isFalse();
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
        assertThatThrownBy(() -> load(Map.of("XSYNC_HTTP_PORT", "eighty")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("env XSYNC_HTTP_PORT: ");
        assertThatThrownBy(() -> load(Map.of(), "http.prot=1"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--set http.prot: unknown key 'http.prot' (did you mean 'http.port'?)");
        assertThatThrownBy(() -> load(Map.of(), "http.port"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--set http.port: expected key=value, e.g. --set http.port=8282");
    }

    @Test
    void variablesThatNameNoKeyAreNotOverrides() {
        ConfigOverrides o = ConfigOverrides.of(Map.of("XSYNC_CONFIG", "x.yaml", "XSYNC_JAVA_OPTS", "-Xmx1g"), List.of());
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
