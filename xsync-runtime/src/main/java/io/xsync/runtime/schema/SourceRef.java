package io.xsync.runtime.schema;

import java.nio.file.Path;

/** Where something was declared: file, line, column (1-based; line 0 means the whole file). */
public record SourceRef(Path file, int line, int column) {
    @Override
    public String toString() {
        String name = file == null ? "<builtin>" : file.toString();
        return line <= 0 ? name : name + ":" + line + ":" + column;
    }
}
