package io.xsync.http;

import io.xsync.api.ModelObject;
import io.xsync.api.Models;
import io.xsync.api.Save;
import io.xsync.runtime.schema.Schema;
import io.xsync.runtime.schema.XprotoLoader;
import io.xsync.runtime.store.Actor;
import io.xsync.runtime.store.Store;
import io.xsync.runtime.store.TestStores;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** The test store and helpers that put objects into known sync states. */
final class TestData {
    private TestData() {
    }

    /** A fresh store with the models of {@code src/test/resources/models}. */
    static Store store() {
        return TestStores.h2(schema());
    }

    /** The schema of {@code src/test/resources/models}. */
    static Schema schema() {
        try {
            return XprotoLoader.load(Path.of(TestData.class.getResource("/models").toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates a person as the API would. */
    static ModelObject person(Store store, String first, String last) {
        ModelObject p = store.models(Actor.API).get("Person").newObject();
        p.set("first_name", first).set("last_name", last);
        p.save();
        return p;
    }

    /** Marks the object synced successfully, as the sync engine would. */
    static void markOk(Store store, ModelObject o) {
        Models fw = store.models(Actor.FRAMEWORK);
        ModelObject f = fw.get(o.model().name()).get(o.id()).orElseThrow();
        f.set("enacted", f.getInstant("updated")).set("backend_status", "OK").set("backend_code", 1);
        f.save(Save.updateFields("enacted", "backend_status", "backend_code"));
    }

    /** Marks the object failed with {@code message}, as the sync engine would. */
    static void markError(Store store, ModelObject o, String message) {
        markError(store, o, message, "1700000000.5");
    }

    /** Marks the object failed; {@code lastFailure} is a JSON value (epoch seconds or a quoted ISO time). */
    static void markError(Store store, ModelObject o, String message, String lastFailure) {
        Models fw = store.models(Actor.FRAMEWORK);
        ModelObject f = fw.get(o.model().name()).get(o.id()).orElseThrow();
        String json = lastFailure.matches("[0-9.]+") ? lastFailure : "\"" + lastFailure + "\"";
        f.set("backend_status", message).set("backend_code", 2)
                .set("backend_register", "{\"failures\": 1, \"last_failure\": " + json + "}");
        f.save(Save.updateFields("backend_status", "backend_code", "backend_register"));
    }
}
