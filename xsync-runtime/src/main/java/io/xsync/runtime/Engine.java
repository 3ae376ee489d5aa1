package io.xsync.runtime;

import java.time.Duration;

/** A long-running part of the synchronizer (sync, policy, pull, event engines, HTTP server). */
public interface Engine {

    /** Short name for logs and thread names. */
    String name();

    /** Starts the engine's threads; returns once it runs. */
    void start();

    /** Stops taking new work and waits up to {@code timeout} for work in flight. */
    void stop(Duration timeout);
}
