package io.xsync.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryBenchTest {

    @Test
    void noOptionsAreNamedNone() {
        assertEquals("none", MemoryBench.tag(""));
        assertEquals("none", MemoryBench.tag("  "));
    }

    @Test
    void defaultMeansTheLauncherHeapAndNoneMeansNothing() {
        assertEquals(MemoryBench.LAUNCHER_HEAP_OPTS, MemoryBench.childOptions(" default "));
        assertEquals("", MemoryBench.childOptions("none"));
        assertEquals("-Xmx256m", MemoryBench.childOptions("-Xmx256m"));
    }

    @Test
    void launchersStartWithTheHeapTheBenchmarkMeasures() throws IOException {
        String expected = "${XSYNC_HEAP_OPTS:-" + MemoryBench.LAUNCHER_HEAP_OPTS + "} ${XSYNC_JAVA_OPTS:-}";
        for (String launcher : List.of("../bin/xsync", "../xsync-dist/src/dist/bin/xsync")) {
            assertTrue(Files.readString(Path.of(launcher)).contains(expected), launcher + " lacks " + expected);
        }
    }

    @Test
    void optionsAreNamedByTheirLettersAndDigits() {
        assertEquals("Xmx256m", MemoryBench.tag("-Xmx256m"));
        assertEquals("XX_UseSerialGC_Xmx1g", MemoryBench.tag(" -XX:+UseSerialGC  -Xmx1g "));
    }
}
