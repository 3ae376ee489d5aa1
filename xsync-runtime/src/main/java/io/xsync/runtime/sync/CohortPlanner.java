package io.xsync.runtime.sync;

import io.xsync.runtime.schema.ModelOrder;
import io.xsync.runtime.store.ObjectRef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Splits pending objects into cohorts. Two pending objects share a cohort when one reaches the
 * other by following dependency links object by object — through objects that are not pending as
 * well (a pending NetworkSlice whose Slice is already synced still waits for the Slice's pending
 * Site). Objects of different cohorts are independent and may be synced concurrently; a cohort
 * is synced in order, dependencies first.
 *
 * <p>Runs in time linear in the objects visited × dependency edges, never comparing pairs:
 * <ol>
 *   <li>walk: from the pending objects, follow dependency links ({@link Dependencies}), continuing
 *       only through objects that are not pending (a pending object's own walk covers what lies
 *       beyond it); each object is visited once;</li>
 *   <li>keep: an object that is not pending matters only if a pending object lies beyond it
 *       (found by one backward sweep from the pending objects); two pending objects that merely
 *       share a synced dependency stay independent;</li>
 *   <li>join: a union-find over the links between pending and kept objects.</li>
 * </ol>
 * Links from a model to itself are ignored.
 */
public final class CohortPlanner {
    private final ModelOrder order;

    /** Where the walk finds what an object depends on. */
    public interface Dependencies {
        /**
         * For each object of {@code refs}, the objects it links to along the dependency edges of
         * its model to other models, as its link values say (one for a many-to-one link, any
         * number for a many-to-many or reverse link); missing and unknown objects left out. The
         * planner asks once per object, in batches, so that an implementation may load the
         * objects of a batch in bulk.
         */
        Map<ObjectRef, List<ObjectRef>> of(List<ObjectRef> refs);
    }

    /** A planner ordering cohorts by {@code order}. */
    public CohortPlanner(ModelOrder order) {
        this.order = order;
    }

    /**
     * The cohorts of {@code items}, each ordered dependencies first (by model order, then input
     * order); cohorts in the order of their first item. One object may appear in several items
     * (e.g. once per step observing it); they always land in one cohort.
     *
     * @param items pending work items
     * @param ref   the object of an item
     * @param deps  what objects depend on
     */
    public <T> List<List<T>> cohorts(List<T> items, Function<T, ObjectRef> ref, Dependencies deps) {
        Walk walk = new Walk();
        int n = items.size();
        int[] itemNode = new int[n];
        for (int i = 0; i < n; i++) {
            itemNode[i] = walk.node(ref.apply(items.get(i)));
        }
        int pending = walk.refs.size();
        walk.explore(deps, pending);
        boolean[] kept = walk.keep(pending);
        int[] parent = new int[walk.refs.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        for (int u = 0; u < walk.refs.size(); u++) {
            if (!kept[u]) {
                continue;
            }
            for (int v : walk.out.get(u)) {
                if (kept[v]) {
                    union(parent, u, v);
                }
            }
        }
        return collect(items, ref, itemNode, parent);
    }

    /** The objects visited, numbered pending ones first, and the links between them. */
    private static final class Walk {
        final Map<ObjectRef, Integer> index = new HashMap<>();
        final List<ObjectRef> refs = new ArrayList<>();
        final List<int[]> out = new ArrayList<>();

        int node(ObjectRef r) {
            Integer i = index.get(r);
            if (i != null) {
                return i;
            }
            index.put(r, refs.size());
            refs.add(r);
            out.add(null);
            return refs.size() - 1;
        }

        /** Follows links breadth first from the pending objects (nodes below {@code pending}). */
        void explore(Dependencies deps, int pending) {
            List<ObjectRef> frontier = new ArrayList<>(refs.subList(0, pending));
            while (!frontier.isEmpty()) {
                Map<ObjectRef, List<ObjectRef>> found = deps.of(frontier);
                List<ObjectRef> next = new ArrayList<>();
                for (ObjectRef from : frontier) {
                    List<ObjectRef> targets = found.getOrDefault(from, List.of());
                    int[] edges = new int[targets.size()];
                    int k = 0;
                    for (ObjectRef t : targets) {
                        if (t.model().equals(from.model())) {
                            continue;
                        }
                        boolean fresh = !index.containsKey(t);
                        int v = node(t);
                        if (fresh) {
                            next.add(t); // not pending (those are all known): walk on through it
                        }
                        edges[k++] = v;
                    }
                    out.set(index.get(from), k == edges.length ? edges : Arrays.copyOf(edges, k));
                }
                frontier = next;
            }
        }

        /** Pending objects, and the others from which a pending object can be reached. */
        boolean[] keep(int pending) {
            int n = refs.size();
            int[] inDegree = new int[n];
            for (int u = 0; u < n; u++) {
                for (int v : out.get(u)) {
                    inDegree[v]++;
                }
            }
            int[][] in = new int[n][];
            for (int v = 0; v < n; v++) {
                in[v] = new int[inDegree[v]];
            }
            int[] fill = new int[n];
            for (int u = 0; u < n; u++) {
                for (int v : out.get(u)) {
                    in[v][fill[v]++] = u;
                }
            }
            boolean[] kept = new boolean[n];
            int[] stack = new int[n];
            int top = 0;
            for (int p = 0; p < pending; p++) {
                kept[p] = true;
                stack[top++] = p;
            }
            while (top > 0) {
                int v = stack[--top];
                for (int u : in[v]) {
                    if (!kept[u]) {
                        kept[u] = true;
                        stack[top++] = u;
                    }
                }
            }
            return kept;
        }
    }

    /** Groups items by root; visiting items bucketed by model rank makes every cohort come out sorted. */
    private <T> List<List<T>> collect(List<T> items, Function<T, ObjectRef> ref, int[] itemNode, int[] parent) {
        int n = items.size();
        int[] cohortOf = new int[n];
        int cohorts = 0;
        int[] rootCohort = new int[parent.length];
        Arrays.fill(rootCohort, -1);
        for (int i = 0; i < n; i++) {
            int root = find(parent, itemNode[i]);
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
