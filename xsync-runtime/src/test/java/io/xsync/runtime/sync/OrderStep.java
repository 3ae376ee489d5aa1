package io.xsync.runtime.sync;

import io.xsync.api.ModelObject;
import io.xsync.api.SyncStep;
import io.xsync.runtime.store.ObjectRef;
import java.util.ArrayList;
import java.util.List;

/**
 * A sync step for order tests: writes every call to an {@link OrderLog} and does what a
 * per-test {@link Behaviour} says (succeed, throw...). Also logs the start of each phase's read
 * ({@link #fetchPending} is called at the start of a phase, inside the phase's snapshot), so an
 * engine under an order test should have this one step only, observing every model.
 */
public final class OrderStep extends SyncStep {

    /** What the step does with an object; throwing makes the call fail. */
    public interface Behaviour {
        void apply(ModelObject o, boolean deletion) throws Exception;
    }

    private final String source;
    private final List<String> models;
    private final OrderLog log;
    private final Behaviour behaviour;

    /** A step named {@code source} in the log (one per engine: its calls follow its own reads). */
    public OrderStep(String source, OrderLog log, Behaviour behaviour, List<String> models) {
        this.source = source;
        this.models = List.copyOf(models);
        this.log = log;
        this.behaviour = behaviour;
    }

    @Override
    public List<String> observes() {
        return models;
    }

    /**
     * Milliseconds to wait after reading each model's pending objects: widens the window in which
     * a read that is not one snapshot would miss an object created meanwhile.
     */
    public volatile long pauseBetweenModelsMs;

    @Override
    public List<ModelObject> fetchPending(boolean deletion) {
        log.readStarts(source, System.nanoTime());
        List<ModelObject> pending = new ArrayList<>();
        for (String model : models) {
            pending.addAll(deletion ? context().deletedObjects(model) : context().dirtyObjects(model));
            pause();
        }
        return pending;
    }

    private void pause() {
        if (pauseBetweenModelsMs > 0) {
            try {
                Thread.sleep(pauseBetweenModelsMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
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
        long start = System.nanoTime();
        boolean ok = false;
        try {
            behaviour.apply(o, deletion);
            ok = true;
        } finally {
            log.call(new OrderLog.Call(source, new ObjectRef(o.model().name(), o.id()), deletion, o.getInstant("updated"),
                    start, System.nanoTime(), Thread.currentThread().getName(), ok));
        }
    }
}
