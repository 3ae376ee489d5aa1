package io.xsync.runtime.sync;

import io.xsync.api.ModelObject;
import io.xsync.api.SyncStep;
import io.xsync.runtime.store.ObjectRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.MDC;

/** A sync step for tests: records every call and runs a per-test action. */
public class RecordingStep extends SyncStep {

    /** What the step does with an object. */
    public interface Action {
        void run(ModelObject o, boolean deletion) throws Exception;
    }

    private final List<String> models;
    public final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    public final List<Map<String, String>> mdc = Collections.synchronizedList(new ArrayList<>());
    public final Set<ObjectRef> inFlight = ConcurrentHashMap.newKeySet();
    public final AtomicInteger overlaps = new AtomicInteger();
    public volatile Action action = (o, d) -> { };

    public RecordingStep(String... models) {
        this.models = List.of(models);
    }

    @Override
    public List<String> observes() {
        return models;
    }

    @Override
    public void syncRecord(ModelObject o) throws Exception {
        call(o, false);
    }

    @Override
    public void deleteRecord(ModelObject o) throws Exception {
        call(o, true);
    }

    private void call(ModelObject o, boolean deletion) throws Exception {
        ObjectRef ref = new ObjectRef(o.model().name(), o.id());
        if (!inFlight.add(ref)) {
            overlaps.incrementAndGet();
        }
        try {
            calls.add((deletion ? "delete " : "sync ") + o.model().name() + " " + o.id());
            mdc.add(MDC.getCopyOfContextMap());
            action.run(o, deletion);
        } finally {
            inFlight.remove(ref);
        }
    }

    /** How often the object was synced (not deleted). */
    public long syncs(String model, long id) {
        synchronized (calls) {
            return calls.stream().filter(c -> c.equals("sync " + model + " " + id)).count();
        }
    }

    /** The calls so far, in order. */
    public List<String> callList() {
        synchronized (calls) {
            return new ArrayList<>(calls);
        }
    }
}
