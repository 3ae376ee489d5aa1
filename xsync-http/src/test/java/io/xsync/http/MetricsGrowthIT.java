package io.xsync.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsync.runtime.store.Store;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * No client can add meters: after every route was requested with every method, with and without
 * (wrong) credentials, 10,000
 * anonymous requests with random methods and paths leave {@code /metrics} with the same series.
 */
class MetricsGrowthIT {
    private static final int REQUESTS = 10_000;
    private static final int THREADS = 4;
    private static final List<String> ROUTES = List.of("/", "/healthz", "/readyz", "/metrics", "/openapi.json",
            "/api/status", "/api/models", "/api/models/Person", "/api/models/Person?nope=1", "/api/models/Nope",
            "/api/models/Person/1", "/api/models/Person/999999", "/api/models/Person/x", "/api/models/Person/1/x",
            "/x", "/x/y");
    private Store store;
    private HttpFixture http;

    @BeforeEach
    void start() {
        store = TestData.store();
        TestData.person(store, "Ada", "Lovelace");
        http = new HttpFixture(store, HttpSettings.defaults());
    }

    @AfterEach
    void stop() {
        http.close();
        store.close();
    }

    @Test
    void tenThousandRandomAnonymousRequestsAddNoSeries() throws Exception {
        for (String method : List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "MADEUP")) {
            for (String route : ROUTES) {
                RawHttp.send(http.engine.port(), method, route, Map.of(), null);
                RawHttp.send(http.engine.port(), method, route, Map.of("Authorization", "Basic bad"), null);
            }
        }
        Set<String> before = series(http.get("/metrics").body());
        long seed = System.nanoTime();
        System.out.println("MetricsGrowthIT seed: " + seed);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Integer>> done = new java.util.ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                RandomRequests requests = new RandomRequests(seed + t, http.engine.port(), null);
                done.add(pool.submit(() -> {
                    int sent = 0;
                    for (int i = 0; i < REQUESTS / THREADS; i++) {
                        requests.send();
                        sent++;
                    }
                    return sent;
                }));
            }
            int sent = 0;
            for (Future<Integer> f : done) {
                sent += f.get(10, TimeUnit.MINUTES);
            }
            assertThat(sent).isEqualTo(REQUESTS);
        } finally {
            pool.shutdownNow();
        }
        Set<String> after = series(http.get("/metrics").body());
        assertThat(after).as("seed %d", seed).isEqualTo(before);
    }

    /**
     * The series (name and labels) of a scrape; garbage-collection series are left out, as they
     * appear when a kind of collection first happens.
     */
    private static Set<String> series(String scrape) {
        Set<String> out = new TreeSet<>();
        for (String line : scrape.split("\n")) {
            if (line.isBlank() || line.startsWith("#") || line.startsWith("jvm_gc_")) {
                continue;
            }
            out.add(line.substring(0, line.lastIndexOf(' ')));
        }
        return out;
    }
}
