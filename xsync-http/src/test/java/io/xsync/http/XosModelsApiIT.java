package io.xsync.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.xsync.runtime.schema.XprotoLoader;
import io.xsync.runtime.store.JdbcStore;
import io.xsync.runtime.store.TestStores;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The REST model API over models written like a real XOS deployment (the runtime's xoslike
 * fixtures): manytomany values as {@code <link>_ids} and objects of subclasses listed with their
 * parents, on H2 and PostgreSQL.
 */
class XosModelsApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path MODELS = Path.of("../xsync-runtime/src/test/resources/xproto/xoslike");
    private JdbcStore store;
    private HttpFixture http;

    private void start(String dialect) {
        store = TestStores.open(dialect, XprotoLoader.load(MODELS));
        http = new HttpFixture(store, HttpSettings.defaults().withAnonymous(true, true));
    }

    @AfterEach
    void stop() {
        http.close();
        store.close();
    }

    private JsonNode ok(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }

    private long post(String model, String json) throws Exception {
        return ok(http.send("POST", "/api/models/" + model, json, null), 201).get("id").asLong();
    }

    private static List<Long> ids(JsonNode array) {
        List<Long> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asLong()));
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void manyToManyRoundTripAndCascadeOnDelete(String dialect) throws Exception {
        start(dialect);
        long site = post("Site", "{\"name\": \"s\", \"login_base\": \"s\"}");
        long owner = post("Slice", "{\"name\": \"owner\", \"site\": " + site + "}");
        long a = post("Slice", "{\"name\": \"a\", \"site\": " + site + "}");
        long b = post("Slice", "{\"name\": \"b\", \"site\": " + site + "}");
        JsonNode created = ok(http.send("POST", "/api/models/Network",
                "{\"name\": \"n\", \"owner\": " + owner + ", \"permitted_slices_ids\": [" + a + ", " + b + "]}", null), 201);
        long net = created.get("id").asLong();
        assertThat(ids(created.get("permitted_slices_ids"))).containsExactly(a, b);
        assertThat(ids(ok(http.get("/api/models/Network/" + net), 200).get("permitted_slices_ids"))).containsExactly(a, b);

        JsonNode linkedToB = ok(http.get("/api/models/Network?permitted_slices_ids=" + b), 200);
        assertThat(linkedToB.get("total").asInt()).isOne();
        assertThat(ok(http.get("/api/models/Network?permitted_slices_ids__in=" + owner), 200).get("total").asInt()).isZero();

        JsonNode updated = ok(http.send("PATCH", "/api/models/Network/" + net, "{\"permitted_slices_ids\": [" + b + "]}",
                null), 200);
        assertThat(ids(updated.get("permitted_slices_ids"))).containsExactly(b);

        ok(http.send("DELETE", "/api/models/Slice/" + b, null, null), 200);
        assertThat(ok(http.get("/api/models/Network/" + net), 200).get("permitted_slices_ids")).isEmpty();

        HttpResponse<String> bad = http.send("PATCH", "/api/models/Network/" + net, "{\"permitted_slices_ids\": \"x\"}", null);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("permitted_slices_ids").contains("expected an array of object ids");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void subclassObjectsAreListedWithTheirParentAndViewableAsTheirLeafModel(String dialect) throws Exception {
        start(dialect);
        long plain = post("Service", "{\"name\": \"plain\"}");
        long olt = post("OLTService", "{\"name\": \"olt\", \"controller_url\": \"http://c\", \"access_profile\": \"gpon\"}");
        JsonNode services = ok(http.get("/api/models/Service"), 200);
        assertThat(services.get("total").asInt()).isEqualTo(2);
        JsonNode asService = services.get("items").get(1);
        assertThat(asService.get("id").asLong()).isEqualTo(olt);
        assertThat(asService.get("leaf_model_name").asText()).isEqualTo("OLTService");
        assertThat(asService.has("controller_url")).isFalse();
        assertThat(ok(http.get("/api/models/Service?name=olt"), 200).get("total").asInt()).isOne();

        ok(http.send("PATCH", "/api/models/Service/" + olt, "{\"description\": \"edited as a Service\"}", null), 200);
        JsonNode leaf = ok(http.get("/api/models/OLTService/" + olt), 200);
        assertThat(leaf.get("description").asText()).isEqualTo("edited as a Service");
        assertThat(leaf.get("access_profile").asText()).isEqualTo("gpon");
        long si = post("ServiceInstance", "{\"name\": \"si\", \"owner\": " + olt + "}");
        assertThat(ok(http.get("/api/models/ServiceInstance/" + si), 200).get("owner_id").asLong()).isEqualTo(olt);
        assertThat(plain).isNotEqualTo(olt);
    }
}
