package io.xsync.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/configuration.md} equal to what {@link ConfigDocs} renders from
 * {@link ConfigKeys}. Run with {@code -Dxsync.docs.write=true} to rewrite the file.
 */
class ConfigDocsTest {
    private static final Path DOC = Path.of("..", "docs", "configuration.md");

    @Test
    void docsListEveryKeyWithItsDefault() throws IOException {
        String expected = ConfigDocs.markdown();
        if (Boolean.getBoolean("xsync.docs.write")) {
            Files.createDirectories(DOC.getParent());
            Files.writeString(DOC, expected);
        }
        for (ConfigKey<?> key : ConfigKeys.all()) {
            assertThat(expected).contains("| `" + key.path() + "` |");
        }
        assertThat(Files.readString(DOC))
                .as("docs/configuration.md is stale; regenerate it with -Dxsync.docs.write=true (see its header)")
                .isEqualTo(expected);
    }
}
