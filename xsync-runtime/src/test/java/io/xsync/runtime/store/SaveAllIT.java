package io.xsync.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsync.api.Model;
import io.xsync.api.ModelException;
import io.xsync.api.ModelObject;
import io.xsync.api.Save;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code Model.saveAll}: new objects go in as one batch, by exactly the rules of a single save
 * (timestamps and stamps per actor, permissions, values, links, unique values, also among the
 * objects of the call), all or nothing, announced once.
 */
class SaveAllIT extends StoreTestSupport {

    private static ModelException.Kind kind(Throwable e) {
        return ((ModelException) e).kind();
    }

    private static Model sites(JdbcStore store, Actor actor) {
        return store.models(actor).get("Site");
    }

    /** The stored row without id, name and the timestamps that differ between two saves. */
    private static Map<String, Object> comparable(JdbcStore store, ModelObject o) {
        Map<String, Object> row = new HashMap<>(reload(store, o).fields());
        for (String k : List.of("id", "name", "created", "updated", "changed_by_step", "changed_by_policy")) {
            row.remove(k);
        }
        return row;
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void newObjectsAreStoredAsASingleSaveWouldStoreThem(String dialect) {
        JdbcStore store = open(dialect);
        for (Actor actor : new Actor[] {Actor.API, Actor.SYNC_STEP, Actor.POLICY, Actor.EVENT_STEP}) {
            ModelObject single = sites(store, actor).newObject().set("name", "one-" + actor.ordinal())
                    .set("counter", 7).set("ratio", 0.5);
            single.save(Save.alwaysUpdateTimestamp());
            List<ModelObject> batch = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                batch.add(sites(store, actor).newObject().set("name", "b" + i + "-" + actor.ordinal())
                        .set("counter", 7).set("ratio", 0.5));
            }
            sites(store, actor).saveAll(batch, Save.alwaysUpdateTimestamp());

            assertThat(batch).allSatisfy(o -> assertThat(o.isNew()).isFalse());
            assertThat(batch.stream().map(ModelObject::id).toList()).doesNotHaveDuplicates().isSorted()
                    .allSatisfy(id -> assertThat(id).isGreaterThan(single.id()));
            for (ModelObject o : batch) {
                ModelObject back = reload(store, o);
                assertThat(comparable(store, o)).as(actor + ": same row as a single save")
                        .isEqualTo(comparable(store, single));
                assertThat(back.getString("name")).isEqualTo(o.getString("name"));
                assertThat(back.getInstant("updated")).isEqualTo(back.getInstant("created"))
                        .isEqualTo(o.getInstant("created"));
                assertThat(back.getInstant("changed_by_step") != null)
                        .isEqualTo(reload(store, single).getInstant("changed_by_step") != null)
                        .isEqualTo(actor == Actor.SYNC_STEP);
                assertThat(back.getInstant("changed_by_policy") != null).isEqualTo(actor == Actor.POLICY);
            }
        }
        assertThat(sites(store, Actor.API).count(Map.of())).isEqualTo(16);
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void theCallIsAnnouncedOnceAndReadBackInItsTransaction(String dialect) throws Exception {
        JdbcStore store = open(dialect);
        ModelObject site = site(store, "s");
        List<Set<String>> heard = new CopyOnWriteArrayList<>();
        store.addChangeListener(heard::add);
        List<ModelObject> objects = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            objects.add(api(store).get("Slice").newObject().set("name", "x" + i).set("site", site));
        }
        objects.add(api(store).get("Image").newObject().set("name", "img"));
        objects.add(sites(store, Actor.API).newObject().set("name", "t"));
        store.inTransaction(() -> {
            api(store).get("Slice").saveAll(objects);
            assertThat(api(store).get("Slice").filter(Map.of("site", site.id()))).hasSize(4);
            assertThat(heard).as("nothing before commit").isEmpty();
            return null;
        });
        assertThat(heard).containsExactly(Set.of("Slice", "Image", "Site"));
        assertThat(reload(store, objects.get(4)).getString("name")).isEqualTo("img");
        assertThat(api(store).get("Slice").count(Map.of())).isEqualTo(4);

        heard.clear();
        api(store).get("Slice").saveAll(List.of());
        assertThat(heard).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void aRollbackOfTheCallersTransactionTakesTheBatchAlong(String dialect) {
        JdbcStore store = open(dialect);
        assertThatThrownBy(() -> store.inTransaction(() -> {
            sites(store, Actor.API).saveAll(List.of(sites(store, Actor.API).newObject().set("name", "a"),
                    sites(store, Actor.API).newObject().set("name", "b")));
            throw new IllegalStateException("no");
        })).hasMessage("no");
        assertThat(sites(store, Actor.API).count(Map.of())).isZero();
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void permissionsAndValuesAreCheckedAndNothingIsSavedWhenOneFails(String dialect) {
        JdbcStore store = open(dialect);
        Model api = sites(store, Actor.API);
        assertThatThrownBy(() -> api.saveAll(List.of(api.newObject().set("name", "ok"),
                api.newObject().set("name", "s").set("status_detail", "up"))))
                .isInstanceOf(ModelException.class)
                .satisfies(e -> assertThat(kind(e)).isEqualTo(ModelException.Kind.PERMISSION))
                .hasMessageContaining("Site.status_detail");
        assertThatThrownBy(() -> api.saveAll(List.of(api.newObject().set("name", "ok"),
                api.newObject().set("name", "x".repeat(21)))))
                .isInstanceOf(ModelException.class)
                .satisfies(e -> assertThat(kind(e)).isEqualTo(ModelException.Kind.INVALID_VALUE))
                .hasMessageContaining("max_length 20");
        assertThat(api.count(Map.of())).isZero();

        List<ModelObject> bySync = List.of(sites(store, Actor.SYNC_STEP).newObject().set("name", "a")
                .set("status_detail", "up").set("last_seen", 5L));
        sites(store, Actor.SYNC_STEP).saveAll(bySync);
        assertThat(reload(store, bySync.get(0)).getString("status_detail")).isEqualTo("up");
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void linksToDeletedOrMissingObjectsAreRefused(String dialect) {
        JdbcStore store = open(dialect);
        ModelObject live = site(store, "live");
        ModelObject gone = site(store, "gone");
        gone.delete();
        Model slices = api(store).get("Slice");
        assertThatThrownBy(() -> slices.saveAll(List.of(slices.newObject().set("name", "a").set("site", live),
                slices.newObject().set("name", "b").set("site", gone.id()))))
                .isInstanceOf(ModelException.class)
                .satisfies(e -> assertThat(kind(e)).isEqualTo(ModelException.Kind.CONFLICT))
                .hasMessageContaining("Slice.site").hasMessageContaining("deleted");
        assertThatThrownBy(() -> slices.saveAll(List.of(slices.newObject().set("name", "a").set("site", live),
                slices.newObject().set("name", "b").set("site", 999_999L))))
                .isInstanceOf(ModelException.class)
                .satisfies(e -> assertThat(kind(e)).isEqualTo(ModelException.Kind.CONFLICT))
                .hasMessageContaining("does not exist");
        assertThat(slices.count(Map.of())).isZero();
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void uniqueValuesAreRefusedAgainstTheTableAndWithinTheCall(String dialect) {
        JdbcStore store = open(dialect);
        Model images = api(store).get("Image");
        ModelObject ubuntu = images.newObject().set("name", "ubuntu");
        ubuntu.save();
        ModelObject again = images.newObject().set("name", "ubuntu");
        String single = "";
        try {
            again.save();
        } catch (ModelException e) {
            single = e.getMessage();
        }
        assertThat(single).isEqualTo("Image with name = 'ubuntu' exists already (id " + ubuntu.id() + ")");
        assertThatThrownBy(() -> images.saveAll(List.of(images.newObject().set("name", "debian"),
                images.newObject().set("name", "ubuntu"))))
                .isInstanceOf(ModelException.class)
                .satisfies(e -> assertThat(kind(e)).isEqualTo(ModelException.Kind.CONFLICT))
                .hasMessage(single);

        List<ModelObject> twins = List.of(images.newObject().set("name", "a"), images.newObject().set("name", "x"),
                images.newObject().set("name", "x"));
        assertThatThrownBy(() -> images.saveAll(twins))
                .isInstanceOf(ModelException.class)
                .satisfies(e -> assertThat(kind(e)).isEqualTo(ModelException.Kind.CONFLICT))
                .hasMessageStartingWith("Image with name = 'x' exists already (id ");
        assertThat(images.count(Map.of())).isEqualTo(1);

        // unique_with: the same name on two sites is fine, twice on one site is not
        ModelObject s1 = site(store, "s1");
        ModelObject s2 = site(store, "s2");
        Model slices = api(store).get("Slice");
        slices.saveAll(List.of(slices.newObject().set("name", "web").set("site", s1),
                slices.newObject().set("name", "web").set("site", s2)));
        assertThat(slices.count(Map.of("name", "web"))).isEqualTo(2);
        assertThatThrownBy(() -> slices.saveAll(List.of(slices.newObject().set("name", "db").set("site", s1),
                slices.newObject().set("name", "db").set("site", s1))))
                .isInstanceOf(ModelException.class)
                .satisfies(e -> assertThat(kind(e)).isEqualTo(ModelException.Kind.CONFLICT));
        assertThat(slices.count(Map.of("name", "db"))).isZero();
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void savedObjectsAreUpdatedInTheSameTransactionAsTheNewOnes(String dialect) {
        JdbcStore store = open(dialect);
        ModelObject site = site(store, "s");
        ModelObject old = reload(store, site).set("counter", 3);
        Model slices = api(store).get("Slice");
        ModelObject refused = slices.newObject().set("name", "a").set("site", 999_999L);
        assertThatThrownBy(() -> slices.saveAll(List.of(old, refused))).isInstanceOf(ModelException.class);
        assertThat(refused.isNew()).isTrue();
        assertThat(reload(store, site).getLong("counter")).as("rolled back with the failing insert").isZero();

        ModelObject fresh = slices.newObject().set("name", "a").set("site", site);
        slices.saveAll(List.of(old, fresh));
        assertThat(reload(store, site).getLong("counter")).isEqualTo(3);
        assertThat(reload(store, fresh).getLong("site_id")).isEqualTo(site.id());
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void savedObjectsAreUpdatedInABatchByTheRulesOfASingleSave(String dialect) {
        JdbcStore store = open(dialect);
        List<ModelObject> sites = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sites.add(site(store, "s" + i));
        }
        Map<Long, java.time.Instant> updated = new HashMap<>();
        sites.forEach(o -> updated.put(o.id(), reload(store, o).getInstant("updated")));

        // bookkeeping by a sync step, with update_fields: nothing else moves
        List<ModelObject> bySync = new ArrayList<>();
        for (ModelObject o : sites) {
            bySync.add(store.withActor(reload(store, o), Actor.SYNC_STEP).set("backend_status", "OK")
                    .set("backend_code", 1).set("name", "not-written"));
        }
        sites(store, Actor.SYNC_STEP).saveAll(bySync, Save.updateFields("backend_status", "backend_code"));
        for (ModelObject o : sites) {
            ModelObject back = reload(store, o);
            assertThat(back.getString("backend_status")).isEqualTo("OK");
            assertThat(back.getLong("backend_code")).isEqualTo(1);
            assertThat(back.getString("name")).isEqualTo(o.getString("name"));
            assertThat(back.getInstant("updated")).isEqualTo(updated.get(o.id()));
            assertThat(back.getInstant("changed_by_step")).isNull();
        }

        // a real change by a sync step stamps changed_by_step; an API save moves updated
        List<ModelObject> changes = new ArrayList<>();
        for (ModelObject o : sites) {
            changes.add(store.withActor(reload(store, o), Actor.SYNC_STEP).set("counter", 9));
        }
        sites(store, Actor.SYNC_STEP).saveAll(changes);
        List<ModelObject> byApi = new ArrayList<>();
        for (ModelObject o : sites) {
            ModelObject back = reload(store, o);
            assertThat(back.getLong("counter")).isEqualTo(9);
            assertThat(back.getInstant("changed_by_step")).isNotNull();
            assertThat(back.getInstant("updated")).isEqualTo(updated.get(o.id()));
            byApi.add(back.set("ratio", 1.5));
        }
        sites(store, Actor.API).saveAll(byApi);
        for (ModelObject o : sites) {
            assertThat(reload(store, o).getInstant("updated")).isAfter(updated.get(o.id()));
        }

        // the API may not write feedback state, in a batch either; nothing of the call is saved
        List<ModelObject> refused = List.of(reload(store, sites.get(0)).set("counter", 1),
                reload(store, sites.get(1)).set("status_detail", "up"));
        assertThatThrownBy(() -> sites(store, Actor.API).saveAll(refused))
                .isInstanceOf(ModelException.class)
                .satisfies(e -> assertThat(kind(e)).isEqualTo(ModelException.Kind.PERMISSION));
        assertThat(reload(store, sites.get(0)).getLong("counter")).isEqualTo(9);
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void updatesOfUniqueValuesSeeTheUpdatesBeforeThem(String dialect) {
        JdbcStore store = open(dialect);
        Model images = api(store).get("Image");
        ModelObject a = images.newObject().set("name", "a");
        ModelObject b = images.newObject().set("name", "b");
        images.saveAll(List.of(a, b));
        a.set("name", "x");
        b.set("name", "x");
        assertThatThrownBy(() -> images.saveAll(List.of(a, b)))
                .isInstanceOf(ModelException.class)
                .satisfies(e -> assertThat(kind(e)).isEqualTo(ModelException.Kind.CONFLICT))
                .hasMessage("Image with name = 'x' exists already (id " + a.id() + ")");
        assertThat(reload(store, a).getString("name")).isEqualTo("a");
        assertThat(reload(store, b).getString("name")).isEqualTo("b");
        b.set("name", "y");
        images.saveAll(List.of(a, b));
        assertThat(reload(store, a).getString("name")).isEqualTo("x");
        assertThat(reload(store, b).getString("name")).isEqualTo("y");
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void anUpdateOfARowThatIsGoneIsNotFound(String dialect) throws Exception {
        JdbcStore store = open(dialect);
        ModelObject s1 = site(store, "s1");
        ModelObject s2 = site(store, "s2");
        try (Connection c = store.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM \"xs_site\" WHERE \"id\" = " + s2.id());
        }
        s1.set("counter", 4);
        s2.set("counter", 4);
        assertThatThrownBy(() -> sites(store, Actor.API).saveAll(List.of(s1, s2)))
                .isInstanceOf(ModelException.class)
                .satisfies(e -> assertThat(kind(e)).isEqualTo(ModelException.Kind.NOT_FOUND))
                .hasMessageContaining("Site " + s2.id());
        assertThat(reload(store, s1).getLong("counter")).isZero();
    }

    @ParameterizedTest
    @MethodSource("dialects")
    @SuppressWarnings("unchecked")
    void manyToManyValuesOfNewObjectsAreWritten(String dialect) throws Exception {
        JdbcStore store = open(dialect, TestSchemas.xosLike());
        ModelObject site = api(store).get("Site").newObject().set("name", "s").set("login_base", "s");
        site.save();
        Model slices = api(store).get("Slice");
        ModelObject owner = slices.newObject().set("name", "owner").set("site", site);
        ModelObject a = slices.newObject().set("name", "a").set("site", site);
        slices.saveAll(List.of(owner, a));
        Model networks = api(store).get("Network");
        ModelObject n1 = networks.newObject().set("name", "n1").set("owner", owner)
                .set("permitted_slices_ids", List.of(a.id(), owner.id()));
        ModelObject n2 = networks.newObject().set("name", "n2").set("owner", owner);
        networks.saveAll(List.of(n1, n2));
        assertThat((List<Object>) reload(store, n1).get("permitted_slices_ids")).containsExactlyInAnyOrder(a.id(), owner.id());
        assertThat(reload(store, n2).get("permitted_slices_ids")).isEqualTo(List.of());
        try (Connection c = store.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM \"xs_network_permitted_slices\"")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(2);
        }
    }
}
