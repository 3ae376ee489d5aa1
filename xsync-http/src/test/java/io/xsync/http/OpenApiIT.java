package io.xsync.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.xsync.api.ModelObject;
import io.xsync.runtime.store.Actor;
import io.xsync.runtime.store.Store;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /openapi.json} against the routes the server really has: every documented path and
 * method answers (no 404, no 405), every route template is documented, the model API refuses the
 * methods the document leaves out, and model schemas match the xproto models.
 */
class OpenApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUTH = HttpFixture.basic("admin", "pw");
    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");
    private Store store;
    private HttpFixture http;
    private JsonNode doc;
    private long personId;
    private long siteId;

    @BeforeEach
    void start() throws Exception {
        store = TestData.store();
        http = new HttpFixture(store, HttpSettings.defaults().withBasicAuth("admin", "pw"));
        personId = TestData.person(store, "Ada", "Lovelace").id();
        ModelObject site = store.models(Actor.API).get("Site").newObject().set("name", "s");
        site.save();
        siteId = site.id();
        HttpResponse<String> r = http.get("/openapi.json");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        doc = JSON.readTree(r.body());
    }

    @AfterEach
    void stop() {
        http.close();
        store.close();
    }

    @Test
    void everyDocumentedOperationIsARouteOfTheServer() {
        List<String> wrong = new ArrayList<>();
        for (Iterator<String> paths = doc.get("paths").fieldNames(); paths.hasNext(); ) {
            String path = paths.next();
            String concrete = path.replace("{id}", Long.toString(path.contains("/Site/") ? siteId : personId));
            for (String method : METHODS) {
                if (doc.get("paths").get(path).has(method)) {
                    int status = call(method, concrete);
                    if (status == 404 || status == 405 || status >= 500) {
                        wrong.add(method.toUpperCase(Locale.ROOT) + " " + concrete + " -> " + status);
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyRouteTemplateIsDocumented() {
        Set<String> covered = new HashSet<>();
        doc.get("paths").fieldNames().forEachRemaining(p -> covered.add(RequestTags.route(segments(p))));
        assertThat(covered).doesNotContain("other").containsExactlyInAnyOrderElementsOf(RequestTags.TEMPLATES);
    }

    @Test
    void modelPathsRefuseTheMethodsTheDocumentLeavesOut() {
        for (String path : List.of("/api/models/Person", "/api/models/Person/{id}")) {
            JsonNode ops = doc.get("paths").get(path);
            for (String method : METHODS) {
                if (!ops.has(method)) {
                    assertThat(call(method, path.replace("{id}", Long.toString(personId))))
                            .as(method + " " + path).isEqualTo(405);
                }
            }
        }
    }

    @Test
    void modelSchemasFollowTheModelsAndMarkWhatClientsMayNotWrite() {
        JsonNode person = doc.get("components").get("schemas").get("Person").get("properties");
        assertThat(person.get("first_name").get("type").asText()).isEqualTo("string");
        assertThat(person.get("first_name").get("maxLength").asInt()).isEqualTo(100);
        assertThat(person.get("age").get("format").asText()).isEqualTo("int32");
        assertThat(person.get("site_id").get("format").asText()).isEqualTo("int64");
        assertThat(person.get("updated").get("format").asText()).isEqualTo("date-time");
        for (String field : List.of("id", "created", "updated", "enacted", "backend_code", "backend_status",
                "deleted", "leaf_model_name", "secret")) {
            assertThat(person.get(field).path("readOnly").asBoolean()).as(field + " is read-only").isTrue();
        }
        for (String field : List.of("first_name", "last_name", "age", "site_id", "no_sync")) {
            assertThat(person.get(field).has("readOnly")).as(field + " is writable").isFalse();
        }
        assertThat(doc.get("components").get("schemas").has("Site")).isTrue();
    }

    private int call(String method, String path) {
        String json = path.contains("/Site") ? "{\"name\": \"t\"}" : "{\"first_name\": \"Grace\", \"last_name\": \"Hopper\"}";
        String body = method.equals("post") || method.equals("put") || method.equals("patch") ? json : null;
        return http.send(method.toUpperCase(Locale.ROOT), path, body, AUTH).statusCode();
    }

    private static List<String> segments(String path) {
        return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    }
}
