package io.xsync.api;

import java.util.ArrayList;
import java.util.List;

/**
 * An actuator: drives a backend toward the state of the objects of the models it
 * {@link #observes()}. Called for objects that are dirty (XOS {@code sync_record}) or deleted
 * (XOS {@code delete_record}). Both must be idempotent. Throw {@link DeferredException} when the
 * backend is still busy, {@link InnocuousException} for a harmless failure, anything else for an
 * error that is recorded in {@code backend_status} and retried with backoff.
 */
public abstract class SyncStep extends Step {

    /** Names of the models this step synchronizes; at least one. */
    public abstract List<String> observes();

    /** Makes the backend match {@code obj}. May write the object's feedback fields. */
    public abstract void syncRecord(ModelObject obj) throws Exception;

    /** Removes {@code obj} from the backend. The default does nothing. */
    public void deleteRecord(ModelObject obj) throws Exception {
    }

    /**
     * The objects to work on: the dirty objects of every observed model, or the deleted ones
     * when {@code deletion} is true. Override to narrow the selection.
     */
    public List<ModelObject> fetchPending(boolean deletion) {
        List<ModelObject> pending = new ArrayList<>();
        for (String model : observes()) {
            pending.addAll(deletion ? context().deletedObjects(model) : context().dirtyObjects(model));
        }
        return pending;
    }
}
