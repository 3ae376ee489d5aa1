package io.xsync.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.xsync.api.ModelObject;
import io.xsync.runtime.spi.StatusContributor;
import io.xsync.runtime.store.Store;
import io.xsync.runtime.store.TestStores;
import io.xsync.runtime.time.ManualTime;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /api/status: model counts and errors from the store, sections from engines. */
class StatusIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Store store = TestData.store();
    private HttpFixture http;

    @BeforeEach
    void start() {
        http = new HttpFixture(store, HttpSettings.defaults());
    }

    @AfterEach
    void stop() {
        http.close();
        store.close();
    }

    /** Three synced, one failed, one pending, one left alone by the sync loop, one deleted. */
    static void seed(Store store) {
        for (String name : List.of("Ann", "Bob", "Cy")) {
            TestData.markOk(store, TestData.person(store, name, "Ok"));
        }
        TestData.markError(store, TestData.person(store, "Dee", "Bad"), "backend exploded: connection refused");
        TestData.person(store, "Eve", "Pending");
        ModelObject skipped = TestData.person(store, "Ian", "NoSync");
        skipped.set("no_sync", true);
        skipped.save();
        ModelObject gone = TestData.person(store, "Fay", "Gone");
        gone.delete();
    }

    @Test
    void countsModelsByState() throws Exception {
        seed(store);
        JsonNode status = JSON.readTree(http.get("/api/status").body());
        assertThat(status.get("name").asText()).isEqualTo("test-sync");
        JsonNode person = find(status.get("models"), "model", "Person");
        assertThat(person.get("total").asInt()).isEqualTo(6);
        assertThat(person.get("ok").asInt()).isEqualTo(3);
        assertThat(person.get("error").asInt()).isEqualTo(1);
        assertThat(person.get("pending").asInt()).isEqualTo(1);
        assertThat(person.get("no_sync").asInt()).isEqualTo(1);
        assertThat(person.get("deleted").asInt()).isEqualTo(1);
    }

    @Test
    void generatedAndUptimeAreOnTheEnginesClock() {
        ManualTime time = new ManualTime(Instant.parse("2099-01-01T00:00:00Z"));
        StatusReport report = new StatusReport("clocked", store, List::of, List::of, time);
        Map<String, Object> first = report.collect();
        assertThat(first.get("generated")).isEqualTo("2099-01-01T00:00:00Z");
        time.advance(Duration.ofSeconds(90));
        Map<String, Object> later = report.collect();
        assertThat(later.get("generated")).isEqualTo("2099-01-01T00:01:30Z");
        assertThat((Long) later.get("uptime_s") - (Long) first.get("uptime_s")).isEqualTo(90L);
    }

    @Test
    void countsModelsByStateOnPostgresql() throws Exception {
        try (Store pg = TestStores.postgres(TestData.schema());
             HttpFixture pgHttp = new HttpFixture(pg, HttpSettings.defaults())) {
            seed(pg);
            JsonNode person = find(JSON.readTree(pgHttp.get("/api/status").body()).get("models"), "model", "Person");
            assertThat(person.get("total").asInt()).isEqualTo(6);
            assertThat(person.get("ok").asInt()).isEqualTo(3);
            assertThat(person.get("error").asInt()).isEqualTo(1);
            assertThat(person.get("pending").asInt()).isEqualTo(1);
            assertThat(person.get("no_sync").asInt()).isEqualTo(1);
            assertThat(person.get("deleted").asInt()).isEqualTo(1);
        }
    }

    @Test
    void okObjectChangedByTheApiCountsAsPending() throws Exception {
        ModelObject p = TestData.person(store, "Gil", "Changed");
        TestData.markOk(store, p);
        p.refresh();
        p.set("first_name", "Gill");
        p.save();
        assertThat(p.getInstant("updated")).as("updated, after enacted").isAfter(p.getInstant("enacted"));
        JsonNode person = find(JSON.readTree(http.get("/api/status").body()).get("models"), "model", "Person");
        assertThat(person.get("ok").asInt()).isZero();
        assertThat(person.get("pending").asInt()).isEqualTo(1);
    }

    @Test
    void listsLatestErrorsWithBackendStatus() throws Exception {
        seed(store);
        JsonNode errors = JSON.readTree(http.get("/api/status").body()).get("errors");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).get("model").asText()).isEqualTo("Person");
        assertThat(errors.get(0).get("message").asText()).isEqualTo("backend exploded: connection refused");
        assertThat(errors.get(0).get("when").asText()).isEqualTo("2023-11-14T22:13:20.500Z");
    }

    @Test
    void latestErrorsComeFirst() throws Exception {
        ModelObject older = TestData.person(store, "Old", "Err");
        ModelObject newer = TestData.person(store, "New", "Err");
        TestData.markError(store, older, "older failure", "2024-01-01T10:00:00.5Z");
        TestData.markError(store, newer, "newer failure", "2024-01-01T10:00:01Z");
        JsonNode errors = JSON.readTree(http.get("/api/status").body()).get("errors");
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0).get("message").asText()).isEqualTo("newer failure");
        assertThat(errors.get(1).get("message").asText()).isEqualTo("older failure");
    }

    @Test
    void includesEngineSectionsAndReadiness() throws Exception {
        http.engine.addStatusContributor(new StatusContributor() {
            @Override public String statusSection() {
                return "events";
            }

            @Override public List<StepStatus> stepStatus() {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("lag", 12);
                v.put("events_per_s", 3.5);
                v.put("last_event", Instant.parse("2024-01-02T03:04:05Z"));
                v.put("last_run", Instant.parse("2024-01-02T03:04:05.123456789Z"));
                return List.of(new StepStatus("PersonEventStep", v));
            }
        });
        JsonNode status = JSON.readTree(http.get("/api/status").body());
        JsonNode events = find(status.get("sections"), "name", "events");
        JsonNode row = events.get("rows").get(0);
        assertThat(row.get("step").asText()).isEqualTo("PersonEventStep");
        assertThat(row.get("lag").asInt()).isEqualTo(12);
        assertThat(row.get("last_event").asText()).isEqualTo("2024-01-02T03:04:05Z");
        assertThat(row.get("last_run").asText()).as("milliseconds, not nanoseconds").isEqualTo("2024-01-02T03:04:05.123Z");
        assertThat(find(status.get("readiness"), "name", "store").get("ready").asBoolean()).isTrue();
    }

    @Test
    void statusPageIsServedAsHtml() {
        HttpResponse<String> r = http.get("/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(r.body()).contains("<table id=\"models\">", "fetch(\"api/status\"");
    }

    static JsonNode find(JsonNode array, String key, String value) {
        for (JsonNode n : array) {
            if (n.path(key).asText().equals(value)) {
                return n;
            }
        }
        throw new AssertionError("no element with " + key + "=" + value + " in " + array);
    }
}
