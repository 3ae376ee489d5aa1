package io.xsync.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsync.api.ModelException;
import io.xsync.api.ModelObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * unique and unique_with are database constraints over live rows: the database refuses a live
 * duplicate whatever wrote it, a deleted row awaiting reaping coexists with its re-created twin,
 * and a save refused by the constraint gets the CONFLICT the check gives.
 */
class UniqueConstraintIT extends StoreTestSupport {

    @ParameterizedTest
    @MethodSource("dialects")
    void theDatabaseRefusesALiveDuplicateWrittenAroundTheStore(String dialect) throws Exception {
        JdbcStore store = open(dialect);
        api(store).get("Image").newObject().set("name", "ubuntu").save();
        try (Connection c = store.dataSource().getConnection(); Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.executeUpdate("INSERT INTO \"xs_image\" (\"id\", \"name\", \"deleted\", "
                    + "\"leaf_model_name\") VALUES (999999, 'ubuntu', FALSE, 'Image')"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23505"));
        }
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void aDeletedRowCoexistsWithItsTwinAndCannotComeBackBesideIt(String dialect) {
        JdbcStore store = open(dialect);
        ModelObject site = site(store, "site");
        ModelObject first = slice(store, site, "web");
        first.delete();
        ModelObject twin = slice(store, site, "web"); // unique_with site: the deleted row does not block it
        assertThat(twin.id()).isNotEqualTo(first.id());

        // undeleting writes neither name nor site, so only the constraint can catch it
        ModelObject back = store.models(Actor.FRAMEWORK).get("Slice").get(first.id()).orElseThrow();
        back.set("deleted", false);
        assertThatThrownBy(back::save).isInstanceOf(ModelException.class)
                .satisfies(e -> assertThat(((ModelException) e).kind()).isEqualTo(ModelException.Kind.CONFLICT))
                .hasMessage("Slice with name = 'web', site_id = '" + site.id() + "' exists already (id " + twin.id() + ")");
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void concurrentWritersLeaveOneLiveRowPerName(String dialect) throws Exception {
        TestStores.Database db = closeLater(TestStores.database(dialect));
        List<JdbcStore> stores = List.of(closeLater(db.open(TestSchemas.chain())), closeLater(db.open(TestSchemas.chain())));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<?>> writes = new ArrayList<>();
        List<Throwable> unexpected = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (int w = 0; w < 6; w++) {
                JdbcStore store = stores.get(w % 2);
                writes.add(pool.submit(() -> {
                    for (int i = 0; i < 30; i++) {
                        try {
                            api(store).get("Image").newObject().set("name", "img" + i).save();
                        } catch (ModelException e) {
                            if (e.kind() != ModelException.Kind.CONFLICT) {
                                unexpected.add(e);
                            }
                        } catch (RuntimeException e) {
                            unexpected.add(e);
                        }
                    }
                }));
            }
        }
        for (Future<?> f : writes) {
            f.get();
        }
        pool.shutdown();
        assertThat(unexpected).isEmpty();
        for (int i = 0; i < 30; i++) {
            assertThat(api(stores.get(0)).get("Image").count(Map.of("name", "img" + i))).as("img" + i).isEqualTo(1);
        }
    }
}
