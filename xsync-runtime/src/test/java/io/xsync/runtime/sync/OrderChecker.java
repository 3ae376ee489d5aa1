package io.xsync.runtime.sync;

import io.xsync.runtime.store.ObjectRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks an {@link OrderLog} against what was done to the store: no object's sync may start
 * before the sync of one of its dependencies ended, where the dependency was dirty at the start
 * of the pass; no object's deletion may start before the deletion of an object depending on it
 * ended. Dependencies are followed object by object through every object, pending or not.
 *
 * <p>Exactly:
 * <ul>
 *   <li>a sync call of X in a pass whose read started at R needs, for every object Y that X
 *       depends on (directly or through others), a successful sync call of Y that ended before
 *       the call started and had Y's version current at R (or a later one; Y's first version
 *       when Y was created after R — it still precedes X, which links to it);</li>
 *   <li>a delete call of Y needs, for every object X depending on Y that was ever handed to a
 *       sync call (the reaper may purge a deleted object that never was, without a successful
 *       delete call), a successful delete call of X that ended before it started;</li>
 *   <li>every version is synced successfully at most once, and every object deleted at most once.</li>
 * </ul>
 * Links must not change after creation (tests update other fields only).
 */
public final class OrderChecker {

    /** One save of an object: the {@code updated} it left and when the save had returned. */
    public record Version(Instant updated, long done) {
    }

    /** What a test did to one object: the objects it links to, and its saves in order. */
    public static final class Written {
        final List<ObjectRef> links;
        final List<Version> versions = new ArrayList<>();

        public Written(List<ObjectRef> links) {
            this.links = List.copyOf(links);
        }
    }

    private final Map<ObjectRef, Written> objects;
    private final Map<ObjectRef, Set<ObjectRef>> dependencies = new HashMap<>();
    private final Map<ObjectRef, Set<ObjectRef>> dependents = new HashMap<>();

    /** A checker of the objects a test wrote (by ref), with their links and saves. */
    public OrderChecker(Map<ObjectRef, Written> objects) {
        this.objects = objects;
        for (Map.Entry<ObjectRef, Written> e : objects.entrySet()) {
            for (ObjectRef d : e.getValue().links) {
                dependents.computeIfAbsent(d, k -> new LinkedHashSet<>()).add(e.getKey());
            }
        }
    }

    /** The violations in {@code log}, one line each; empty when the order was right. */
    public List<String> violations(OrderLog log) {
        List<OrderLog.Call> calls = log.calls();
        Map<String, List<Long>> reads = new HashMap<>();
        for (OrderLog.Read r : log.reads()) {
            reads.computeIfAbsent(r.source(), k -> new ArrayList<>()).add(r.start());
        }
        reads.values().forEach(l -> l.sort(null));
        Map<ObjectRef, List<OrderLog.Call>> okSyncs = new HashMap<>();
        Map<ObjectRef, List<OrderLog.Call>> okDeletes = new HashMap<>();
        Set<ObjectRef> syncCalled = new HashSet<>();
        List<String> out = new ArrayList<>();
        for (OrderLog.Call c : calls) {
            if (!c.deletion()) {
                syncCalled.add(c.ref());
            }
            if (c.ok()) {
                (c.deletion() ? okDeletes : okSyncs).computeIfAbsent(c.ref(), k -> new ArrayList<>()).add(c);
            }
        }
        onceEach(okSyncs, okDeletes, out);
        for (OrderLog.Call c : calls) {
            if (c.deletion()) {
                checkDelete(c, okDeletes, syncCalled, out);
            } else {
                checkSync(c, readBefore(reads.get(c.source()), c.start()), okSyncs, out);
            }
        }
        return out;
    }

