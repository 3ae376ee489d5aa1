package io.xsync.runtime.sync;

import io.xsync.api.ModelObject;
import io.xsync.api.SyncStep;
import io.xsync.runtime.store.ObjectRef;

/**
 * One call to make in a pass: {@code step} syncs (or deletes) {@code object}. {@code version} is
 * the row version the object was read at ({@code Store.rowVersions}), null when unknown.
 */
record WorkItem(SyncStep step, ModelObject object, ObjectRef ref, Long version) {

    static WorkItem of(SyncStep step, ModelObject object) {
        return new WorkItem(step, object, new ObjectRef(object.model().name(), object.id()), null);
    }

    /** This call on {@code current}, the object as it is now. */
    WorkItem on(ModelObject current) {
        return new WorkItem(step, current, ref, version);
    }

    WorkItem withVersion(Long v) {
        return new WorkItem(step, object, ref, v);
    }
}
