package io.xsync.runtime.schema;

import java.nio.file.Path;

/**
 * Reads every {@code .xproto} file of a models directory into one {@link Schema}, adding the base
 * fields to every model. Errors are {@link XprotoException}s naming file, line and column.
 */
public final class XprotoLoader {
    private XprotoLoader() {
    }

    /** Parses all {@code *.xproto} files under {@code modelsDir} (sorted by name). */
    public static Schema load(Path modelsDir) {
        throw new UnsupportedOperationException("TODO: xproto parser");
    }
}
