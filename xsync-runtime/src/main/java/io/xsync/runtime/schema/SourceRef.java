package io.xsync.runtime.schema;

import java.nio.file.Path;

/** Where something was declared: file, line, column (1-based). */
public record SourceRef(Path file, int line, int column) {
    @Override
    public String toString() {
        return (file == null ? "<builtin>" : file.toString()) + ":" + line + ":" + column;
    }
}
