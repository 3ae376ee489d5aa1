package io.xsync.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class StatusTextTest {

    @Test
    void rendersModelsErrorsSectionsAndReadiness() throws Exception {
        String json = """
                {"name": "hello", "generated": "2024-01-01T00:00:00Z",
                 "models": [{"model": "MyModel", "total": 12, "ok": 10, "pending": 1, "error": 1, "deleted": 0}],
                 "errors": [{"model": "MyModel", "id": 7, "message": "device unreachable", "when": "2024-01-01T00:00:00Z"}],
                 "sections": [{"name": "events", "rows": [{"step": "MyModelEventStep", "lag": 3, "events_per_s": 1.5}]}],
                 "readiness": [{"name": "store", "ready": true, "detail": "ok"},
                               {"name": "events", "ready": false, "detail": "no partitions assigned"}]}
                """;
        String text = StatusText.render(new ObjectMapper().readTree(json), "test");
        assertThat(text).contains("xsync status of 'hello' at 2024-01-01T00:00:00Z", "source: test",
                "ready: store=yes events=NO (no partitions assigned)");
        assertThat(text).contains("  MODEL    TOTAL  OK  PENDING  ERROR  DELETED\n",
                "  MyModel     12  10        1      1        0\n");
        assertThat(text).containsPattern("MyModel\\s+7\\s+2024-01-01T00:00:00Z\\s+device unreachable");
        assertThat(text).contains("EVENTS\n").containsPattern("MyModelEventStep\\s+3\\s+1.5");
    }

    @Test
    void saysWhenThereAreNoErrors() throws Exception {
        String text = StatusText.render(new ObjectMapper().readTree("{\"models\": [], \"errors\": []}"), "x");
        assertThat(text).contains("LATEST ERRORS\n  none\n");
    }
}
