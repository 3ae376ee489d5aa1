package io.xsync.cli;

import io.xsync.kafka.KafkaEngineProvider;
import io.xsync.runtime.config.ConfigException;
import io.xsync.runtime.config.ConfigKeys;
import io.xsync.runtime.config.XsyncConfig;
import java.util.Map;

/** The Kafka cluster a config points at, for the commands that talk to it directly. */
final class EventBusTarget {
    private EventBusTarget() {
    }

    /**
     * {@code event_bus.endpoint}, with {@code embedded} turned into the embedded broker's address.
     *
     * @throws ConfigException when the config sets no endpoint
     */
    static String bootstrap(XsyncConfig config) {
        String endpoint = config.get(ConfigKeys.EVENT_BUS_ENDPOINT);
        if (endpoint == null || endpoint.isBlank()) {
            throw new ConfigException(config.file() + ": the config sets no " + ConfigKeys.EVENT_BUS_ENDPOINT.path());
        }
        if (KafkaEngineProvider.EMBEDDED.equalsIgnoreCase(endpoint.trim())) {
            return "127.0.0.1:" + config.get(ConfigKeys.EMBEDDED_KAFKA_PORT);
        }
        return endpoint.trim();
    }

    /** The config's Kafka client properties ({@code event_bus.properties}). */
    static Map<String, Object> clientProperties(XsyncConfig config) {
        return config.get(ConfigKeys.EVENT_BUS_PROPERTIES);
    }
}
