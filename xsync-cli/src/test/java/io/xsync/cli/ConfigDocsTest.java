package io.xsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsync.runtime.config.ConfigDocs;
import io.xsync.runtime.config.ConfigKey;
import io.xsync.runtime.config.ConfigKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/configuration.md} equal to what {@link ConfigDocs} renders from the keys of
 * every module (this module's class path holds them all: runtime, HTTP and event engine). Run with {@code -Dxsync.docs.write=true} to rewrite the file; the test then
 * still fails when the file it replaced was stale, so a regeneration is never mistaken for a pass.
 */
class ConfigDocsTest {
    private static final Path DOC = Path.of("..", "docs", "configuration.md");

    @Test
    void docsListEveryKeyWithItsDefault() throws IOException {
        assertThat(ConfigKeys.all()).extracting(ConfigKey::path)
                .as("keys contributed by xsync-http and xsync-kafka").contains("http.port", "events.batch_size");
        String expected = ConfigDocs.markdown();
        for (ConfigKey<?> key : ConfigKeys.all()) {
            assertThat(expected).contains("| `" + key.path() + "` |");
        }
        String committed = Files.exists(DOC) ? Files.readString(DOC) : "";
        boolean write = Boolean.getBoolean("xsync.docs.write");
        if (write && !committed.equals(expected)) {
            Files.createDirectories(DOC.getParent());
            Files.writeString(DOC, expected);
        }
        assertThat(committed)
                .as(write ? "docs/configuration.md was stale and has been rewritten; review and commit it"
                        : "docs/configuration.md is stale; regenerate it with -Dxsync.docs.write=true (see its header)")
                .isEqualTo(expected);
    }
}
