package io.xsync.runtime.schema;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Models in dependency order: every model after the models it depends on; models of one level
 * (no dependency between them) in file order.
 * Links from a model to itself are ignored. Models caught in a dependency cycle keep their file
 * order after the acyclic ones (a cycle has no correct order; file order is at least stable).
 */
public final class ModelOrder {
    private final List<String> order;
    private final Map<String, Integer> rank = new HashMap<>();

    /**
     * @param graph  the dependency graph
     * @param models every model to place, in file order (models missing from the graph have no
     *               dependencies)
     */
    public ModelOrder(DependencyGraph graph, Collection<String> models) {
        this.order = sort(graph, models);
        for (int i = 0; i < order.size(); i++) {
            rank.put(order.get(i), i);
        }
    }

    /** Models, dependencies first. */
    public List<String> order() {
        return order;
    }

    /** Position of a model in {@link #order()}; unknown models sort last. */
    public int rank(String model) {
        Integer r = rank.get(model);
        return r == null ? order.size() : r;
    }

    private static List<String> sort(DependencyGraph graph, Collection<String> models) {
        Set<String> all = new LinkedHashSet<>(models);
        all.addAll(graph.edges().keySet());
        Map<String, Set<String>> dependents = new LinkedHashMap<>();
        Map<String, Integer> missing = new LinkedHashMap<>();
        for (String m : all) {
            dependents.put(m, new LinkedHashSet<>());
            missing.put(m, 0);
        }
        for (Map.Entry<String, List<DependencyGraph.Edge>> e : graph.edges().entrySet()) {
            Set<String> peers = new LinkedHashSet<>();
            for (DependencyGraph.Edge edge : e.getValue()) {
                if (!edge.peer().equals(e.getKey()) && all.contains(edge.peer())) {
                    peers.add(edge.peer());
                }
            }
            for (String peer : peers) {
                dependents.get(peer).add(e.getKey());
            }
            missing.put(e.getKey(), peers.size());
        }
        List<String> out = new ArrayList<>(all.size());
        // Kahn's algorithm; scanning in file order each round keeps ties in file order.
        Set<String> placed = new LinkedHashSet<>();
        boolean progress = true;
        while (progress) {
            progress = false;
            Deque<String> ready = new ArrayDeque<>();
            for (String m : all) {
                if (!placed.contains(m) && missing.get(m) == 0) {
                    ready.add(m);
                }
            }
            for (String m : ready) {
                placed.add(m);
                out.add(m);
                progress = true;
                for (String d : dependents.get(m)) {
                    missing.merge(d, -1, Integer::sum);
                }
            }
        }
        for (String m : all) {
            if (!placed.contains(m)) {
                out.add(m);
            }
        }
        return List.copyOf(out);
    }
}
