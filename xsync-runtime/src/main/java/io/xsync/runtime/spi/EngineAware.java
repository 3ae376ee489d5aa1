package io.xsync.runtime.spi;

import java.util.List;

/**
 * Implemented by engines that need to see the other engines of the synchronizer, such as the
 * HTTP engine, which reports every engine that is a {@link Readiness} or a
 * {@link StatusContributor}. The synchronizer calls {@link #engines(List)} once, after creating
 * every engine and before starting any.
 */
public interface EngineAware {

    /** Every engine of the synchronizer, this one included. */
    void engines(List<Engine> engines);
}
