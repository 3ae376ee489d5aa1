package io.xsync.http;

import io.xsync.runtime.Engine;
import io.xsync.runtime.EngineProvider;
import io.xsync.runtime.SynchronizerContext;
import java.util.Optional;

/** Adds the HTTP engine to every synchronizer whose config has {@code http.enabled} (default). */
public final class HttpEngineProvider implements EngineProvider {

    @Override
    public Optional<Engine> create(SynchronizerContext context) {
        if (!context.config().get(HttpKeys.ENABLED)) {
            return Optional.empty();
        }
        return Optional.of(HttpEngine.of(context));
    }

    /** Starts after the other engines, so that it serves once they run (and stops first). */
    @Override
    public int order() {
        return 300;
    }
}
