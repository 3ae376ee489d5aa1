package io.xsync.api;

/**
 * A model policy: derives declarative state when an object of {@link #modelName()} is created,
 * updated or deleted. Runs before sync steps see the object. May write any model.
 */
public abstract class Policy extends Step {

    /** The model whose objects this policy handles. */
    public abstract String modelName();

    /** First policy run for a new object ({@code policed} is null). */
    public void handleCreate(ModelObject obj) throws Exception {
    }

    /** A later change of the object. */
    public void handleUpdate(ModelObject obj) throws Exception {
    }

    /** The object was deleted. */
    public void handleDelete(ModelObject obj) throws Exception {
    }
}
