package io.xsync.runtime.sync;

import io.xsync.api.Model;
import io.xsync.api.ModelObject;
import io.xsync.runtime.schema.DependencyGraph;
import io.xsync.runtime.schema.LinkDef;
import io.xsync.runtime.schema.LinkKind;
import io.xsync.runtime.schema.ModelDef;
import io.xsync.runtime.schema.Schema;
import io.xsync.runtime.store.Actor;
import io.xsync.runtime.store.ObjectRef;
import io.xsync.runtime.store.Store;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dependencies of a pass's objects as their link values say, for {@link CohortPlanner}. Knows
 * the pending objects' rows; loads the other objects a walk passes through in bulk (one query per
 * model and batch of ids), deleted or not, so call it inside the pass's snapshot. A dependency
 * edge {@code [peer, field, reverse]} is followed
 * <ul>
 *   <li>through the model's link {@code field} (many-to-one, one-to-one: its id column;
 *       many-to-many: its peer ids, where the store provides them as {@code field_ids});</li>
 *   <li>or, when the model has no link of that name, backwards through the peer's link whose
 *       reverse name is {@code field} (XOS's controller models): every peer object pointing at
 *       the object.</li>
 * </ul>
 * Not thread-safe: one walker per pass phase.
 */
public final class LinkWalker implements CohortPlanner.Dependencies {
    private static final int BATCH = 500;

    /** How one edge of one model is followed. */
    private record Hop(String peer, String column, String manyField, String reverseField) {
    }

    private final Store store;
    private final Schema schema;
    private final Map<String, List<Hop>> hops = new HashMap<>();
    private final DependencyGraph graph;
    private final Map<ObjectRef, ModelObject> rows = new HashMap<>();
    /** (ancestor model, id), or (leaf model, id) of an object whose row is on its way, to the object's ref. */
    private final Map<ObjectRef, ObjectRef> canonical = new HashMap<>();
    private final Map<String, Set<String>> ancestors = new HashMap<>();
    /** Objects read through a parent model whose own (leaf) rows are still to load, by leaf model. */
    private final Map<String, Set<Long>> leaves = new LinkedHashMap<>();

    /** A walker over {@code store} along {@code graph}'s edges. */
    public LinkWalker(Store store, DependencyGraph graph) {
        this.store = store;
        this.schema = store.schema();
        this.graph = graph;
    }

    /** Registers an object the pass already read (a pending one). */
    public void know(ObjectRef ref, ModelObject row) {
        if (rows.putIfAbsent(ref, row) == null) {
            alias(ref);
        }
    }

    @Override
    public Map<ObjectRef, List<ObjectRef>> of(List<ObjectRef> refs) {
        Map<ObjectRef, List<ObjectRef>> out = new HashMap<>(refs.size() * 2);
        Map<String, Set<Long>> wanted = new LinkedHashMap<>();
        List<ObjectRef> waitingFrom = new ArrayList<>();
        List<ObjectRef> waitingTo = new ArrayList<>();
        Map<String, List<ObjectRef>> byModel = new LinkedHashMap<>();
        for (ObjectRef r : refs) {
            byModel.computeIfAbsent(r.model(), k -> new ArrayList<>()).add(r);
        }
        for (Map.Entry<String, List<ObjectRef>> e : byModel.entrySet()) {
            for (Hop hop : hops(e.getKey())) {
                if (hop.reverseField() != null) {
                    reverse(hop, e.getValue(), out);
                    continue;
                }
                for (ObjectRef r : e.getValue()) {
                    for (long id : forward(hop, rows.get(r))) {
                        ObjectRef target = new ObjectRef(hop.peer(), id);
                        ObjectRef known = resolve(target);
                        if (known != null) {
                            link(out, r, known);
                        } else {
                            wanted.computeIfAbsent(hop.peer(), k -> new LinkedHashSet<>()).add(id);
                            waitingFrom.add(r);
                            waitingTo.add(target);
                        }
                    }
                }
            }
        }
        wanted.forEach(this::load);
        while (!leaves.isEmpty()) {
            Map<String, Set<Long>> batch = new LinkedHashMap<>(leaves);
            leaves.clear();
            batch.forEach(this::load);
        }
        for (int i = 0; i < waitingFrom.size(); i++) {
            ObjectRef known = resolve(waitingTo.get(i));
            if (known != null) {
                link(out, waitingFrom.get(i), known);
            }
        }
        return out;
    }

    /** The row of an object the walk knows (a pending one, or one it loaded), or null. */
    public ModelObject row(ObjectRef ref) {
        ObjectRef known = resolve(ref);
        return known == null ? null : rows.get(known);
    }

    /** The object a (model or ancestor, id) names, if known. */
    private ObjectRef resolve(ObjectRef r) {
        return rows.containsKey(r) ? r : canonical.get(r);
    }

    private static void link(Map<ObjectRef, List<ObjectRef>> out, ObjectRef from, ObjectRef to) {
        List<ObjectRef> list = out.computeIfAbsent(from, k -> new ArrayList<>(2));
        if (!list.contains(to)) {
            list.add(to);
        }
    }

    private static final long[] NONE = new long[0];

    private long[] forward(Hop hop, ModelObject row) {
        if (row == null) {
            return NONE;
        }
        if (hop.column() != null) {
            Object v = row.get(hop.column());
            return v instanceof Number n ? new long[] {n.longValue()} : NONE;
        }
        Object v;
        try {
            v = row.get(hop.manyField());
        } catch (RuntimeException e) {
            return NONE; // this store keeps no many-to-many values
        }
        if (!(v instanceof Collection<?> c)) {
            return NONE;
        }
        long[] ids = new long[c.size()];
        int k = 0;
        for (Object o : c) {
            if (o instanceof Number n) {
                ids[k++] = n.longValue();
            }
        }
        return k == ids.length ? ids : Arrays.copyOf(ids, k);
    }

    /** Peer objects whose link {@code hop.reverseField()} points at one of {@code refs}. */
    private void reverse(Hop hop, List<ObjectRef> refs, Map<ObjectRef, List<ObjectRef>> out) {
        Map<Long, ObjectRef> byId = new HashMap<>();
        for (ObjectRef r : refs) {
            byId.put(r.id(), r);
        }
        List<Long> ids = new ArrayList<>(byId.keySet());
        Model peer = store.models(Actor.SYNC_STEP).get(hop.peer());
        for (int from = 0; from < ids.size(); from += BATCH) {
            Map<String, Object> criteria = new HashMap<>();
            criteria.put(hop.reverseField() + "__in", ids.subList(from, Math.min(ids.size(), from + BATCH)));
            criteria.put("deleted__in", List.of(true, false));
            for (ModelObject o : peer.filter(criteria)) {
                ObjectRef ref = add(o);
                Object v = o.get(hop.column());
                ObjectRef owner = v instanceof Number n ? byId.get(n.longValue()) : null;
                if (owner != null) {
                    link(out, owner, ref);
                }
            }
        }
    }

    /** Loads objects of {@code model} (or its subclasses) by id, deleted or not. */
    private void load(String model, Set<Long> idSet) {
        List<Long> ids = new ArrayList<>(idSet);
        Model m = store.models(Actor.SYNC_STEP).get(model);
        for (int from = 0; from < ids.size(); from += BATCH) {
            Map<String, Object> criteria = new HashMap<>();
            criteria.put("id__in", ids.subList(from, Math.min(ids.size(), from + BATCH)));
            criteria.put("deleted__in", List.of(true, false));
            for (ModelObject o : m.filter(criteria)) {
                add(o);
            }
        }
    }

    /**
     * Registers a loaded object under its leaf model. One read through a parent model is a view of
     * the parent's fields: its leaf row is loaded at the end of the batch (it has the leaf's links).
     */
    private ObjectRef add(ModelObject o) {
        ObjectRef ref = new ObjectRef(o.model().name(), o.id());
        ObjectRef known = resolve(ref);
        if (known != null && rows.containsKey(known)) {
            return known;
        }
        String leaf = o.getString("leaf_model_name");
        if (leaf != null && !leaf.equals(ref.model()) && schema.find(leaf) != null) {
            ObjectRef own = new ObjectRef(leaf, o.id());
            canonical.put(own, own);
            alias(own);
            leaves.computeIfAbsent(leaf, k -> new LinkedHashSet<>()).add(o.id());
            return own;
        }
        know(ref, o);
        return ref;
    }

    private void alias(ObjectRef ref) {
        for (String a : ancestors.computeIfAbsent(ref.model(), this::computeAncestors)) {
            canonical.putIfAbsent(new ObjectRef(a, ref.id()), ref);
        }
    }

    private Set<String> computeAncestors(String model) {
        Set<String> out = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(List.of(model));
        while (!todo.isEmpty()) {
            ModelDef d = schema.find(todo.remove(todo.size() - 1));
            if (d != null) {
                for (String p : d.parents()) {
                    if (schema.find(p) != null && out.add(p)) {
                        todo.add(p);
                    }
                }
            }
        }
        return out;
    }

    private List<Hop> hops(String model) {
        return hops.computeIfAbsent(model, this::computeHops);
    }

    private List<Hop> computeHops(String model) {
        List<Hop> out = new ArrayList<>();
        ModelDef def = schema.find(model);
        for (DependencyGraph.Edge e : graph.edges(model)) {
            if (e.peer().equals(model) || def == null || schema.find(e.peer()) == null) {
                continue;
            }
            LinkDef own = def.link(e.field());
            if (own != null) {
                out.add(own.kind() == LinkKind.MANYTOMANY
                        ? new Hop(e.peer(), null, own.field() + "_ids", null)
                        : new Hop(e.peer(), own.column(), null, null));
                continue;
            }
            LinkDef back = reverseLink(schema.find(e.peer()), e.field(), model);
            if (back != null) {
                out.add(new Hop(e.peer(), back.column(), null, back.field()));
            }
        }
        return out;
    }

    /** The link of {@code peer} named back to {@code model} as {@code reverseName}, with a column. */
    private LinkDef reverseLink(ModelDef peer, String reverseName, String model) {
        Set<String> targets = new LinkedHashSet<>(computeAncestors(model));
        targets.add(model);
        for (LinkDef l : peer.links()) {
            if (l.column() != null && reverseName.equals(l.reverseName()) && targets.contains(l.peer())) {
                return l;
            }
        }
        return null;
    }
}
