package io.xsync.runtime.schema;

import io.xsync.api.ModelException;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every model of a synchronizer, in file order (files sorted by name, messages in order), plus
 * the warnings met while building it. Immutable.
 */
public final class Schema {
    private final Map<String, ModelDef> models;
    private final List<String> warnings;

    public Schema(List<ModelDef> models, List<String> warnings) {
        Map<String, ModelDef> m = new LinkedHashMap<>();
        for (ModelDef d : models) {
            m.put(d.name(), d);
        }
        this.models = Collections.unmodifiableMap(m);
        this.warnings = List.copyOf(warnings);
    }

    /** Models in file order. */
    public Collection<ModelDef> models() {
        return models.values();
    }

    /** The model, or {@link ModelException} (UNKNOWN_MODEL) naming it. */
    public ModelDef model(String name) {
        ModelDef d = models.get(name);
        if (d == null) {
            throw new ModelException(ModelException.Kind.UNKNOWN_MODEL, "unknown model '" + name
                    + "' (known: " + String.join(", ", models.keySet()) + ")");
        }
        return d;
    }

    /** The model, or null. */
    public ModelDef find(String name) {
        return models.get(name);
    }

    public List<String> warnings() {
        return warnings;
    }
}
