package io.xsync.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MemoryBenchTest {

    @Test
    void noOptionsAreNamedDefault() {
        assertEquals("default", MemoryBench.tag(""));
        assertEquals("default", MemoryBench.tag("  "));
    }

    @Test
    void optionsAreNamedByTheirLettersAndDigits() {
        assertEquals("Xmx256m", MemoryBench.tag("-Xmx256m"));
        assertEquals("XX_UseSerialGC_Xmx1g", MemoryBench.tag(" -XX:+UseSerialGC  -Xmx1g "));
    }
}
