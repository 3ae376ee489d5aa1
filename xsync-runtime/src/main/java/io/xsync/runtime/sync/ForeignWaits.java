package io.xsync.runtime.sync;

import io.xsync.api.ModelObject;
import io.xsync.runtime.store.ObjectRef;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Dependencies that another synchronizer syncs. Where several synchronizers share a store, a
 * pending object must wait while an object it depends on (directly, or through objects between
 * them) is dirty and of a model another synchronizer has sync steps for: that one syncs it, and
 * its commit wakes this engine. Records the links the {@link CohortPlanner} walks so that the
 * waiting objects are found after planning, from the same snapshot.
 */
final class ForeignWaits implements CohortPlanner.Dependencies {
    private final LinkWalker walker;
    private final Map<ObjectRef, List<ObjectRef>> edges = new HashMap<>();
    private final Set<String> dirtyModels = new LinkedHashSet<>();

    ForeignWaits(LinkWalker walker) {
        this.walker = walker;
    }

    @Override
    public Map<ObjectRef, List<ObjectRef>> of(List<ObjectRef> refs) {
        Map<ObjectRef, List<ObjectRef>> found = walker.of(refs);
        edges.putAll(found);
        return found;
    }

    /**
     * The objects walked that depend on a dirty object of one of {@code foreignModels}, each with
     * that object (the first found).
     */
    Map<ObjectRef, ObjectRef> waiting(Set<String> foreignModels) {
        Map<ObjectRef, List<ObjectRef>> reverse = new HashMap<>();
        Deque<ObjectRef> todo = new ArrayDeque<>();
        Map<ObjectRef, ObjectRef> blockedBy = new LinkedHashMap<>();
        for (Map.Entry<ObjectRef, List<ObjectRef>> e : edges.entrySet()) {
            for (ObjectRef to : e.getValue()) {
                reverse.computeIfAbsent(to, k -> new ArrayList<>()).add(e.getKey());
                if (foreignModels.contains(to.model()) && !blockedBy.containsKey(to) && dirty(to)) {
                    blockedBy.put(to, to);
                    dirtyModels.add(to.model());
                    todo.add(to);
                }
            }
        }
        while (!todo.isEmpty()) {
            ObjectRef blocked = todo.poll();
            for (ObjectRef from : reverse.getOrDefault(blocked, List.of())) {
                if (!blockedBy.containsKey(from)) {
                    blockedBy.put(from, blockedBy.get(blocked));
                    todo.add(from);
                }
            }
        }
        return blockedBy;
    }

    /** The models of the dirty dependencies {@link #waiting(Set)} found: their changes may free objects. */
    Set<String> dirtyModels() {
        return dirtyModels;
    }

    private boolean dirty(ObjectRef ref) {
        ModelObject row = walker.row(ref);
        return row != null && CohortRunner.stillPending(row, false);
    }
}
