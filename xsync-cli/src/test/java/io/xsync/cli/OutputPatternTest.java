package io.xsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OutputPatternTest {

    @Test
    void idsAndTextMustBeExactWhileColumnPaddingMayDiffer() {
        OutputPattern shown = OutputPattern.ofLines(List.of("id  first_name", "3   John"));
        assertThat(shown.matchesAll("id first_name\n3 John\n")).isTrue();
        assertThat(shown.matchesAll("id  first_name\n5   John\n")).isFalse();
        assertThat(shown.matchesAll("id  first_name\n3   John\n4   Jane\n")).as("an extra line").isFalse();
        assertThat(shown.matchesAll("id  first_name\n")).as("a missing line").isFalse();
    }

    @Test
    void aLineOfDotsStandsForAnyNumberOfLines() {
        OutputPattern shown = OutputPattern.ofLines(List.of("id  3", "...", "last_name  Fail"));
        assertThat(shown.matchesAll("id 3\nlast_name Fail")).isTrue();
        assertThat(shown.matchesAll("id 3\na 1\nb 2\nlast_name Fail")).isTrue();
        assertThat(shown.matchesAll("id 4\na 1\nlast_name Fail")).isFalse();
    }

    @Test
    void dotsWithinALineStandForAnyTextOnThatLine() {
        OutputPattern shown = OutputPattern.ofLines(List.of("{\"id\":1,\"created\":\"2026-...Z\",...,\"last_name\":\"Lovelace\"}"));
        assertThat(shown.matchesAll("{\"id\":1,\"created\":\"2026-12-02T00:51:21.955751Z\",\"x\":null,"
                + "\"last_name\":\"Lovelace\"}")).isTrue();
        assertThat(shown.matchesAll("{\"id\":2,\"created\":\"2026-12-02T00:51:21Z\",\"last_name\":\"Lovelace\"}"))
                .isFalse();
    }

    @Test
    void namesListedInColumnsMatchNamesListedOnePerLine() {
        OutputPattern shown = OutputPattern.ofLines(List.of("MyModel-1.json  MyModel-5.json"));
        assertThat(shown.matchesAll("MyModel-1.json\nMyModel-5.json\n")).isTrue();
        assertThat(shown.matchesAll("MyModel-1.json\n")).isFalse();
    }

    @Test
    void aLogLineIsFoundWithinALineOfTheLog() {
        OutputPattern shown = OutputPattern.ofLogLine("WARN ... syncRecord of MyModel id 3 by MyModelSyncStep failed: ...");
        String log = "2026-12-02 00:52:25.451 WARN  [xsync-sync-1] i.x.r.sync.CohortRunner [sync=hello] - "
                + "syncRecord of MyModel id 3 by MyModelSyncStep failed: java.lang.IllegalStateException: no\n";
        assertThat(shown.foundInSomeLine("INFO started\n" + log)).isTrue();
        assertThat(shown.foundInSomeLine(log.replace("id 3", "id 5"))).isFalse();
    }
}
