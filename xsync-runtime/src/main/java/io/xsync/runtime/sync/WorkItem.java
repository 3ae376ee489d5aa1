package io.xsync.runtime.sync;

import io.xsync.api.ModelObject;
import io.xsync.api.SyncStep;
import io.xsync.runtime.store.ObjectRef;

/** One call to make in a pass: {@code step} syncs (or deletes) {@code object}. */
record WorkItem(SyncStep step, ModelObject object, ObjectRef ref) {

    static WorkItem of(SyncStep step, ModelObject object) {
        return new WorkItem(step, object, new ObjectRef(object.model().name(), object.id()));
    }
}
