package io.xsync.api;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Base of the four kinds of step code. The runtime makes one instance per step class, calls
 * {@link #init(StepContext)} once, and reuses the instance for every call. A step class needs a
 * public no-argument constructor.
 */
public abstract class Step {
    private final Logger log = LoggerFactory.getLogger(getClass());
    private StepContext context;

    /** The step's name in logs, metrics and errors: the simple class name unless overridden. */
    public String name() {
        return getClass().getSimpleName();
    }

    /** Called by the runtime once, before the first call. Overrides must call super. */
    public void init(StepContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    /** Called by the runtime at shutdown. */
    public void close() {
    }

    /** The model accessor (XOS {@code modelaccessor}); saves count as made by this step. */
    protected final Models models() {
        return context().models();
    }

    /** A logger named after the step class; the runtime puts step, model and object in the MDC. */
    protected final Logger log() {
        return log;
    }

    /** The runtime context; {@link IllegalStateException} before {@link #init(StepContext)}. */
    protected final StepContext context() {
        if (context == null) {
            throw new IllegalStateException("step " + name() + " used before init");
        }
        return context;
    }
}
