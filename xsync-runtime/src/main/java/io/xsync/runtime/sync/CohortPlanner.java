package io.xsync.runtime.sync;

import io.xsync.runtime.schema.DependencyGraph;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Splits pending objects into cohorts: sets of objects connected through actual link values
 * along dependency edges. Objects of different cohorts are independent and may be synced
 * concurrently; a cohort is synced in order, dependencies first.
 *
 * <p>Runs in time linear in objects × dependency edges: each object looks up the targets of its
 * own links in a hash index and joins them in a union-find, instead of comparing every pair.
 * Links from a model to itself are ignored, as is a link to an object that is not pending.
 */
public final class CohortPlanner {
    private final DependencyGraph graph;
    private final ModelOrder order;

    public CohortPlanner(DependencyGraph graph, ModelOrder order) {
        this.graph = graph;
        this.order = order;
    }

    /**
     * The cohorts of {@code items}, each ordered dependencies first (by model order, then input
     * order); cohorts in the order of their first item. One object may appear in several items
     * (e.g. once per step observing it); they always land in one cohort.
     *
     * @param items     pending work items
     * @param ref       the object of an item
     * @param linkValue the id a link field of an item's object points at, or null
     */
    public <T> List<List<T>> cohorts(List<T> items, Function<T, ObjectRef> ref,
                                     BiFunction<T, String, Long> linkValue) {
        int n = items.size();
        int[] parent = new int[n];
        Map<ObjectRef, Integer> index = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            parent[i] = i;
            Integer first = index.putIfAbsent(ref.apply(items.get(i)), i);
            if (first != null) {
                union(parent, first, i);
            }
        }
        for (int i = 0; i < n; i++) {
            T item = items.get(i);
            String model = ref.apply(item).model();
            for (DependencyGraph.Edge edge : graph.edges().getOrDefault(model, List.of())) {
                if (edge.peer().equals(model)) {
                    continue;
                }
                Long target = linkValue.apply(item, edge.field());
                Integer j = target == null ? null : index.get(new ObjectRef(edge.peer(), target));
                if (j != null) {
                    union(parent, i, j);
                }
            }
        }
        return collect(items, ref, parent);
    }

    /** Groups by root; visiting items bucketed by model rank makes every cohort come out sorted. */
    private <T> List<List<T>> collect(List<T> items, Function<T, ObjectRef> ref, int[] parent) {
        int n = items.size();
        int[] cohortOf = new int[n];
        int cohorts = 0;
        int[] rootCohort = new int[n];
        java.util.Arrays.fill(rootCohort, -1);
        for (int i = 0; i < n; i++) {
            int root = find(parent, i);
            if (rootCohort[root] < 0) {
                rootCohort[root] = cohorts++;
            }
            cohortOf[i] = rootCohort[root];
        }
        List<List<Integer>> buckets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int r = order.rank(ref.apply(items.get(i)).model());
            while (buckets.size() <= r) {
                buckets.add(new ArrayList<>());
            }
            buckets.get(r).add(i);
        }
        List<List<T>> out = new ArrayList<>(cohorts);
        for (int c = 0; c < cohorts; c++) {
            out.add(new ArrayList<>());
        }
        for (List<Integer> bucket : buckets) {
            for (int i : bucket) {
                out.get(cohortOf[i]).add(items.get(i));
            }
        }
        return out;
    }

    private static int find(int[] parent, int i) {
        int root = i;
        while (parent[root] != root) {
            root = parent[root];
        }
        while (parent[i] != root) {
            int next = parent[i];
            parent[i] = root;
            i = next;
        }
        return root;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            // the smaller index stays root so cohort numbering follows input order
            if (ra < rb) {
                parent[rb] = ra;
            } else {
                parent[ra] = rb;
            }
        }
    }
}
