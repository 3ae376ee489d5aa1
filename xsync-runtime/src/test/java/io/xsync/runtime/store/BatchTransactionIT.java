package io.xsync.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsync.api.Model;
import io.xsync.api.ModelObject;
import io.xsync.runtime.schema.FieldType;
import io.xsync.runtime.schema.Schema;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code Store.inBatchTransaction}: inserts of new objects are held back and written as batches,
 * yet every read of the transaction sees them, savepoints drop exactly their own rows, and a held
 * insert the database refuses fails the transaction.
 */
class BatchTransactionIT extends StoreTestSupport {

    private static Model sites(JdbcStore store) {
        return store.models(Actor.EVENT_STEP).get("Site");
    }

    private static ModelObject newSite(JdbcStore store, String name, int counter) {
        ModelObject s = sites(store).newObject().set("name", name).set("counter", counter);
        s.save();
        return s;
    }

    private static int held(JdbcStore store) {
        DeferredInserts d = store.tx().deferred();
        return d == null ? 0 : d.size();
    }

    private static List<String> names(List<ModelObject> objects) {
        return objects.stream().map(o -> o.getString("name")).toList();
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void heldInsertsGetIdsAtOnceAndFilterAndCountSeeThemBeforeTheyAreWritten(String dialect) throws Exception {
        JdbcStore store = open(dialect);
        ModelObject before = newSite(store, "old", 1);
        store.inBatchTransaction(() -> {
            ModelObject a = newSite(store, "a", 1);
            ModelObject b = newSite(store, "b", 2);
            ModelObject c = newSite(store, "c", 1);
            assertThat(held(store)).as("held back, not written").isEqualTo(3);
            assertThat(List.of(a.id(), b.id(), c.id())).doesNotHaveDuplicates().doesNotContain(before.id());
            assertThat(names(sites(store).filter(Map.of("counter", 1)))).containsExactly("old", "a", "c");
            assertThat(names(sites(store).filter(Map.of("name__in", List.of("b", "c", "zz"))))).containsExactly("b", "c");
            assertThat(names(sites(store).filter(Map.of("name", "a", "counter", "1")))).containsExactly("a");
            assertThat(sites(store).filter(Map.of("name", "a", "deleted", true))).isEmpty();
            assertThat(sites(store).filter(Map.of("name", "d"))).isEmpty();
            ModelObject d = newSite(store, "d", 1);
            assertThat(sites(store).filter(Map.of("name", "d"))).as("a row held after the lookup before")
                    .extracting(ModelObject::id).containsExactly(d.id());
            assertThat(names(sites(store).filter(Map.of("counter", 1)))).containsExactly("old", "a", "c", "d");
            assertThat(sites(store).count(Map.of())).isEqualTo(5);
            assertThat(sites(store).count(Map.of("counter", 1), 2)).isEqualTo(2);
            ModelObject read = sites(store).filter(Map.of("name", "b")).get(0);
            assertThat(read.id()).isEqualTo(b.id());
            assertThat(read.fields()).as("as read from the database").isEqualTo(reload(store, b).fields());
            assertThat(held(store)).as("a get by id writes them first").isZero();
            return null;
        });
        assertThat(names(sites(store).all())).containsExactlyInAnyOrder("old", "a", "b", "c", "d");
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void idsFollowTheOrderOfCreationAcrossTransactions(String dialect) throws Exception {
        JdbcStore store = open(dialect);
        ModelObject first = store.inBatchTransaction(() -> newSite(store, "first", 0));
        ModelObject between = site(store, "between");
        List<ModelObject> batch = store.inBatchTransaction(() -> {
            List<ModelObject> made = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                made.add(newSite(store, "n" + i, 0));
            }
            return made;
        });
        ModelObject last = site(store, "last");
        assertThat(between.id()).as("a transaction saving one object takes one id").isEqualTo(first.id() + 1);
        assertThat(batch).extracting(ModelObject::id).isSorted().doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).isGreaterThan(between.id()).isLessThan(last.id()));
        assertThat(sites(store).count(Map.of())).isEqualTo(303);
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void aReadThatCannotBeAnsweredBesideTheHeldRowsWritesThemFirst(String dialect) throws Exception {
        JdbcStore store = open(dialect);
        store.inBatchTransaction(() -> {
            newSite(store, "alpha", 1);
            newSite(store, "beta", 1);
            assertThat(names(sites(store).filter(Map.of("name__startswith", "al")))).containsExactly("alpha");
            assertThat(held(store)).isZero();
            store.models(Actor.EVENT_STEP).get("VsgService").newObject().set("name", "v").set("vlan", 7).save();
            assertThat(held(store)).isEqualTo(1);
            // a parent model's read joins its subclasses' tables: written first
            assertThat(names(store.models(Actor.EVENT_STEP).get("Service").all())).containsExactly("v");
            assertThat(held(store)).isZero();
            return null;
        });
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void objectsWithALinkOrAUniqueFieldAreWrittenAtOnce(String dialect) throws Exception {
        JdbcStore store = open(dialect);
        ModelObject site = newSite(store, "s", 0);
        store.inBatchTransaction(() -> {
            store.models(Actor.EVENT_STEP).get("Slice").newObject().set("name", "x").set("site", site).save();
            store.models(Actor.EVENT_STEP).get("Image").newObject().set("name", "img").save();
            assertThat(held(store)).isZero();
            return null;
        });
        assertThat(store.models(Actor.API).get("Slice").count(Map.of())).isEqualTo(1);
        assertThat(store.models(Actor.API).get("Image").count(Map.of())).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void aFailingSavepointDropsItsOwnHeldRowsAndKeepsTheOthers(String dialect) throws Exception {
        JdbcStore store = open(dialect);
        store.inBatchTransaction(() -> {
            newSite(store, "kept1", 0);
            assertThatThrownBy(() -> store.withSavepoint(() -> {
                newSite(store, "dropped", 0);
                assertThat(names(sites(store).filter(Map.of("counter", 0)))).containsExactly("kept1", "dropped");
                throw new IllegalStateException("step failed");
            })).hasMessage("step failed");
            store.withSavepoint(() -> newSite(store, "kept2", 0));
            assertThat(names(sites(store).filter(Map.of("counter", 0)))).containsExactly("kept1", "kept2");
            return null;
        });
        assertThat(names(sites(store).all())).containsExactlyInAnyOrder("kept1", "kept2");
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void aSavepointSetInTheDatabaseMidWayRollsBackTheRawWritesAndTheHeldRowsAfterIt(String dialect)
            throws Exception {
        JdbcStore store = open(dialect);
        exec(store, "CREATE TABLE side (v VARCHAR(20))");
        store.inBatchTransaction(() -> {
            newSite(store, "before", 0);
            assertThatThrownBy(() -> store.withSavepoint(() -> {
                newSite(store, "inside1", 0);
                // the raw connection writes the held rows and sets the savepoint in the database
                try (Statement st = store.currentConnection().createStatement()) {
                    st.executeUpdate("INSERT INTO side VALUES ('inside')");
                }
                newSite(store, "inside2", 0);
                throw new IllegalStateException("step failed");
            })).hasMessage("step failed");
            newSite(store, "after", 0);
            return null;
        });
        assertThat(names(sites(store).all())).containsExactlyInAnyOrder("before", "after");
        assertThat(countSide(store)).isZero();
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void aHeldInsertTheDatabaseRefusesFailsTheWholeTransaction(String dialect) {
        JdbcStore store = open(dialect);
        exec(store, "ALTER TABLE " + Dialect.quote("xs_site") + " ADD CONSTRAINT no_bob CHECK (" + Dialect.quote("name")
                + " <> 'bob')");
        List<String> seen = new ArrayList<>();
        assertThatThrownBy(() -> store.inBatchTransaction(() -> {
            newSite(store, "alice", 0);
            newSite(store, "bob", 0);
            seen.add("saved");
            return null;
        })).hasMessageContaining("held-back inserts failed")
                .satisfies(e -> assertThat(e.getMessage().toLowerCase(java.util.Locale.ROOT)).contains("no_bob"));
        assertThat(seen).containsExactly("saved");
        assertThat(sites(store).count(Map.of())).as("nothing of the transaction").isZero();
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void outsideABatchTransactionNothingIsHeld(String dialect) throws Exception {
        JdbcStore store = open(dialect);
        store.inTransaction(() -> {
            newSite(store, "a", 0);
            assertThat(store.tx().deferred()).isNull();
            return null;
        });
        assertThat(store.tx().deferred()).isNull();
        assertThat(sites(store).count(Map.of())).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void heldRowsAreWrittenAsSetWhetherTheirFieldsHoldTheDefaultOrNot(String dialect) throws Exception {
        Schema schema = TestSchemas.builder().model("Note")
                .field("title", FieldType.STRING).required()
                .field("motto", FieldType.STRING).def("it's 'quoted'")
                .field("path", FieldType.STRING).def("a\\b")
                .field("enabled", FieldType.BOOL).def(true)
                .field("counter", FieldType.INT32).def(0)
                .field("size", FieldType.INT64).def(7L)
                .field("ratio", FieldType.DOUBLE).def(0.5)
                .field("remark", FieldType.STRING).nullable()
                .build();
        JdbcStore store = open(dialect, schema);
        Model notes = store.models(Actor.EVENT_STEP).get("Note");
        List<Map<String, Object>> sets = List.of(Map.of(), Map.of("motto", "other", "counter", 3),
                Map.of("enabled", false, "size", 0L, "ratio", 1.5, "remark", "r"), Map.of(),
                Map.of("motto", "it's 'quoted'", "counter", 0, "remark", "it's", "path", "c\\d"));
        List<ModelObject> saved = store.inBatchTransaction(() -> {
            List<ModelObject> out = new ArrayList<>();
            for (int i = 0; i < sets.size(); i++) {
                ModelObject o = notes.newObject().set("title", "n" + i);
                sets.get(i).forEach(o::set);
                o.save();
                out.add(o);
            }
            assertThat(held(store)).as("held back, in shapes of their own").isEqualTo(sets.size());
            return out;
        });
        assertThat(saved.stream().map(ModelObject::id).toList()).isSorted().doesNotHaveDuplicates();
        for (int i = 0; i < sets.size(); i++) {
            ModelObject back = reload(store, saved.get(i));
            assertThat(back.fields()).as("row %d as read back", i).isEqualTo(saved.get(i).fields());
            ModelObject fresh = notes.newObject();
            for (String field : List.of("motto", "path", "enabled", "counter", "size", "ratio", "remark")) {
                Object expected = sets.get(i).containsKey(field) ? sets.get(i).get(field) : fresh.get(field);
                assertThat(back.get(field)).as("row %d field %s", i, field).isEqualTo(expected);
            }
        }
    }

    private static long countSide(JdbcStore store) throws Exception {
        return store.inTransaction(() -> {
            try (Statement st = store.currentConnection().createStatement();
                 java.sql.ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM side")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static void exec(JdbcStore store, String sql) {
        try {
            store.inTransaction(() -> {
                try (Statement st = store.currentConnection().createStatement()) {
                    st.execute(sql);
                }
                return null;
            });
        } catch (Exception e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
