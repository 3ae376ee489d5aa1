package io.xsync.runtime.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The model dependency graph in XOS {@code model-deps} form:
 * {@code {"Instance": [["Slice", "slice", "instances"], ...]}} — Instance depends on Slice,
 * reached through Instance's field {@code slice}. Immutable. Links from a model to itself stay in
 * {@link #edges()} (and in the JSON) but are left out of {@link #dependencies} and {@link #order()}.
 */
public final class DependencyGraph {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One dependency: {@code [peer, field, reverse]}; field and reverse are "" when unknown. */
    public record Edge(String peer, String field, String reverse) {
    }

    private final Map<String, List<Edge>> edges;

    /** A graph of these entries (copied; key order kept). */
    public DependencyGraph(Map<String, List<Edge>> edges) {
        Map<String, List<Edge>> copy = new LinkedHashMap<>();
        edges.forEach((model, list) -> copy.put(model, List.copyOf(list)));
        this.edges = Collections.unmodifiableMap(copy);
    }

    /** Dependencies of each model, models in file order. */
    public Map<String, List<Edge>> edges() {
        return edges;
    }

    /** The entries of one model, empty when it has none or is not a key. */
    public List<Edge> edges(String model) {
        return edges.getOrDefault(model, List.of());
    }

    /** The distinct models {@code model} depends on, in entry order, without itself. */
    public Set<String> dependencies(String model) {
        Set<String> deps = new LinkedHashSet<>();
        for (Edge e : edges(model)) {
            if (!e.peer().equals(model)) {
                deps.add(e.peer());
            }
        }
        return deps;
    }

    /** The models that depend on {@code model} (not counting itself), in key order. */
    public Set<String> dependents(String model) {
        Set<String> result = new LinkedHashSet<>();
        for (String m : edges.keySet()) {
            if (!m.equals(model) && dependencies(m).contains(model)) {
                result.add(m);
            }
        }
        return result;
    }

    /**
     * Every model named by the graph, dependencies before the models that depend on them; among
     * independent models, key order. A cycle is broken where the depth-first walk re-enters it.
     * Sync runs in this order, deletion in reverse.
     */
    public List<String> order() {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String m : edges.keySet()) {
            visit(m, seen, out);
        }
        return out;
    }

    private void visit(String model, Set<String> seen, List<String> out) {
        if (!seen.add(model)) {
            return;
        }
        for (String dep : dependencies(model)) {
            visit(dep, seen, out);
        }
        out.add(model);
    }

    /** Reads a model-deps JSON file; errors name the file (and line:column for bad JSON). */
    public static DependencyGraph load(Path file) {
        return new DependencyGraph(DependencyGraphReader.read(file));
    }

    /** Reads a model-deps JSON file and checks that every model it names is in {@code schema}. */
    public static DependencyGraph load(Path file, Schema schema) {
        DependencyGraph g = load(file);
        g.edges.forEach((model, list) -> {
            if (schema.find(model) == null) {
                throw new DependencyGraphException(file + ": unknown model '" + model + "' (no xproto file defines it)");
            }
            for (Edge e : list) {
                if (schema.find(e.peer()) == null) {
                    throw new DependencyGraphException(file + ": '" + model + "' depends on unknown model '"
                            + e.peer() + "' (no xproto file defines it)");
                }
            }
        });
        return g;
    }

    /**
     * Derives the graph from the xproto links the way XOS's generator ({@code model-deps}) does: one
     * key per model in file order, except models named {@code XOSBase} and {@code Controller}. A
     * model M that has a controller model ({@code ControllerM}, else {@code Controller} + M's plural)
     * first gets that model's links pointing at M, each {@code [ControllerM, reverse, field]}; then
     * come M's inherited links (parents depth-first, in parent order, repeats kept) and its own,
     * every link kind, each {@code [peer, field, reverse as written]} ({@code +} kept, "" when none).
     */
    public static DependencyGraph derive(Schema schema) {
        Map<String, List<Edge>> edges = new LinkedHashMap<>();
        for (Schema.Declared m : schema.declared()) {
            if (m.name().equals(BaseFields.BASE_MODEL) || m.name().equals(CONTROLLER)) {
                continue;
            }
            List<Edge> list = new ArrayList<>();
            Schema.Declared controller = controllerOf(schema, m);
            if (controller != null) {
                for (LinkDef l : inheritedAndOwn(schema, controller)) {
                    if (l.peer().equals(m.name())) {
                        list.add(new Edge(controller.name(), l.reverseAsWritten(), l.field()));
                    }
                }
            }
            for (LinkDef l : inheritedAndOwn(schema, m)) {
                list.add(new Edge(l.peer(), l.field(), l.reverseAsWritten()));
            }
            edges.put(m.name(), list);
        }
        return new DependencyGraph(edges);
    }

    private static final String CONTROLLER = "Controller";

    private static Schema.Declared controllerOf(Schema schema, Schema.Declared m) {
        Schema.Declared c = schema.declared(CONTROLLER + m.name());
        return c != null ? c : schema.declared(CONTROLLER + Plurals.of(m.name(), m.options().get("plural")));
    }

    /** The links of the parents (depth-first, parent order), then the message's own. */
    private static List<LinkDef> inheritedAndOwn(Schema schema, Schema.Declared m) {
        List<LinkDef> out = new ArrayList<>();
        addInherited(schema, m, out, new HashSet<>());
        out.addAll(m.links());
        return out;
    }

    private static void addInherited(Schema schema, Schema.Declared m, List<LinkDef> out, Set<String> path) {
        if (!path.add(m.name())) {
            return; // an inheritance cycle was already refused by the loader; stay finite anyway
        }
        for (String p : m.parents()) {
            Schema.Declared parent = schema.declared(p);
            if (parent != null) {
                addInherited(schema, parent, out, path);
                out.addAll(parent.links());
            }
        }
        path.remove(m.name());
    }

    /** The graph as model-deps JSON, pretty-printed: one entry per line, key order preserved. */
    public String toJson() {
        StringBuilder sb = new StringBuilder("{");
        String sep = "\n";
        for (Map.Entry<String, List<Edge>> e : edges.entrySet()) {
            sb.append(sep).append("  ").append(quote(e.getKey())).append(": [");
            String entrySep = "\n";
            for (Edge edge : e.getValue()) {
                sb.append(entrySep).append("    [").append(quote(edge.peer())).append(", ")
                        .append(quote(edge.field())).append(", ").append(quote(edge.reverse())).append(']');
                entrySep = ",\n";
            }
            sb.append(e.getValue().isEmpty() ? "]" : "\n  ]");
            sep = ",\n";
        }
        return sb.append(edges.isEmpty() ? "}" : "\n}").append('\n').toString();
    }

    private static String quote(String s) {
        try {
            return MAPPER.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // a String always serializes
        }
    }
}
