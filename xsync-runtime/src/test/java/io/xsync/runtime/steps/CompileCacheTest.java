package io.xsync.runtime.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompileCacheTest {

    @Test
    void theSameSourcesCompileOnceAndAChangedSourceCompilesAgain(@TempDir Path dir) throws IOException {
        Path source = dir.resolve("Helper.java");
        Files.writeString(source, "public class Helper { public static int n() { return 1; } }\n");
        SourceCompiler.Output first = CompileCache.compile(List.of(source), List.of(), Map.of());
        SourceCompiler.Output again = CompileCache.compile(List.of(source), List.of(), Map.of());
        assertThat(again).isSameAs(first);

        Files.writeString(source, "public class Helper { public static int n() { return 2; } }\n");
        SourceCompiler.Output changed = CompileCache.compile(List.of(source), List.of(), Map.of());
        assertThat(changed).isNotSameAs(first);
        assertThat(changed.classes().get("Helper")).isNotEqualTo(first.classes().get("Helper"));
    }
}
