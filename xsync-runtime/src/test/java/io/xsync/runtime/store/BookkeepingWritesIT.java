package io.xsync.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsync.api.ModelException;
import io.xsync.api.ModelObject;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The engines' bookkeeping writes: saveBookkeeping and unannounced transactions, on H2 and PostgreSQL. */
class BookkeepingWritesIT extends StoreTestSupport {

    @ParameterizedTest
    @MethodSource("dialects")
    void bookkeepingOfManyObjectsIsWrittenWithoutMovingTimestamps(String dialect) {
        JdbcStore store = open(dialect);
        ModelObject site = site(store, "s");
        ModelObject slice = slice(store, site, "x");
        ModelObject other = slice(store, site, "y");
        Instant updated = reload(store, slice).getInstant("updated");
        List<ModelObject> objects = List.of(
                store.withActor(site, Actor.SYNC_STEP), store.withActor(slice, Actor.SYNC_STEP));
        Instant enacted = Instant.parse("2100-01-02T03:04:05Z"); // after any change
        objects.forEach(o -> o.set("enacted", enacted).set("backend_status", "OK").set("backend_code", 1));
        store.saveBookkeeping(objects, List.of("enacted", "backend_status", "backend_code"));

        for (ModelObject o : List.of(site, slice)) {
            ModelObject back = reload(store, o);
            assertThat(back.getInstant("enacted")).isEqualTo(enacted);
            assertThat(back.getString("backend_status")).isEqualTo("OK");
            assertThat(back.getLong("backend_code")).isEqualTo(1);
            assertThat(back.getInstant("changed_by_step")).as("bookkeeping is no change").isNull();
        }
        assertThat(reload(store, slice).getInstant("updated")).isEqualTo(updated);
        assertThat(reload(store, other).getInstant("enacted")).as("not among the objects").isNull();
        assertThat(store.dirtyForSync("Slice")).extracting(ModelObject::id).containsExactly(other.id());
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void aGoneRowFailsTheWriteAndNothingIsWritten(String dialect) throws Exception {
        JdbcStore store = open(dialect);
        ModelObject kept = store.withActor(site(store, "kept"), Actor.SYNC_STEP);
        ModelObject gone = store.withActor(site(store, "gone"), Actor.SYNC_STEP);
        // purged as the reaper would, behind the object's back
        try (var c = store.dataSource().getConnection(); var st = c.createStatement()) {
            st.executeUpdate("DELETE FROM \"xs_site\" WHERE \"id\" = " + gone.id());
        }
        List<ModelObject> objects = List.of(kept, gone);
        objects.forEach(o -> o.set("backend_status", "written"));
        assertThatThrownBy(() -> store.saveBookkeeping(objects, List.of("backend_status")))
                .isInstanceOfSatisfying(ModelException.class,
                        e -> assertThat(e.kind()).isEqualTo(ModelException.Kind.NOT_FOUND));
        assertThat(reload(store, kept).getString("backend_status")).isNotEqualTo("written");
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void onlyBookkeepingFieldsAreWrittenThisWay(String dialect) {
        JdbcStore store = open(dialect);
        ModelObject site = store.withActor(site(store, "s"), Actor.SYNC_STEP);
        site.set("name", "renamed");
        assertThatThrownBy(() -> store.saveBookkeeping(List.of(site), List.of("name")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Site.name");
        assertThat(reload(store, site).getString("name")).isEqualTo("s");
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void anUnannouncedTransactionIsHeardByNoListener(String dialect) throws Exception {
        JdbcStore store = open(dialect);
        ModelObject site = store.withActor(site(store, "s"), Actor.SYNC_STEP);
        List<Set<String>> heard = new CopyOnWriteArrayList<>();
        store.addChangeListener(heard::add);
        store.inUnannouncedTransaction(() -> {
            site.set("backend_need_delete", true);
            store.saveBookkeeping(List.of(site), List.of("backend_need_delete"));
            return null;
        });
        assertThat(reload(store, site).getBoolean("backend_need_delete")).isTrue();
        assertThat(heard).isEmpty();
        store.inTransaction(() -> store.inUnannouncedTransaction(() -> {
            site.set("backend_status", "joined");
            store.saveBookkeeping(List.of(site), List.of("backend_status"));
            return null;
        }));
        assertThat(heard).as("joined an announced transaction").containsExactly(Set.of("Site"));
    }
}
