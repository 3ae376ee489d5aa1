package io.xsync.runtime.store;

import io.xsync.api.Models;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** The accessor of one actor over every model of the store. */
final class ModelsImpl implements Models {
    private final JdbcStore store;
    private final Actor actor;
    private final Map<String, ModelImpl> models = new LinkedHashMap<>();

    ModelsImpl(JdbcStore store, Actor actor) {
        this.store = store;
        this.actor = actor;
        for (Table t : store.catalog().tables()) {
            models.put(t.model().name(), new ModelImpl(store, t, actor));
        }
    }

    @Override
    public ModelImpl get(String name) {
        ModelImpl m = models.get(name);
        if (m == null) {
            store.schema().model(name); // throws UNKNOWN_MODEL naming it
        }
        return m;
    }

    @Override
    public Set<String> names() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(models.keySet()));
    }

    Actor actor() {
        return actor;
    }

    @Override
    public String toString() {
        return "Models[" + actor + "]";
    }
}
