package io.xsync.runtime.pull;

import io.xsync.runtime.Engine;
import io.xsync.runtime.EngineProvider;
import io.xsync.runtime.SynchronizerContext;
import io.xsync.runtime.config.ConfigKeys;
import java.util.Optional;

/** Creates the {@link PullEngine} when the synchronizer has pull steps. */
public final class PullEngineProvider implements EngineProvider {
    @Override
    public Optional<Engine> create(SynchronizerContext context) {
        if (context.steps().pullSteps().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PullEngine(context.steps().pullSteps(),
                context.config().get(ConfigKeys.PULL_DEFAULT_INTERVAL), context.metrics()));
    }
}
