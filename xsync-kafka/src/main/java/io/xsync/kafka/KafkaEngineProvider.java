package io.xsync.kafka;

import io.xsync.api.EventStep;
import io.xsync.runtime.config.ConfigKeys;
import io.xsync.runtime.config.XsyncConfig;
import io.xsync.runtime.spi.Engine;
import io.xsync.runtime.spi.EngineProvider;
import io.xsync.runtime.spi.SynchronizerContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Creates the {@link KafkaEventEngine} when the synchronizer has event steps and
 * {@code event_bus.endpoint} is set. {@code endpoint: embedded} starts an {@link EmbeddedKafka}
 * (data under {@code data_dir/kafka}, port {@code event_bus.embedded_port}) before the consumers.
 */
public final class KafkaEngineProvider implements EngineProvider {
    /** The {@code event_bus.endpoint} value that runs the built-in broker. */
    public static final String EMBEDDED = "embedded";

    /** After the model engines, before the HTTP server. */
    @Override
    public int order() {
        return 200;
    }

    @Override
    public Optional<Engine> create(SynchronizerContext context) {
        List<EventStep> steps = context.steps().eventSteps();
        XsyncConfig config = context.config();
        String endpoint = config.get(ConfigKeys.EVENT_BUS_ENDPOINT);
        if (steps.isEmpty()) {
            return Optional.empty();
        }
        // set: Synchronizer.prepare refuses event steps without an endpoint, and event_bus.kind allows only kafka
        String name = context.name();
        if (!EMBEDDED.equalsIgnoreCase(endpoint.trim())) {
            EventSettings settings = EventSettings.from(config, name, endpoint.trim());
            return Optional.of(new KafkaEventEngine(steps, context.store(), context.metrics(), () -> settings, null,
                    context.time()));
        }
        int port = config.get(ConfigKeys.EMBEDDED_KAFKA_PORT);
        Path dataDir = config.path(ConfigKeys.DATA_DIR).resolve("kafka");
        EmbeddedKafka[] started = new EmbeddedKafka[1];
        return Optional.of(new KafkaEventEngine(steps, context.store(), context.metrics(),
                () -> EventSettings.from(config, name, started[0].bootstrapServers()),
                () -> started[0] = EmbeddedKafka.start(dataDir, port), context.time()));
    }
}
