package io.xsync.runtime.sync;

import io.xsync.runtime.spi.Engine;
import io.xsync.runtime.spi.EngineProvider;
import io.xsync.runtime.spi.SynchronizerContext;
import java.util.Optional;

/** Creates the {@link SyncEngine} when the synchronizer has sync steps. */
public final class SyncEngineProvider implements EngineProvider {
    @Override
    public Optional<Engine> create(SynchronizerContext context) {
        if (context.steps().syncSteps().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SyncEngine(context, SyncSettings.from(context.config())));
    }
}
