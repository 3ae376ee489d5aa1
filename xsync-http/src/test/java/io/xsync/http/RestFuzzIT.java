package io.xsync.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.xsync.api.ModelObject;
import io.xsync.runtime.store.Actor;
import io.xsync.runtime.store.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Abuse suite: seeded random requests (methods, paths, query strings, headers, bodies), with and
 * without credentials, against a running HTTP engine over a real store, for a bounded number of
 * requests and time. No request may get a 5xx, every error body is a JSON {"error"} (a body can
 * be lost when the server refuses a request before reading its body and closes), a refused write
 * leaves the model unchanged, and the request meters stay within their closed set of tags. The
 * seed is printed; rerun one with {@code -Dxsync.fuzz.seed=N}.
 */
class RestFuzzIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_REQUESTS = 1500;
    private static final long MAX_MILLIS = 30_000;
    /** Route templates of {@link RequestTags#route}. */
    private static final int ROUTES = 10;
    private static final int STATUS_CLASSES = 5;
    private Store store;
    private HttpFixture http;

    @BeforeEach
    void start() {
        store = TestData.store();
        ModelObject site = store.models(Actor.API).get("Site").newObject().set("name", "s");
        site.save();
        for (int i = 0; i < 5; i++) {
            TestData.person(store, "P" + i, "L" + i).set("site", site).save();
        }
        http = new HttpFixture(store, HttpSettings.defaults().withBasicAuth("admin", "secret"));
    }

    @AfterEach
    void stop() {
        http.close();
        store.close();
    }

    @Test
    void randomRequestsNever5xxAndRefusedWritesChangeNothing() throws Exception {
        long seed = Long.getLong("xsync.fuzz.seed", System.nanoTime());
        System.out.println("RestFuzzIT seed: " + seed + " (rerun with -Dxsync.fuzz.seed=" + seed + ")");
        RandomRequests requests = new RandomRequests(seed, http.engine.port(), HttpFixture.basic("admin", "secret"));
        long deadline = System.currentTimeMillis() + MAX_MILLIS;
        List<String> failures = new ArrayList<>();
        int sent = 0;
        while (sent < MAX_REQUESTS && System.currentTimeMillis() < deadline && failures.size() < 10) {
            Map<String, List<Map<String, Object>>> before = snapshot();
            RandomRequests.Sent r = requests.send();
            sent++;
            if (r.status() < 100 || r.status() >= 500) {
                failures.add(r + ": " + r.response());
            } else if (r.status() >= 400 && !r.response().isEmpty() && !isJsonError(r.response())) {
                failures.add(r + ": error body is not {\"error\": ...}: " + r.response());
            } else if (r.status() >= 400 && r.write() && !snapshot().equals(before)) {
                failures.add(r + ": refused, yet the model changed");
            }
        }
        assertThat(failures).as("seed %d, %d requests", seed, sent).isEmpty();
        Set<String> labelSets = requestSeries(http.get("/metrics").body());
        assertThat(labelSets.size()).as("request meters, seed %d: %s", seed, labelSets)
                .isLessThanOrEqualTo((RequestTags.KNOWN_METHODS.size() + 1) * ROUTES * STATUS_CLASSES);
    }

    /** Every object of every model, deleted ones included, by model. */
    private Map<String, List<Map<String, Object>>> snapshot() {
        Map<String, List<Map<String, Object>>> out = new TreeMap<>();
        for (String model : List.of("Person", "Site")) {
            List<Map<String, Object>> rows = new ArrayList<>();
            var m = store.models(Actor.API).get(model);
            m.all().forEach(o -> rows.add(o.fields()));
            m.filter(Map.of("deleted", true)).forEach(o -> rows.add(o.fields()));
            out.put(model, rows);
        }
        return out;
    }

    private static boolean isJsonError(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            return n != null && n.hasNonNull("error");
        } catch (Exception e) {
            return false;
        }
    }

    private static Set<String> requestSeries(String scrape) {
        Set<String> out = new TreeSet<>();
        for (String line : scrape.split("\n")) {
            if (line.startsWith("xsync_http_requests_seconds_count{")) {
                out.add(line.substring(0, line.lastIndexOf(' ')));
            }
        }
        return out;
    }
}
