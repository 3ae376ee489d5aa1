package io.xsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsync.runtime.config.ConfigException;
import io.xsync.runtime.config.XsyncConfig;
import io.xsync.runtime.fuzz.Mutator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property test: random mutations of a valid config file (the hello example's, with keys of every
 * module) either load or fail with a {@link ConfigException} whose message starts with the
 * position (never another exception, never a hang). The seed is printed; rerun one with
 * {@code -Dxsync.fuzz.seed=N}.
 */
class ConfigFuzzTest {
    private static final int CASES = 3000;
    private static final Pattern CONFIG_POSITION = Pattern.compile("^\\S*config\\.yaml(:\\d+){0,2}: .*", Pattern.DOTALL);
    private static final List<String> YAML_FRAGMENTS = List.of(": ", "\n", "  ", "- ", "{", "}", "[", "]", ",",
            "&a ", "*a", "!!binary ", "!!python/object ", "? ", "|", ">", "'", "\"", "#", "---\n", "...\n",
            "name: x\n", "http:\n", "  port: ", "99999999999", "true", "null", "~", "1s", "-5", "@", "<<: *a\n",
            "events:\n  retry:\n    base: ", "logging:\n  loggers: ", "steps:\n  S: ", "\t");

    @TempDir
    Path dir;

    @Test
    void mutatedConfigLoadsOrFailsWithAPositionedConfigException() throws Exception {
        long seed = Mutator.seed("ConfigFuzzTest");
        Path example = Path.of("..", "examples", "hello", "config.yaml");
        String valid = Files.readString(example) + "events:\n  retry:\n    base: 250ms\n    attempts: 3\n"
                + "sync:\n  threads: 2\n  backoff_cap: 8h\nrequired_models: [MyModel]\n";
        Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/http-password"), "pw\n");
        Path file = dir.resolve("config.yaml");
        XsyncConfig.parse(valid, file);
        Mutator mutator = new Mutator(seed, YAML_FRAGMENTS);
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < CASES && wrong.size() < 5; i++) {
            String text = mutator.mutate(valid);
            try {
                XsyncConfig.parse(text, file);
            } catch (ConfigException e) {
                String message = e.getMessage().substring(dir.toString().length() + 1);
                if (!CONFIG_POSITION.matcher(message).matches()) {
                    wrong.add("case " + i + ": message without position: " + e.getMessage());
                }
            } catch (RuntimeException | StackOverflowError e) {
                wrong.add("case " + i + ": " + e + " at " + e.getStackTrace()[0]);
            }
        }
        assertThat(wrong).as("seed %d", seed).isEmpty();
    }
}
