package io.xsync.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.xsync.api.ModelObject;
import io.xsync.runtime.store.Actor;
import io.xsync.runtime.store.Store;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Requests a hostile or careless client sends: each is refused with a clear 4xx and changes nothing. */
class HostileInputIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUTH = HttpFixture.basic("admin", "secret");
    private Store store;
    private HttpFixture http;

    @BeforeEach
    void start() {
        store = TestData.store();
        http = new HttpFixture(store, HttpSettings.defaults().withBasicAuth("admin", "secret"));
    }

    @AfterEach
    void stop() {
        http.close();
        store.close();
    }

    private static String error(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body()).get("error").asText();
    }

    private Map<String, Object> stored(ModelObject o) {
        return store.models(Actor.API).get(o.model().name()).get(o.id()).orElseThrow().fields();
    }

    private long people() {
        return store.models(Actor.API).get("Person").all().size();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
        "application/jsonx", ""})
    void writesWithoutJsonContentTypeAre415(String type) throws Exception {
        HttpResponse<String> r = http.sendTyped("POST", "/api/models/Person", type.isEmpty() ? null : type,
                "{\"first_name\": \"A\", \"last_name\": \"B\"}", AUTH);
        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(error(r)).contains("Content-Type must be application/json");
        assertThat(people()).isZero();
    }

    @Test
    void jsonContentTypeWithCharsetIsAccepted() {
        HttpResponse<String> r = http.sendTyped("POST", "/api/models/Person", "application/json; charset=utf-8",
                "{\"first_name\": \"A\", \"last_name\": \"B\"}", AUTH);
        assertThat(r.statusCode()).isEqualTo(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"first_name\": \"A\", \"last_name\": \"B\"} garbage",
        "{\"first_name\": \"A\", \"last_name\": \"B\"}{}",
        "{\"first_name\": \"A\", \"last_name\": \"B\", \"first_name\": \"C\"}"})
    void trailingTextAndDuplicateKeysAre400(String body) throws Exception {
        HttpResponse<String> r = http.send("POST", "/api/models/Person", body, AUTH);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(error(r)).startsWith("bad JSON");
        assertThat(people()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"first_name\": 42", "\"first_name\": true", "\"first_name\": 1.5",
        "\"age\": \"42\"", "\"age\": true", "\"age\": 4.5", "\"site_id\": \"1\""})
    void jsonTypeMustMatchTheFieldType(String field) throws Exception {
        String body = "{\"first_name\": \"A\", \"last_name\": \"B\", " + field + "}";
        if (field.startsWith("\"first_name\"")) {
            body = "{\"last_name\": \"B\", " + field + "}";
        }
        HttpResponse<String> r = http.send("POST", "/api/models/Person", body, AUTH);
        assertThat(r.statusCode()).isEqualTo(400);
        String name = field.substring(1, field.indexOf('"', 1));
        assertThat(error(r)).contains("field '" + name + "' of Person: expected");
        assertThat(people()).isZero();
    }

    @Test
    void bodyOverTheLimitIs413WhetherAnnouncedOrChunked() throws Exception {
        HttpSettings small = HttpSettings.defaults().withBasicAuth("admin", "secret")
                .withLimits(HttpSettings.Limits.defaults().withMaxBodyBytes(1024));
        try (HttpFixture limited = new HttpFixture(store, small)) {
            String head = "POST /api/models/Person HTTP/1.1\r\nHost: x\r\nAuthorization: " + AUTH
                    + "\r\nContent-Type: application/json\r\nConnection: close\r\n";
            RawHttp.Response announced = RawHttp.sendRaw(limited.engine.port(), head + "Content-Length: 5000\r\n\r\n", "");
            assertThat(announced.status()).isEqualTo(413);
            assertThat(JSON.readTree(announced.body()).get("error").asText()).contains("larger than 1024 bytes");
            String chunk = "{\"first_name\": \"" + "x".repeat(2000) + "\", \"last_name\": \"B\"}";
            RawHttp.Response chunked = RawHttp.sendRaw(limited.engine.port(), head
                    + "Transfer-Encoding: chunked\r\n\r\n", Integer.toHexString(chunk.length()) + "\r\n" + chunk
                    + "\r\n0\r\n\r\n");
            assertThat(chunked.status()).isEqualTo(413);
            assertThat(JSON.readTree(chunked.body()).get("error").asText()).contains("larger than 1024 bytes");
        }
        assertThat(people()).isZero();
    }

    @Test
    void loneSurrogateIs400() throws Exception {
        HttpResponse<String> r = http.send("POST", "/api/models/Person",
                "{\"first_name\": \"a\\ud800b\", \"last_name\": \"B\"}", AUTH);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(error(r)).contains("Person.first_name").contains("unpaired UTF-16 surrogate");
        assertThat(people()).isZero();
        HttpResponse<String> pair = http.send("POST", "/api/models/Person",
                "{\"first_name\": \"\\ud83d\\ude00\", \"last_name\": \"B\"}", AUTH);
        assertThat(pair.statusCode()).as("a surrogate pair is fine").isEqualTo(201);
    }

    @Test
    void undeleteIsRefused() throws Exception {
        ModelObject p = TestData.person(store, "Ada", "Lovelace");
        assertThat(http.send("DELETE", "/api/models/Person/" + p.id(), null, AUTH).statusCode()).isEqualTo(200);
        Map<String, Object> before = stored(p);
        HttpResponse<String> r = http.send("PATCH", "/api/models/Person/" + p.id(), "{\"deleted\": false}", AUTH);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(error(r)).contains("Person.deleted");
        assertThat(stored(p)).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"created\": null", "\"created\": \"2020-01-01T00:00:00Z\"", "\"updated\": null",
        "\"enacted\": \"2020-01-01T00:00:00Z\"", "\"policed\": \"2020-01-01T00:00:00Z\"", "\"backend_code\": 1",
        "\"backend_status\": \"OK\"", "\"backend_register\": \"{}x\"", "\"backend_need_delete\": true",
        "\"policy_code\": 1", "\"policy_status\": \"done\"", "\"leaf_model_name\": \"Site\"",
        "\"changed_by_step\": \"2020-01-01T00:00:00Z\"", "\"secret\": \"x\""})
    void bookkeepingAndStoreFieldsAre403NamingTheField(String field) throws Exception {
        ModelObject p = TestData.person(store, "Ada", "Lovelace");
        Map<String, Object> before = stored(p);
        HttpResponse<String> r = http.send("PATCH", "/api/models/Person/" + p.id(), "{" + field + "}", AUTH);
        String name = field.substring(1, field.indexOf('"', 1));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(error(r)).contains("Person." + name).contains("only synchronizer code may write it");
        assertThat(stored(p)).isEqualTo(before);
        r = http.send("POST", "/api/models/Person", "{\"first_name\": \"A\", \"last_name\": \"B\", " + field + "}",
                AUTH);
        if (!field.equals("\"created\": null") && !field.equals("\"updated\": null")) {
            assertThat(r.statusCode()).as("create with " + field).isEqualTo(403);
        }
    }

    @Test
    void anObjectAsReadCanBeWrittenBackUnchanged() throws Exception {
        ModelObject p = TestData.person(store, "Ada", "Lovelace");
        TestData.markOk(store, p);
        JsonNode read = JSON.readTree(http.get("/api/models/Person/" + p.id()).body());
        ((com.fasterxml.jackson.databind.node.ObjectNode) read).put("last_name", "Byron");
        HttpResponse<String> r = http.send("PUT", "/api/models/Person/" + p.id(), read.toString(), AUTH);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(stored(p).get("last_name")).isEqualTo("Byron");
    }

    @ParameterizedTest
    @ValueSource(strings = {"first_name=%zz", "first_name=%", "first_name=%2", "%zz=1"})
    void malformedPercentEncodingIs400WithoutAStackTrace(String query) throws Exception {
        RawHttp.Response r = RawHttp.send(http.engine.port(), "GET", "/api/models/Person?" + query, Map.of(), null);
        assertThat(r.status()).isEqualTo(400);
        String error = JSON.readTree(r.body()).get("error").asText();
        assertThat(error).contains("malformed query string").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+1000000000-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z", "+10000-01-01T00:00:00Z",
        "2024-13-45T00:00:00Z"})
    void outOfRangeTimestampInAFilterIs400(String when) throws Exception {
        HttpResponse<String> r = http.get("/api/models/Person?updated__gt="
                + java.net.URLEncoder.encode(when, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(error(r)).contains("Person.updated").doesNotContain("java.time");
    }
}
