package io.xsync.runtime.pull;

import io.xsync.runtime.config.ConfigKeys;
import io.xsync.runtime.spi.Engine;
import io.xsync.runtime.spi.EngineProvider;
import io.xsync.runtime.spi.SynchronizerContext;
import io.xsync.runtime.store.ClaimTable;
import java.util.Optional;
import java.util.UUID;

/** Creates the {@link PullEngine} when the synchronizer has pull steps. */
public final class PullEngineProvider implements EngineProvider {
    @Override
    public Optional<Engine> create(SynchronizerContext context) {
        if (context.steps().pullSteps().isEmpty()) {
            return Optional.empty();
        }
        ClaimTable leases = context.store().claims(context.name() + "-"
                + UUID.randomUUID().toString().substring(0, 8), context.config().get(ConfigKeys.SYNC_CLAIM_LEASE), "");
        return Optional.of(new PullEngine(context.steps().pullSteps(),
                context.config().get(ConfigKeys.PULL_DEFAULT_INTERVAL), context.metrics(), leases, context.time()));
    }
}