    private void checkSync(OrderLog.Call c, long read, Map<ObjectRef, List<OrderLog.Call>> okSyncs, List<String> out) {
        for (ObjectRef y : dependenciesOf(c.ref())) {
            Written w = objects.get(y);
            if (w == null || w.versions.isEmpty()) {
                continue;
            }
            Instant needed = w.versions.get(0).updated();
            for (Version v : w.versions) {
                if (v.done() < read) {
                    needed = v.updated();
                }
            }
            boolean done = false;
            for (OrderLog.Call yc : okSyncs.getOrDefault(y, List.of())) {
                if (yc.end() < c.start() && !yc.version().isBefore(needed)) {
                    done = true;
                    break;
                }
            }
            if (!done) {
                out.add(c + " started before a sync of its dependency " + y + " at version " + needed + " ended");
            }
        }
    }

    private void checkDelete(OrderLog.Call c, Map<ObjectRef, List<OrderLog.Call>> okDeletes, Set<ObjectRef> syncCalled,
                             List<String> out) {
        for (ObjectRef x : dependentsOf(c.ref())) {
            if (!syncCalled.contains(x)) {
                continue;
            }
            boolean done = okDeletes.getOrDefault(x, List.of()).stream().anyMatch(xc -> xc.end() < c.start());
            if (!done) {
                out.add(c + " started before the deletion of its dependent " + x + " ended");
            }
        }
    }

    private static void onceEach(Map<ObjectRef, List<OrderLog.Call>> okSyncs,
                                 Map<ObjectRef, List<OrderLog.Call>> okDeletes, List<String> out) {
        okSyncs.forEach((ref, list) -> {
            Set<Instant> versions = new HashSet<>();
            for (OrderLog.Call c : list) {
                if (!versions.add(c.version())) {
                    out.add(ref + " was synced successfully twice at version " + c.version());
                }
            }
        });
        okDeletes.forEach((ref, list) -> {
            if (list.size() > 1) {
                out.add(ref + " was deleted successfully " + list.size() + " times");
            }
        });
    }

    /** The latest read start of the engine at or before {@code start} (0 when none). */
    private static long readBefore(List<Long> reads, long start) {
        long best = 0;
        if (reads != null) {
            for (long r : reads) {
                if (r <= start) {
                    best = r;
                } else {
                    break;
                }
            }
        }
        return best;
    }

    /** Everything {@code ref} depends on, directly or through other objects. */
    Set<ObjectRef> dependenciesOf(ObjectRef ref) {
        return closure(ref, dependencies, r -> {
            Written w = objects.get(r);
            return w == null ? List.of() : w.links;
        });
    }

    /** Everything that depends on {@code ref}, directly or through other objects. */
    Set<ObjectRef> dependentsOf(ObjectRef ref) {
        Map<ObjectRef, Set<ObjectRef>> memo = new HashMap<>();
        return closure(ref, memo, r -> new ArrayList<>(dependents.getOrDefault(r, Set.of())));
    }

    private static Set<ObjectRef> closure(ObjectRef ref, Map<ObjectRef, Set<ObjectRef>> memo,
                                          java.util.function.Function<ObjectRef, List<ObjectRef>> next) {
        Set<ObjectRef> known = memo.get(ref);
        if (known != null) {
            return known;
        }
        Set<ObjectRef> out = new LinkedHashSet<>();
        List<ObjectRef> todo = new ArrayList<>(List.of(ref));
        while (!todo.isEmpty()) {
            ObjectRef r = todo.remove(todo.size() - 1);
            for (ObjectRef t : next.apply(r)) {
                // links from a model to itself carry no order
                if (!t.model().equals(r.model()) && !t.equals(ref) && out.add(t)) {
                    todo.add(t);
                }
            }
        }
        memo.put(ref, out);
        return out;
    }

    /** The calls of {@code log} sorted by start, for failure messages. */
    static List<OrderLog.Call> byStart(OrderLog log) {
        List<OrderLog.Call> calls = log.calls();
        calls.sort(Comparator.comparingLong(OrderLog.Call::start));
        return calls;
    }
}
