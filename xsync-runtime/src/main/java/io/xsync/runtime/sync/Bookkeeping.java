package io.xsync.runtime.sync;

import io.xsync.api.ModelObject;
import io.xsync.api.Save;
import io.xsync.runtime.store.Store;
import io.xsync.runtime.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bookkeeping writes of one unit of work, saved with {@code update_fields} (so they never count
 * as a change of the object) and committed together: one transaction per flush, the writes of a
 * model with the same columns sent as one JDBC batch ({@link Store#saveBookkeeping}), to spare a round trip
 * and a commit per object. Losing them in a crash is harmless: {@code enacted} has not moved, so
 * the objects are synced again.
 *
 * <p>A result never hides a change made during the call: {@code enacted} is set to the
 * {@code updated} the object had when it was reloaded before the call, so a newer change keeps it
 * dirty.
 */
final class Bookkeeping {
    private static final Logger LOG = LoggerFactory.getLogger(Bookkeeping.class);
    /** Most writes committed in one transaction. */
    static final int MAX_BATCH = 256;
    /** Longest a queued write waits for its flush (slow steps still commit results as they go). */
    static final Duration MAX_DELAY = Duration.ofMillis(500);

    private record Write(ModelObject object, Map<String, Object> fields) {
    }

    /** Runs a piece of work in some surrounding (e.g. marking the engine's own writes). */
    interface Wrapper {
        <T> T run(Callable<T> work) throws Exception;
    }

    private final Store store;
    private final Wrapper wrapper;
    private final Time time;
    private final List<Write> writes = new ArrayList<>();
    /** When the oldest queued write was queued ({@link Time#nanoTime()}). */
    private long oldest;

    Bookkeeping(Store store, Wrapper wrapper, Time time) {
        this.store = store;
        this.wrapper = wrapper;
        this.time = time;
    }

    /**
     * Queues the fields whose value differs from the object's; flushes what is queued first when
     * the batch is full (so that the writes of a unit of up to {@value #MAX_BATCH} objects wait for
     * the unit's last flush), and after queueing when the oldest write waited too long.
     */
    void add(ModelObject o, Map<String, Object> fields) {
        Map<String, Object> changed = changed(o, fields);
        if (!changed.isEmpty()) {
            if (writes.size() >= MAX_BATCH) {
                flush();
            }
            if (writes.isEmpty()) {
                oldest = time.nanoTime();
            }
            writes.add(new Write(o, changed));
            if (time.nanoTime() - oldest >= MAX_DELAY.toNanos()) {
                flush();
            }
        }
    }

    /** Commits the queued writes in one transaction; on failure retries them one by one. */
    void flush() {
        flush(null);
    }

    /**
     * {@link #flush()}, running {@code alongside} (when not null) in the same transaction after the
     * writes. True when it ran and committed with them; false when nothing was queued or that
     * transaction failed (the writes were then retried one by one without it).
     */
    boolean flush(Runnable alongside) {
        if (writes.isEmpty()) {
            return false;
        }
        List<Write> batch = new ArrayList<>(writes);
        writes.clear();
        try {
            wrapper.run(() -> store.inTransaction(() -> {
                saveBatched(batch);
                if (alongside != null) {
                    alongside.run();
                }
                return null;
            }));
            return alongside != null;
        } catch (Exception e) {
            LOG.debug("Batched bookkeeping failed ({}); writing one by one", e.toString());
            for (Write w : batch) {
                try {
                    wrapper.run(() -> {
                        save(w.object(), w.fields());
                        return null;
                    });
                } catch (Exception ex) {
                    LOG.warn("Could not record the sync result of {} {}: {}", w.object().model().name(),
                            w.object().id(), ex.getMessage());
                }
            }
            return false;
        }
    }

    /** Saves at once (outside any batch) the fields whose value differs. */
    static void writeNow(ModelObject o, Map<String, Object> fields) {
        Map<String, Object> changed = changed(o, fields);
        if (!changed.isEmpty()) {
            save(o, changed);
        }
    }

    /**
     * Saves the writes in the thread's transaction: those of one model writing the same columns
     * with one {@link Store#saveBookkeeping} (one JDBC batch), in the order of their first write.
     */
    private void saveBatched(List<Write> batch) {
        Map<List<Object>, List<Write>> groups = new LinkedHashMap<>();
        for (Write w : batch) {
            groups.computeIfAbsent(List.of(w.object().model().name(), w.fields().keySet()),
                    k -> new ArrayList<>()).add(w);
        }
        for (List<Write> group : groups.values()) {
            List<ModelObject> objects = new ArrayList<>(group.size());
            for (Write w : group) {
                w.fields().forEach(w.object()::set);
                objects.add(w.object());
            }
            store.saveBookkeeping(objects, group.get(0).fields().keySet());
        }
    }

    private static Map<String, Object> changed(ModelObject o, Map<String, Object> fields) {
        Map<String, Object> changed = new LinkedHashMap<>();
        fields.forEach((k, v) -> {
            if (!Objects.equals(o.get(k), v)) {
                changed.put(k, v);
            }
        });
        return changed;
    }

    private static void save(ModelObject o, Map<String, Object> fields) {
        fields.forEach(o::set);
        o.save(Save.updateFields(fields.keySet().toArray(new String[0])));
    }
}
