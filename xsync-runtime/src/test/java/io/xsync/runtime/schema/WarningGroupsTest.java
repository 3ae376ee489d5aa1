package io.xsync.runtime.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WarningGroupsTest {
    private static SchemaWarning warning(int line, String kind) {
        return new SchemaWarning(new SourceRef(Path.of("m.xproto"), line, 1), kind, kind + " at line " + line);
    }

    @Test
    void eachWarningOnceInFileOrderAndUpToThreeOfAKindInFull() {
        List<String> lines = WarningGroups.lines(List.of(warning(9, "b"), warning(3, "a"), warning(9, "b"),
                warning(1, "b"), warning(7, "b")));
        assertThat(lines).containsExactly("m.xproto:1:1: b at line 1", "m.xproto:7:1: b at line 7",
                "m.xproto:9:1: b at line 9", "m.xproto:3:1: a at line 3");
    }

    @Test
    void aKindMetMoreThanThreeTimesShowsTwoAndWhereTheOthersAre() {
        List<SchemaWarning> many = new ArrayList<>();
        for (int line = 12; line >= 1; line--) {
            many.add(warning(line, "undefined parent"));
        }
        List<String> lines = WarningGroups.lines(many);
        assertThat(lines).containsExactly("m.xproto:1:1: undefined parent at line 1",
                "m.xproto:2:1: undefined parent at line 2",
                "... and 10 more 'undefined parent' warnings at m.xproto:3:1, m.xproto:4:1, m.xproto:5:1, m.xproto:6:1,"
                        + " m.xproto:7:1, m.xproto:8:1, m.xproto:9:1, m.xproto:10:1, ...");
    }
}
