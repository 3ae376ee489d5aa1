package io.xsync.runtime.policy;

import io.xsync.runtime.config.ConfigKeys;
import io.xsync.runtime.spi.Engine;
import io.xsync.runtime.spi.EngineProvider;
import io.xsync.runtime.spi.SynchronizerContext;
import java.util.Optional;

/** Creates the {@link PolicyEngine} when the synchronizer has model policies. */
public final class PolicyEngineProvider implements EngineProvider {
    @Override
    public Optional<Engine> create(SynchronizerContext context) {
        if (context.steps().policies().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PolicyEngine(context, context.config().get(ConfigKeys.SYNC_SAFETY_INTERVAL)));
    }
}
