package io.xsync.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsync.api.ModelException;
import io.xsync.api.ModelObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A delete racing with creates that link to the deleted object: each create must either commit
 * first (and be deleted by the cascade) or be refused; no live object may point at a deleted one.
 */
class DeleteRaceIT extends StoreTestSupport {
    private static final int ROUNDS = 6;
    private static final int CREATES = 19;

    @ParameterizedTest
    @MethodSource("dialects")
    void noLiveChildPointsAtADeletedParentAfterParallelCreatesAndADelete(String dialect) throws Exception {
        JdbcStore store = open(dialect, TestSchemas.chain());
        ExecutorService pool = Executors.newFixedThreadPool(CREATES + 1);
        int created = 0;
        int refused = 0;
        try {
            for (int round = 0; round < ROUNDS; round++) {
                ModelObject site = site(store, "site" + round);
                CyclicBarrier start = new CyclicBarrier(CREATES + 1);
                List<Future<Boolean>> creates = new ArrayList<>();
                for (int i = 0; i < CREATES; i++) {
                    String name = "r" + round + "-" + i;
                    creates.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        return createSlice(store, site.id(), name);
                    }));
                }
                Future<?> delete = pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    store.models(Actor.API).get("Site").get(site.id()).orElseThrow().delete();
                    return null;
                });
                delete.get(60, TimeUnit.SECONDS);
                for (Future<Boolean> f : creates) {
                    if (f.get(60, TimeUnit.SECONDS)) {
                        created++;
                    } else {
                        refused++;
                    }
                }
                assertThat(liveSlicesOfDeletedSites(store)).as("round %d", round).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(created + refused).isEqualTo(ROUNDS * CREATES);
    }

    /** True when created, false when refused because the site is deleted. */
    private static boolean createSlice(JdbcStore store, long siteId, String name) {
        try {
            store.models(Actor.API).get("Slice").newObject().set("name", name).set("site", siteId).save();
            return true;
        } catch (ModelException e) {
            assertThat(e.kind()).isEqualTo(ModelException.Kind.CONFLICT);
            assertThat(e.getMessage()).contains("is deleted");
            return false;
        }
    }

    private static long liveSlicesOfDeletedSites(JdbcStore store) {
        long n = 0;
        for (ModelObject slice : store.models(Actor.API).get("Slice").all()) {
            long siteId = slice.getLong("site");
            if (store.models(Actor.API).get("Site").get(siteId).orElseThrow().getBoolean("deleted")) {
                n++;
            }
        }
        return n;
    }
}
