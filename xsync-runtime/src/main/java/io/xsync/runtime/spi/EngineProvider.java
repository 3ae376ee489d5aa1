package io.xsync.runtime.spi;

import java.util.Optional;

/**
 * Plugs an engine into the synchronizer. Found with {@link java.util.ServiceLoader}, so modules
 * such as xsync-kafka and xsync-http add engines by being on the classpath.
 */
public interface EngineProvider {

    /** The engine for this synchronizer, or empty when the config or steps do not call for it. */
    Optional<Engine> create(SynchronizerContext context);

    /**
     * Where the engine starts: lower first (and stops last). The model engines (sync, policy,
     * pull) use 100, the event engine 200, the HTTP server 300 so that it serves once the rest runs.
     */
    default int order() {
        return 100;
    }
}
