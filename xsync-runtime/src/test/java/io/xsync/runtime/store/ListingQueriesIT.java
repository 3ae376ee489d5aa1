package io.xsync.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsync.api.Model;
import io.xsync.api.ModelObject;
import io.xsync.api.Save;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Paging, counts by sync state and the streamed failed objects, done by the database, on H2 and PostgreSQL. */
class ListingQueriesIT extends StoreTestSupport {

    @ParameterizedTest
    @MethodSource("dialects")
    void pageReturnsOneSliceInIdOrderWithFilters(String dialect) {
        JdbcStore store = open(dialect);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(site(store, (i % 2 == 0 ? "even" : "odd") + i).id());
        }
        Model sites = api(store).get("Site");
        assertThat(sites.page(Map.of(), 3, 0)).extracting(ModelObject::id).containsExactlyElementsOf(ids.subList(0, 3));
        assertThat(sites.page(Map.of(), 3, 6)).extracting(ModelObject::id).containsExactly(ids.get(6));
        assertThat(sites.page(Map.of(), 3, 7)).isEmpty();
        assertThat(sites.page(Map.of("name__startswith", "odd"), 2, 1)).extracting(ModelObject::id)
                .containsExactly(ids.get(3), ids.get(5));
        sites.get(ids.get(0)).orElseThrow().delete();
        assertThat(sites.page(Map.of(), 1, 0)).as("deleted objects only when the filter names deleted")
                .extracting(ModelObject::id).containsExactly(ids.get(1));
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void countsByStateMatchTheSyncStateOfEachObject(String dialect) {
        JdbcStore store = open(dialect);
        ModelObject ok = site(store, "ok");
        ModelObject okThenChanged = site(store, "changed");
        ModelObject failed = site(store, "failed");
        site(store, "new");
        ModelObject deleted = site(store, "deleted");
        reload(store, site(store, "excluded")).set("no_sync", true).save();
        reload(store, site(store, "blocked")).set("lazy_blocked", true).save();
        markSynced(store, ok);
        markSynced(store, okThenChanged);
        reload(store, okThenChanged).set("counter", 3).save(); // dirty again: pending, not ok
        markFailed(store, failed, "boom");
        deleted.delete();

        ModelCounts c = store.counts("Site");
        assertThat(c).isEqualTo(new ModelCounts("Site", 6, 1, 1, 2, 1));
        assertThat(c.pending()).isEqualTo(2);
        assertThat(store.counts("Slice")).isEqualTo(new ModelCounts("Slice", 0, 0, 0, 0, 0));

        List<FailedObject> seen = new ArrayList<>();
        store.scanFailed("Site", seen::add);
        assertThat(seen).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo(failed.id());
            assertThat(f.backendStatus()).isEqualTo("boom");
            assertThat(f.updated()).isNotNull();
        });
    }

    private static void markSynced(JdbcStore store, ModelObject o) {
        ModelObject s = store.withActor(reload(store, o), Actor.SYNC_STEP);
        s.set("enacted", s.getInstant("updated")).set("backend_code", 1).save();
    }

    private static void markFailed(JdbcStore store, ModelObject o, String message) {
        ModelObject f = store.withActor(reload(store, o), Actor.FRAMEWORK);
        f.set("backend_status", message).set("backend_code", 2);
        f.save(Save.updateFields("backend_status", "backend_code"));
    }
}
