package io.xsync.runtime.schema;

import io.xsync.api.ModelException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every model of a synchronizer, in file order (files sorted by name, messages in order), the
 * messages as declared (for deriving the dependency graph), plus the warnings met while building
 * it. Immutable.
 */
public final class Schema {
    /**
     * A message as the file declares it, before inheritance: its parents as written and the links it
     * declares itself, in order. {@code XOSBase} is one too.
     */
    public record Declared(String name, List<String> parents, List<LinkDef> links, Map<String, String> options) {
        public Declared {
            parents = List.copyOf(parents);
            links = List.copyOf(links);
            options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        }
    }

    private final Map<String, ModelDef> models;
    private final Map<String, Declared> declared;
    private final List<SchemaWarning> warnings;

    /** A schema without declarations: every model's own links are those it declares. */
    public Schema(List<ModelDef> models, List<String> warnings) {
        this(models, declaredFrom(models), warnings.stream()
                .map(w -> new SchemaWarning(new SourceRef(null, 0, 0), "other", w)).toList());
    }

    public Schema(List<ModelDef> models, List<Declared> declared, List<SchemaWarning> warnings) {
        Map<String, ModelDef> m = new LinkedHashMap<>();
        for (ModelDef d : models) {
            m.put(d.name(), d);
        }
        this.models = Collections.unmodifiableMap(m);
        Map<String, Declared> dm = new LinkedHashMap<>();
        for (Declared d : declared) {
            dm.put(d.name(), d);
        }
        this.declared = Collections.unmodifiableMap(dm);
        this.warnings = List.copyOf(warnings);
    }

    private static List<Declared> declaredFrom(List<ModelDef> models) {
        List<Declared> out = new ArrayList<>();
        for (ModelDef d : models) {
            out.add(new Declared(d.name(), d.parents(),
                    d.links().stream().filter(l -> l.declaredIn().equals(d.name())).toList(), d.options()));
        }
        return out;
    }

    /** Models in file order. */
    public Collection<ModelDef> models() {
        return models.values();
    }

    /** Every message as declared, in file order, {@code XOSBase} included when a file defines it. */
    public Collection<Declared> declared() {
        return declared.values();
    }

    /** The declaration of a message, or null. */
    public Declared declared(String name) {
        return declared.get(name);
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

    /** The model and its ancestors that the schema defines (depth-first, in parent order). */
    public Set<String> selfAndAncestors(String model) {
        Set<String> out = new LinkedHashSet<>();
        collectAncestors(model, out);
        return out;
    }

    private void collectAncestors(String model, Set<String> out) {
        if (!out.add(model)) {
            return;
        }
        ModelDef d = models.get(model);
        if (d != null) {
            for (String p : d.parents()) {
                if (models.containsKey(p)) {
                    collectAncestors(p, out);
                }
            }
        }
    }

    /**
     * Of {@code candidates}, the one nearest to {@code model} in its inheritance: the model itself,
     * else its nearest ancestor (depth-first, in parent order); null when none is a candidate. This
     * is how a step or policy of a parent model takes the objects of models without one of their own.
     */
    public String nearestOf(String model, Collection<String> candidates) {
        for (String m : selfAndAncestors(model)) {
            if (candidates.contains(m)) {
                return m;
            }
        }
        return null;
    }

    /**
     * The links, each once (in the model that declares it), that point at one of {@code targets}
     * and have a reverse name: what an object of a target model is reached from by that name.
     */
    public List<LinkDef> namedReverseLinksTo(Collection<String> targets) {
        List<LinkDef> out = new ArrayList<>();
        for (ModelDef m : models.values()) {
            for (LinkDef l : m.links()) {
                if (l.declaredIn().equals(m.name()) && targets.contains(l.peer()) && !l.reverseName().isEmpty()) {
                    out.add(l);
                }
            }
        }
        return out;
    }

    /** The given models and every model inheriting from one of them. */
    public Set<String> withDescendants(Collection<String> names) {
        Set<String> out = new LinkedHashSet<>(names);
        for (String n : names) {
            out.addAll(descendants(n));
        }
        return out;
    }

    /** The models that inherit from {@code model}, directly or not, in file order (not itself). */
    public List<String> descendants(String model) {
        List<String> out = new ArrayList<>();
        for (ModelDef d : models.values()) {
            if (!d.name().equals(model) && selfAndAncestors(d.name()).contains(model)) {
                out.add(d.name());
            }
        }
        return out;
    }

    /** The warnings as {@code file:line:col: message} lines. */
    public List<String> warnings() {
        return warnings.stream().map(SchemaWarning::toString).toList();
    }

    /** The warnings with their kinds, for grouped display. */
    public List<SchemaWarning> warningList() {
        return warnings;
    }
}
