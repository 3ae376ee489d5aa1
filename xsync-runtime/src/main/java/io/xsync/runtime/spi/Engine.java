package io.xsync.runtime.spi;

import io.xsync.runtime.steps.StepKind;
import java.time.Duration;
import java.util.Set;

/** A long-running part of the synchronizer (sync, policy, pull, event engines, HTTP server). */
public interface Engine {

    /** Short name for logs and thread names. */
    String name();

    /** Starts the engine's threads; returns once it runs. */
    void start();

    /** Stops taking new work and waits up to {@code timeout} for work in flight. */
    void stop(Duration timeout);

    /**
     * The kinds of step code this engine runs (none for the HTTP server). A synchronizer whose
     * steps of some kind no engine runs refuses to start rather than ignore them.
     */
    default Set<StepKind> runs() {
        return Set.of();
    }
}
