package io.xsync.runtime.store;

import io.xsync.api.Model;
import io.xsync.api.ModelObject;
import io.xsync.api.Models;
import io.xsync.runtime.schema.Schema;
import io.xsync.runtime.time.SystemTime;
import io.xsync.runtime.time.Time;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * Base of the store integration tests: each test method takes the dialect as parameter
 * ({@code @ParameterizedTest @MethodSource("dialects")}) and opens stores through {@link #open};
 * they are closed (and their databases dropped) after the test.
 */
abstract class StoreTestSupport {
    private final List<AutoCloseable> opened = new ArrayList<>();

    static List<String> dialects() {
        return TestStores.dialects();
    }

    JdbcStore open(String dialect) {
        return open(dialect, TestSchemas.chain());
    }

    JdbcStore open(String dialect, Schema schema) {
        return open(dialect, schema, SystemTime.INSTANCE);
    }

    JdbcStore open(String dialect, Schema schema, Time time) {
        JdbcStore s = TestStores.open(dialect, schema, time);
        opened.add(s);
        return s;
    }

    /** Registers something to close after the test (closed in reverse order). */
    <T extends AutoCloseable> T closeLater(T c) {
        opened.add(c);
        return c;
    }

    @AfterEach
    void closeStores() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        opened.clear();
    }

    static Model model(Store store, Actor actor, String name) {
        return store.models(actor).get(name);
    }

    /** A saved Site (as API) named {@code name}. */
    static ModelObject site(Store store, String name) {
        ModelObject s = store.models(Actor.API).get("Site").newObject().set("name", name);
        s.save();
        return s;
    }

    static ModelObject slice(Store store, ModelObject site, String name) {
        ModelObject s = store.models(Actor.API).get("Slice").newObject().set("name", name).set("site", site);
        s.save();
        return s;
    }

    static ModelObject instance(Store store, ModelObject slice, String name) {
        ModelObject i = store.models(Actor.API).get("Instance").newObject().set("name", name).set("slice", slice);
        i.save();
        return i;
    }

    /** The object as stored now, read through a fresh API accessor. */
    /** What the sync engine does after sync_record succeeds. */
    static void markSynced(JdbcStore store, ModelObject o) {
        ModelObject s = store.withActor(reload(store, o), Actor.SYNC_STEP);
        java.time.Instant updated = s.getInstant("updated");
        java.time.Instant cbp = s.getInstant("changed_by_policy");
        s.set("enacted", cbp != null && cbp.isAfter(updated) ? cbp : updated).set("backend_code", 1).save();
    }

    static ModelObject reload(Store store, ModelObject o) {
        return store.models(Actor.API).get(o.model().name()).get(o.id()).orElseThrow();
    }

    static Models api(Store store) {
        return store.models(Actor.API);
    }
}
