package io.xsync.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XsyncConfigTest {
    private static final String MINIMAL = "name: hello\nmodels_dir: models\n";

    @TempDir
    Path dir;

    private XsyncConfig parse(String yaml) {
        return XsyncConfig.parse(yaml, dir.resolve("config.yaml"));
    }

    private XsyncConfig write(String yaml) throws IOException {
        Path f = dir.resolve("config.yaml");
        Files.writeString(f, yaml);
        return XsyncConfig.load(f);
    }

    @Test
    void minimalConfigGivesDefaults() {
        XsyncConfig c = parse(MINIMAL);
        assertThat(c.get(ConfigKeys.NAME)).isEqualTo("hello");
        assertThat(c.get(ConfigKeys.STORE_POOL_SIZE)).isEqualTo(10);
        assertThat(c.get(ConfigKeys.SYNC_BACKOFF_CAP)).isEqualTo(Duration.ofHours(8));
        assertThat(c.get(ConfigKeys.REQUIRED_MODELS)).isEmpty();
        assertThat(c.isSet(ConfigKeys.STORE_POOL_SIZE)).isFalse();
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void nestedKeysAndTypesAreRead() {
        XsyncConfig c = parse(MINIMAL + "event_bus:\n  kind: kafka\n  endpoint: embedded\n"
                + "  properties: {linger.ms: 5}\nstore:\n  pool_size: 9000\n  user: sa\n"
                + "required_models: [MyModel, Other]\nsteps:\n  MyStep: {url: http://x, retries: 3}\n");
        assertThat(c.get(ConfigKeys.EVENT_BUS_ENDPOINT)).isEqualTo("embedded");
        assertThat(c.get(ConfigKeys.EVENT_BUS_PROPERTIES)).containsEntry("linger.ms", 5);
        assertThat(c.get(ConfigKeys.STORE_POOL_SIZE)).isEqualTo(9000);
        assertThat(c.get(ConfigKeys.STORE_USER)).isEqualTo("sa");
        assertThat(c.get(ConfigKeys.REQUIRED_MODELS)).containsExactly("MyModel", "Other");
        assertThat(c.stepSettings("MyStep")).containsEntry("url", "http://x").containsEntry("retries", 3);
        assertThat(c.stepSettings("Other")).isEmpty();
        assertThat(c.where(ConfigKeys.STORE_POOL_SIZE)).endsWith("config.yaml:8");
    }

    @Test
    void durationsAcceptUnitsAndSeconds() {
        XsyncConfig c = parse(MINIMAL + "sync:\n  backoff_base: 250ms\n  claim_lease: 10m\n"
                + "  backoff_cap: 8h\n  safety_interval: 5s\n  reap_interval: 90\nshutdown_timeout: 1.5\n");
        assertThat(c.get(ConfigKeys.SYNC_BACKOFF_BASE)).isEqualTo(Duration.ofMillis(250));
        assertThat(c.get(ConfigKeys.SYNC_CLAIM_LEASE)).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.get(ConfigKeys.SYNC_BACKOFF_CAP)).isEqualTo(Duration.ofHours(8));
        assertThat(c.get(ConfigKeys.SYNC_SAFETY_INTERVAL)).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.get(ConfigKeys.SYNC_REAP_INTERVAL)).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.get(ConfigKeys.SHUTDOWN_TIMEOUT)).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void unknownKeyNamesLineAndSuggests() {
        assertThatThrownBy(() -> parse(MINIMAL + "event_bus:\n  kind: kafka\n  endpiont: localhost:9092\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(dir.resolve("config.yaml") + ":5: unknown key 'event_bus.endpiont' "
                        + "(did you mean 'event_bus.endpoint'?)");
    }

    @Test
    void unknownKeyFarFromAnyHasNoSuggestion() {
        assertThatThrownBy(() -> parse(MINIMAL + "\n\ncompletely_different: 1\n"))
                .hasMessageEndingWith("config.yaml:5: unknown key 'completely_different'");
    }

    @Test
    void wrongTypeNamesKeyLineAndExpectedType() {
        assertThatThrownBy(() -> parse(MINIMAL + "store:\n  pool_size: eighty\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("config.yaml:4: key 'store.pool_size' must be an integer, got 'eighty'");
        assertThatThrownBy(() -> parse(MINIMAL + "backoff_disabled: 3\n"))
                .hasMessageEndingWith("config.yaml:3: key 'backoff_disabled' must be true or false, got number 3");
        assertThatThrownBy(() -> parse(MINIMAL + "required_models: MyModel\n"))
                .hasMessageEndingWith("config.yaml:3: key 'required_models' must be a list of strings, got 'MyModel'");
        assertThatThrownBy(() -> parse(MINIMAL + "shutdown_timeout: soon\n"))
                .hasMessageContaining("config.yaml:3: key 'shutdown_timeout' must be a duration");
        assertThatThrownBy(() -> parse(MINIMAL + "event_bus: localhost\n"))
                .hasMessageEndingWith("config.yaml:3: key 'event_bus' must be a mapping, got 'localhost'");
        assertThatThrownBy(() -> parse(MINIMAL + "logging:\n  format: xml\n"))
                .hasMessageEndingWith("config.yaml:4: key 'logging.format' must be one of text, json, got 'xml'");
    }

    @Test
    void missingRequiredKeyIsAnError() {
        assertThatThrownBy(() -> parse("name: hello\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("missing required key 'models_dir'");
    }

    @Test
    void yamlSyntaxErrorNamesLine() {
        assertThatThrownBy(() -> parse(MINIMAL + "store:\n  pool_size: [1, 2\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("config.yaml:")
                .hasMessageContaining("invalid YAML");
    }

    @Test
    void yamlSyntaxErrorIsOneLineWithLineColumnAndContext() {
        assertThatThrownBy(() -> parse("name: x\nmodels_dir: [a\n  b: c\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("config.yaml:3:4: invalid YAML: expected ',' or ']', but got :"
                        + " (while parsing a flow sequence at line 2, column 13)");
    }

    @Test
    void duplicateKeyIsAnError() {
        assertThatThrownBy(() -> parse(MINIMAL + "name: again\n"))
                .hasMessageEndingWith("config.yaml:3: duplicate key 'name' (first set on line 1)");
    }

    @Test
    void secretFromFileIsReadTrimmedRelativeToConfigDir() throws IOException {
        Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/pw"), "  s3cret\n");
        XsyncConfig c = write(MINIMAL + "store:\n  user: admin\n  password: '@secrets/pw'\n");
        assertThat(c.get(ConfigKeys.STORE_PASSWORD)).isEqualTo("s3cret");
        assertThat(c.get(ConfigKeys.STORE_USER)).isEqualTo("admin");
    }

    @Test
    void secretFromAbsolutePath() throws IOException {
        Path pw = Files.writeString(dir.resolve("abs-pw"), "abc\n");
        XsyncConfig c = parse(MINIMAL + "store:\n  password: '@" + pw.toAbsolutePath() + "'\n");
        assertThat(c.get(ConfigKeys.STORE_PASSWORD)).isEqualTo("abc");
    }

    @Test
    void missingSecretFileIsAnError() {
        assertThatThrownBy(() -> parse(MINIMAL + "store:\n  password: '@nope'\n"))
                .hasMessageContaining("config.yaml:4: key 'store.password': secret file")
                .hasMessageContaining("does not exist");
    }

    @Test
    void emptySecretFileIsAnErrorNotAnEmptyPassword() throws IOException {
        Files.writeString(dir.resolve("pw"), " \n");
        assertThatThrownBy(() -> parse(MINIMAL + "store:\n  user: admin\n  password: '@pw'\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("config.yaml:5: key 'store.password': secret file")
                .hasMessageEndingWith("is empty");
    }

    @Test
    void hugeSecretFileIsRefusedWithoutLoadingIt() throws IOException {
        Files.write(dir.resolve("big"), new byte[ConfigValues.MAX_SECRET_BYTES + 1]);
        assertThatThrownBy(() -> parse(MINIMAL + "store:\n  password: '@big'\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("key 'store.password': secret file")
                .hasMessageContaining("is larger than 65536 bytes");
    }

    @Test
    void endlessSecretFileIsRefused() {
        Path zero = Path.of("/dev/zero");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(zero), "needs /dev/zero");
        assertThatThrownBy(() -> parse(MINIMAL + "store:\n  password: '@/dev/zero'\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("secret file /dev/zero is larger than 65536 bytes");
    }

    @Test
    void nameMustBeALegalKafkaTopicName() {
        assertThatThrownBy(() -> parse("models_dir: models\nname: \"hello; touch x\"\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("config.yaml:2: key 'name' must be a legal Kafka topic and group name")
                .hasMessageContaining("got 'hello; touch x'");
        assertThatThrownBy(() -> parse("models_dir: models\nname: " + "n".repeat(201) + "\n"))
                .hasMessageContaining("key 'name' must be a legal Kafka topic");
        assertThat(parse("models_dir: models\nname: my_sync-2.prod\n").get(ConfigKeys.NAME)).isEqualTo("my_sync-2.prod");
    }

    @Test
    void relativePathsResolveAgainstConfigDirectory() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("sub"));
        XsyncConfig c = XsyncConfig.parse(MINIMAL + "event_steps_dir: ./event_steps\ndependency_graph: /abs/deps.json\n",
                sub.resolve("config.yaml"));
        assertThat(c.path(ConfigKeys.MODELS_DIR)).isEqualTo(sub.resolve("models").toAbsolutePath());
        assertThat(c.path(ConfigKeys.EVENT_STEPS_DIR)).isEqualTo(sub.resolve("event_steps").toAbsolutePath());
        assertThat(c.path(ConfigKeys.DEPENDENCY_GRAPH)).isEqualTo(Path.of("/abs/deps.json"));
        assertThat(c.path(ConfigKeys.DATA_DIR)).isEqualTo(sub.resolve("data").toAbsolutePath());
        assertThat(c.path(ConfigKeys.STEPS_DIR)).isNull();
    }

    @Test
    void xosKeysAreAcceptedWithOneWarningEach() {
        XsyncConfig c = parse(MINIMAL
                + "core_version: 2.0\n"
                + "accessor:\n  username: admin@opencord.org\n  password: letmein\n  endpoint: xos-core:50051\n"
                + "logging:\n  version: 1\n  handlers:\n    console: {class: logging.StreamHandler}\n"
                + "  loggers:\n    'multistructlog': {handlers: [console], level: DEBUG}\n    io.xsync: DEBUG\n"
                + "  level: WARN\n");
        assertThat(c.warnings()).hasSize(5);
        assertThat(c.warnings().get(0)).endsWith("config.yaml:3: key 'core_version' is an XOS setting that xsync "
                + "does not use; ignored");
        assertThat(c.warnings().get(1)).contains("config.yaml:4: key 'accessor'");
        assertThat(c.warnings()).anyMatch(w -> w.contains(":9: key 'logging.version'"));
        assertThat(c.warnings()).anyMatch(w -> w.contains(":10: key 'logging.handlers'"));
        assertThat(c.warnings()).anyMatch(w -> w.contains(":13: logger 'multistructlog'"));
        assertThat(c.get(ConfigKeys.LOGGING_LOGGERS)).isEqualTo(Map.of("io.xsync", "DEBUG"));
        assertThat(c.get(ConfigKeys.LOGGING_LEVEL)).isEqualTo("WARN");
    }

    @Test
    void anXosSynchronizerConfigLoads() {
        XsyncConfig c = parse("name: fabric-crossconnect\n"
                + "accessor:\n  username: xosadmin@opencord.org\n"
                + "  password: \"@/opt/xos/services/fabric-crossconnect/credentials/xosadmin@opencord.org\"\n"
                + "  kind: grpcapi\n  endpoint: xos-core:50051\n"
                + "event_bus:\n  endpoint: cord-kafka\n  kind: kafka\n"
                + "required_models:\n  - FabricCrossconnectService\n"
                + "dependency_graph: \"/opt/xos/synchronizers/fabric-crossconnect/model-deps\"\n"
                + "steps_dir: \"/opt/xos/synchronizers/fabric-crossconnect/steps\"\n"
                + "sys_dir: \"/opt/xos/synchronizers/fabric-crossconnect/sys\"\n"
                + "model_policies_dir: \"/opt/xos/synchronizers/fabric-crossconnect/model_policies\"\n"
                + "models_dir: \"/opt/xos/synchronizers/fabric-crossconnect/models\"\n"
                + "logging:\n  version: 1\n  handlers:\n    console:\n      class: logging.StreamHandler\n"
                + "    file:\n      class: logging.handlers.RotatingFileHandler\n      filename: /var/log/xos.log\n"
                + "  loggers:\n    'multistructlog':\n      handlers:\n          - console\n          - file\n"
                + "      level: DEBUG\n");
        assertThat(c.get(ConfigKeys.EVENT_BUS_ENDPOINT)).isEqualTo("cord-kafka");
        assertThat(c.get(ConfigKeys.REQUIRED_MODELS)).containsExactly("FabricCrossconnectService");
        assertThat(c.path(ConfigKeys.STEPS_DIR)).isEqualTo(Path.of("/opt/xos/synchronizers/fabric-crossconnect/steps"));
        assertThat(c.warnings()).hasSize(5); // accessor, sys_dir, logging.version, logging.handlers, multistructlog
        assertThat(c.get(ConfigKeys.LOGGING_LOGGERS)).isEmpty();
    }

    @Test
    void badLoggerLevelIsAnError() {
        assertThatThrownBy(() -> parse(MINIMAL + "logging:\n  loggers:\n    io.xsync: LOUD\n"))
                .hasMessageEndingWith("config.yaml:5: key 'logging.loggers.io.xsync' must be one of "
                        + "TRACE, DEBUG, INFO, WARN, ERROR, OFF, got 'LOUD'");
    }

    @Test
    void missingFileIsAnError() {
        assertThatThrownBy(() -> XsyncConfig.load(dir.resolve("none.yaml")))
                .isInstanceOf(ConfigException.class).hasMessageEndingWith("none.yaml: config file does not exist");
    }

    @Test
    void everyKeyHasDocAndUniquePath() {
        List<ConfigKey<?>> all = ConfigKeys.all();
        assertThat(all).hasSizeGreaterThan(25);
        assertThat(all).allSatisfy(k -> assertThat(k.doc()).isNotBlank());
        assertThat(all.stream().map(ConfigKey::path).distinct().count()).isEqualTo(all.size());
    }
}
