package io.xsync.runtime.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the xproto fixtures and writes ad-hoc ones for error tests. */
final class Fixtures {
    private Fixtures() {
    }

    /** A directory under {@code src/test/resources/xproto}. */
    static Path xproto(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/xproto/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@code text} as {@code dir/name}; returns the file. */
    static Path write(Path dir, String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
