package io.xsync.runtime.store;

/** One object, named by its model and id: the unit of cohorts, claims and log lines. */
public record ObjectRef(String model, long id) {
    @Override
    public String toString() {
        return model + " id " + id;
    }
}
