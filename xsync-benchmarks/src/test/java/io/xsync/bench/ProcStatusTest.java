package io.xsync.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ProcStatusTest {
    private static final String STATUS = "Name:\tjava\n"
            + "Umask:\t0022\n"
            + "State:\tS (sleeping)\n"
            + "VmPeak:\t 8170828 kB\n"
            + "VmSize:\t 8105292 kB\n"
            + "VmHWM:\t  471232 kB\n"
            + "VmRSS:\t  402100 kB\n"
            + "RssAnon:\t  380000 kB\n"
            + "Threads:\t45\n";

    @Test
    void readsTheFieldAskedForInKb() {
        assertEquals(471232, ProcStatus.kb(STATUS, "VmHWM"));
        assertEquals(402100, ProcStatus.kb(STATUS, "VmRSS"));
    }

    @Test
    void aFieldWhoseNameStartsAnotherDoesNotMatchIt() {
        assertEquals(8170828, ProcStatus.kb(STATUS, "VmPeak"));
        assertEquals(-1, ProcStatus.kb(STATUS, "Vm"));
        assertEquals(-1, ProcStatus.kb(STATUS, "RssFile"));
    }

    @Test
    void aFieldWithoutKbIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ProcStatus.kb(STATUS, "Threads"));
    }

    @Test
    void aMissingProcessGivesMinusOne() {
        assertEquals(-1, ProcStatus.mb(Long.MAX_VALUE, "VmRSS"));
    }
}
