package io.xsync.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class StatusTextTest {

    @Test
    void rendersModelsErrorsSectionsAndReadiness() throws Exception {
        String json = """
                {"name": "hello", "generated": "2024-01-01T00:00:00Z",
                 "models": [{"model": "MyModel", "total": 14, "ok": 10, "pending": 1, "error": 1, "no_sync": 2, "deleted": 0,
                             "owner": "hello"},
                            {"model": "Greeting", "total": 0, "ok": 0, "pending": 0, "error": 0, "no_sync": 0, "deleted": 0,
                             "owner": null}],
                 "errors": [{"model": "MyModel", "id": 7, "message": "device unreachable", "when": "2024-01-01T00:00:00Z"}],
                 "sections": [{"name": "events", "rows": [{"step": "MyModelEventStep", "lag": 3, "events_per_s": 1.5}]}],
                 "readiness": [{"name": "store", "ready": true, "detail": "ok"},
                               {"name": "events", "ready": false, "detail": "no partitions assigned"}]}
                """;
        String text = StatusText.render(new ObjectMapper().readTree(json), "test");
        assertThat(text).contains("xsync status of 'hello' at 2024-01-01T00:00:00Z", "source: test",
                "ready: store=yes events=NO (no partitions assigned)");
        assertThat(text).contains("  MODEL     TOTAL  OK  PENDING  ERROR  NO_SYNC  DELETED  OWNER\n",
                "  MyModel      14  10        1      1        2        0  hello\n",
                "  Greeting      0   0        0      0        0        0  -\n");
        assertThat(text).containsPattern("MyModel\\s+7\\s+2024-01-01T00:00:00Z\\s+device unreachable");
        assertThat(text).contains("EVENTS\n").containsPattern("MyModelEventStep\\s+3\\s+1.5");
    }

    @Test
    void controlCharactersFromTheStoreAreEscaped() throws Exception {
        String json = """
                {"name": "h\\u0007", "models": [{"model": "MyModel", "total": 1}],
                 "errors": [{"model": "MyModel", "id": 1, "message": "\\u001b[2J\\u001b]0;owned\\u0007 gone\\nfake line"}],
                 "sections": [{"name": "events", "rows": [{"step": "S\\u009b31m"}]}],
                 "readiness": [{"name": "events", "ready": false, "detail": "\\u202eevil"}]}
                """;
        String text = StatusText.render(new ObjectMapper().readTree(json), "test");
        assertThat(text).doesNotContain("\u001b", "\u0007", "\u009b", "\u202e", "\nfake line");
        assertThat(text).contains("\\x1b[2J\\x1b]0;owned\\x07 gone\\x0afake line", "S\\x9b31m",
                "events=NO (\\u202eevil)", "xsync status of 'h\\x07'");
    }

    @Test
    void saysWhenThereAreNoErrors() throws Exception {
        String text = StatusText.render(new ObjectMapper().readTree("{\"models\": [], \"errors\": []}"), "x");
        assertThat(text).contains("LATEST ERRORS\n  none\n");
    }
}
