package io.xsync.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.xsync.api.ModelObject;
import io.xsync.runtime.store.Actor;
import io.xsync.runtime.store.Store;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The REST model API against a real store, with anonymous writes allowed. */
class ModelsApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private Store store;
    private HttpFixture http;

    @BeforeEach
    void start() {
        store = TestData.store();
        http = new HttpFixture(store, HttpSettings.defaults().withAnonymous(true, true));
    }

    @AfterEach
    void stop() {
        http.close();
        store.close();
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    @Test
    void listsModelNames() throws Exception {
        HttpResponse<String> r = http.get("/api/models");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("models").toString()).contains("\"Person\"", "\"Site\"");
    }

    @Test
    void createReturns201AndEveryFieldIncludingBaseFields() throws Exception {
        HttpResponse<String> r = http.send("POST", "/api/models/Person",
                "{\"first_name\": \"John\", \"last_name\": \"Doe\", \"age\": 42}", null);
        assertThat(r.statusCode()).isEqualTo(201);
        JsonNode p = json(r);
        assertThat(p.get("id").asLong()).isPositive();
        assertThat(p.get("first_name").asText()).isEqualTo("John");
        assertThat(p.get("age").asInt()).isEqualTo(42);
        assertThat(p.get("backend_status").asText()).isEqualTo("Provisioning in progress");
        assertThat(p.get("backend_code").asInt()).isZero();
        assertThat(p.get("deleted").asBoolean()).isFalse();
        assertThat(p.get("updated").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        ModelObject stored = store.models(Actor.API).get("Person").get(p.get("id").asLong()).orElseThrow();
        assertThat(stored.getString("last_name")).isEqualTo("Doe");
    }

    @Test
    void getsOneObjectById() throws Exception {
        ModelObject p = TestData.person(store, "Ada", "Lovelace");
        HttpResponse<String> r = http.get("/api/models/Person/" + p.id());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("first_name").asText()).isEqualTo("Ada");
        assertThat(json(r).get("id").asLong()).isEqualTo(p.id());
    }

    @Test
    void listFiltersByFieldsAndOperators() throws Exception {
        ModelObject john = TestData.person(store, "John", "Doe");
        TestData.person(store, "John", "Smith");
        TestData.person(store, "Jane", "Doe");
        TestData.markOk(store, john);
        HttpResponse<String> r = http.get("/api/models/Person?first_name=John&backend_code__gt=0");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = json(r);
        assertThat(body.get("total").asInt()).isEqualTo(1);
        assertThat(body.get("items").get(0).get("id").asLong()).isEqualTo(john.id());
        assertThat(json(http.get("/api/models/Person?first_name=John")).get("total").asInt()).isEqualTo(2);
        assertThat(json(http.get("/api/models/Person?last_name__in=Smith,Doe&first_name__ne=John"))
                .get("total").asInt()).isEqualTo(1);
        assertThat(json(http.get("/api/models/Person?age__isnull=true")).get("total").asInt()).isEqualTo(3);
        assertThat(json(http.get("/api/models/Person?last_name__startswith=Sm")).get("total").asInt()).isEqualTo(1);
    }

    @Test
    void totalIsCountedUpToTheCapUnlessExactIsAsked() throws Exception {
        long over = ModelsResource.COUNT_CAP + 1;
        store.inTransaction(() -> {
            var people = store.models(Actor.API).get("Person");
            for (long i = 0; i < over; i++) {
                people.newObject().set("first_name", "F" + i).set("last_name", "Many").save();
            }
            return null;
        });
        JsonNode capped = json(http.get("/api/models/Person?last_name=Many&limit=1"));
        assertThat(capped.get("total").isNull()).as("total over the cap: %s", capped).isTrue();
        assertThat(capped.get("total_over").asLong()).isEqualTo(ModelsResource.COUNT_CAP);
        assertThat(capped.get("items")).hasSize(1);
        JsonNode exact = json(http.get("/api/models/Person?last_name=Many&limit=1&count=exact"));
        assertThat(exact.get("total").asLong()).isEqualTo(over);
        assertThat(exact.has("total_over")).isFalse();
        JsonNode under = json(http.get("/api/models/Person?last_name=Many&first_name__startswith=F1000"));
        assertThat(under.get("total").asLong()).isEqualTo(2); // F1000 and F10000
        HttpResponse<String> bad = http.get("/api/models/Person?count=some");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("count", "exact or capped");
    }

    @Test
    void listPagesWithLimitAndOffsetAndReportsTheTotal() throws Exception {
        for (int i = 0; i < 5; i++) {
            TestData.person(store, "P" + i, "Page");
        }
        JsonNode body = json(http.get("/api/models/Person?last_name=Page&limit=2&offset=2"));
        assertThat(body.get("total").asInt()).isEqualTo(5);
        assertThat(body.get("items")).hasSize(2);
        assertThat(body.get("items").get(0).get("first_name").asText()).isEqualTo("P2");
        assertThat(body.get("items").get(1).get("first_name").asText()).isEqualTo("P3");
    }

    @Test
    void afterPagesByIdFromOneFullPageToTheNext() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(TestData.person(store, "K" + i, "Keyset").id());
        }
        JsonNode first = json(http.get("/api/models/Person?last_name=Keyset&limit=2"));
        assertThat(first.get("items")).extracting(n -> n.get("id").asLong()).containsExactly(ids.get(0), ids.get(1));
        assertThat(first.get("next_after").asLong()).isEqualTo(ids.get(1));
        JsonNode second = json(http.get("/api/models/Person?last_name=Keyset&limit=2&after=" + ids.get(1)));
        assertThat(second.get("items")).extracting(n -> n.get("id").asLong()).containsExactly(ids.get(2), ids.get(3));
        assertThat(second.get("total").asInt()).as("total counts every match, not those after").isEqualTo(5);
        JsonNode last = json(http.get("/api/models/Person?last_name=Keyset&limit=2&after="
                + second.get("next_after").asLong()));
        assertThat(last.get("items")).extracting(n -> n.get("id").asLong()).containsExactly(ids.get(4));
        assertThat(last.has("next_after")).as("a page that is not full is the last").isFalse();

        HttpResponse<String> both = http.get("/api/models/Person?after=1&offset=2");
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(both.body()).contains("'after' pages by id: leave out 'offset' and 'id__gt'");
        HttpResponse<String> bad = http.get("/api/models/Person?after=x");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("bad value for 'after': 'x' is not an integer");
    }

    @Test
    void patchAndPutUpdateFields() throws Exception {
        ModelObject p = TestData.person(store, "John", "Doe");
        HttpResponse<String> r = http.send("PATCH", "/api/models/Person/" + p.id(), "{\"last_name\": \"Roe\"}", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("last_name").asText()).isEqualTo("Roe");
        assertThat(json(r).get("first_name").asText()).isEqualTo("John");
        r = http.send("PUT", "/api/models/Person/" + p.id(), "{\"age\": 7}", null);
        assertThat(r.statusCode()).isEqualTo(200);
        p.refresh();
        assertThat(p.getString("last_name")).isEqualTo("Roe");
        assertThat(p.get("age")).isEqualTo(7);
    }

    @Test
    void deleteIsSoft() throws Exception {
        ModelObject p = TestData.person(store, "John", "Doe");
        HttpResponse<String> r = http.send("DELETE", "/api/models/Person/" + p.id(), null, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("deleted").asBoolean()).isTrue();
        assertThat(json(http.get("/api/models/Person")).get("total").asInt()).isZero();
        assertThat(json(http.get("/api/models/Person?deleted=true")).get("total").asInt()).isEqualTo(1);
        assertThat(http.get("/api/models/Person/" + p.id()).statusCode()).isEqualTo(200);
    }

    @Test
    void unknownModelOrIdIs404() throws Exception {
        HttpResponse<String> r = http.get("/api/models/Nope");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(json(r).get("error").asText()).contains("Nope");
        r = http.get("/api/models/Person/999999");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(json(r).get("error").asText()).contains("999999");
        assertThat(http.send("PATCH", "/api/models/Person/999999", "{}", null).statusCode()).isEqualTo(404);
    }

    @Test
    void unknownFieldIs400() throws Exception {
        HttpResponse<String> r = http.get("/api/models/Person?shoe_size=3");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("error").asText()).contains("shoe_size");
        r = http.send("POST", "/api/models/Person", "{\"first_name\": \"A\", \"shoe_size\": 3}", null);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("error").asText()).contains("shoe_size");
    }

    @Test
    void badValueIs400() throws Exception {
        HttpResponse<String> r = http.get("/api/models/Person?age=old");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("error").asText()).contains("age").contains("old");
        r = http.send("POST", "/api/models/Person", "{\"first_name\": \"A\", \"age\": \"old\"}", null);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("error").asText()).contains("age");
        assertThat(http.get("/api/models/Person?limit=-1").statusCode()).isEqualTo(400);
        r = http.send("POST", "/api/models/Person", "{\"first_name\": \"" + "x".repeat(101)
                + "\", \"last_name\": \"B\"}", null);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("error").asText()).contains("first_name");
    }

    @Test
    void badJsonIs400() throws Exception {
        HttpResponse<String> r = http.send("POST", "/api/models/Person", "{\"first_name\": ", null);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("error").asText()).contains("bad JSON");
        r = http.send("POST", "/api/models/Person", "[1, 2]", null);
        assertThat(r.statusCode()).isEqualTo(400);
    }

    @Test
    void feedbackStateWriteIs403() throws Exception {
        HttpResponse<String> r = http.send("POST", "/api/models/Person",
                "{\"first_name\": \"A\", \"last_name\": \"B\", \"secret\": \"x\"}", null);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(json(r).get("error").asText()).contains("secret");
    }

    @Test
    void deletingWriteProtectedObjectIs409() throws Exception {
        ModelObject p = TestData.person(store, "John", "Doe");
        p.set("write_protect", true);
        p.save();
        HttpResponse<String> r = http.send("DELETE", "/api/models/Person/" + p.id(), null, null);
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(json(r).has("error")).isTrue();
        p.refresh();
        assertThat(p.getBoolean("deleted")).isFalse();
    }

    @Test
    void linkToDeletedObjectIs409() throws Exception {
        ModelObject site = store.models(Actor.API).get("Site").newObject();
        site.set("name", "gone");
        site.save();
        site.delete();
        HttpResponse<String> r = http.send("POST", "/api/models/Person",
                "{\"first_name\": \"A\", \"last_name\": \"B\", \"site_id\": " + site.id() + "}", null);
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(json(r).has("error")).isTrue();
    }

    @Test
    void linkCanBeSetByFieldName() throws Exception {
        ModelObject site = store.models(Actor.API).get("Site").newObject();
        site.set("name", "here");
        site.save();
        HttpResponse<String> r = http.send("POST", "/api/models/Person",
                "{\"first_name\": \"A\", \"last_name\": \"B\", \"site\": " + site.id() + "}", null);
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(json(r).get("site_id").asLong()).isEqualTo(site.id());
        assertThat(json(http.get("/api/models/Person?site=" + site.id())).get("total").asInt()).isEqualTo(1);
    }

    @Test
    void concurrentCreatesAllLand() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String body = "{\"first_name\": \"C" + i + "\", \"last_name\": \"Concurrent\"}";
                results.add(pool.submit(() -> http.send("POST", "/api/models/Person", body, null).statusCode()));
            }
            for (java.util.concurrent.Future<Integer> f : results) {
                assertThat(f.get()).isEqualTo(201);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(json(http.get("/api/models/Person?last_name=Concurrent")).get("total").asInt()).isEqualTo(40);
    }

    @Test
    void unsupportedMethodIs405() {
        assertThat(http.send("DELETE", "/api/models/Person", null, null).statusCode()).isEqualTo(405);
    }
}
