package io.xsync.runtime.schema;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The model dependency graph in XOS {@code model-deps} form:
 * {@code {"Instance": [["Slice", "slice", "instances"], ...]}} — Instance depends on Slice,
 * reached through Instance's field {@code slice}.
 */
public final class DependencyGraph {

    /** One dependency: {@code [peer, field, reverse]}. */
    public record Edge(String peer, String field, String reverse) {
    }

    private final Map<String, List<Edge>> edges;

    public DependencyGraph(Map<String, List<Edge>> edges) {
        this.edges = edges;
    }

    /** Dependencies of each model, models in file order. */
    public Map<String, List<Edge>> edges() {
        return edges;
    }

    /** Reads a model-deps JSON file. */
    public static DependencyGraph load(Path file) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Derives the graph from the xproto links exactly as XOS's generator does (DESIGN §3). */
    public static DependencyGraph derive(Schema schema) {
        throw new UnsupportedOperationException("TODO");
    }

    /** The graph as model-deps JSON, pretty-printed. */
    public String toJson() {
        throw new UnsupportedOperationException("TODO");
    }
}
