package io.xsync.kafka;

import io.xsync.runtime.config.ConfigException;
import io.xsync.runtime.config.ConfigKeys;
import io.xsync.runtime.config.XsyncConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.internals.Topic;

/**
 * The event engine's settings, read from the {@code event_bus.*} and {@code events.*} keys of
 * {@link ConfigKeys} (see there for meanings and defaults).
 *
 * @param synchronizer     the synchronizer's name (consumer group ids are
 *                         {@code xsync.<synchronizer>.<StepName>})
 * @param bootstrap        Kafka bootstrap servers
 * @param clientProperties extra Kafka client properties ({@code event_bus.properties})
 * @param deadLetterTopic  the dead-letter topic, {@code {name}} already replaced
 * @param startFrom        where a partition with no stored offset starts (never at a Kafka-committed offset)
 */
public record EventSettings(String synchronizer, String bootstrap, Map<String, Object> clientProperties,
                            int concurrency, int batchSize, int retryAttempts, Duration retryBase,
                            Duration retryMax, FailureMode onFailure, String deadLetterTopic,
                            Duration shutdownTimeout, Duration outageLogInterval, StartFrom startFrom) {

    /** Where a partition starts when the store holds no offset for it. */
    public enum StartFrom {
        /** At the oldest event the broker keeps (the default: a new synchronizer sees everything). */
        EARLIEST,
        /** At the end: only events sent after the partition was assigned. */
        LATEST;

        static StartFrom parse(String value) {
            return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "earliest" -> EARLIEST;
                case "latest" -> LATEST;
                default -> throw new io.xsync.runtime.config.ConfigException(
                        ConfigKeys.EVENTS_START_FROM.path() + ": expected earliest or latest, got '" + value + "'");
            };
        }
    }

    /** What happens to an event whose step keeps failing. */
    public enum FailureMode {
        /** After {@code events.retry.attempts}, send it to the dead-letter topic and go on. */
        DEAD_LETTER,
        /** Retry forever; the partition waits (order is kept, nothing is skipped). */
        BLOCK;

        static FailureMode parse(String value) {
            return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "dead_letter", "dead-letter" -> DEAD_LETTER;
                case "block" -> BLOCK;
                default -> throw new io.xsync.runtime.config.ConfigException(
                        ConfigKeys.EVENTS_ON_FAILURE.path() + ": expected dead_letter or block, got '" + value + "'");
            };
        }
    }

    public EventSettings {
        clientProperties = Map.copyOf(clientProperties);
        if (concurrency < 1 || batchSize < 1 || retryAttempts < 1) {
            throw new io.xsync.runtime.config.ConfigException(
                    "events.concurrency, events.batch_size and events.retry.attempts must be at least 1");
        }
    }

    /** Settings with the defaults of {@link ConfigKeys}, for a synchronizer and bootstrap servers. */
    public static EventSettings defaults(String synchronizer, String bootstrap) {
        return new EventSettings(synchronizer, bootstrap, Map.of(),
                ConfigKeys.EVENTS_CONCURRENCY.defaultValue(), ConfigKeys.EVENTS_BATCH_SIZE.defaultValue(),
                ConfigKeys.EVENTS_RETRY_ATTEMPTS.defaultValue(), ConfigKeys.EVENTS_RETRY_BASE.defaultValue(),
                ConfigKeys.EVENTS_RETRY_MAX.defaultValue(),
                FailureMode.parse(ConfigKeys.EVENTS_ON_FAILURE.defaultValue()),
                deadLetterTopic(ConfigKeys.EVENTS_DEAD_LETTER_TOPIC.defaultValue(), synchronizer),
                ConfigKeys.EVENTS_SHUTDOWN_TIMEOUT.defaultValue(), ConfigKeys.EVENTS_OUTAGE_LOG_INTERVAL.defaultValue(),
                StartFrom.parse(ConfigKeys.EVENTS_START_FROM.defaultValue()));
    }

    /** Settings from a loaded config; {@code bootstrap} is the resolved endpoint. */
    public static EventSettings from(XsyncConfig config, String synchronizer, String bootstrap) {
        return new EventSettings(synchronizer, bootstrap, config.get(ConfigKeys.EVENT_BUS_PROPERTIES),
                config.get(ConfigKeys.EVENTS_CONCURRENCY), config.get(ConfigKeys.EVENTS_BATCH_SIZE),
                config.get(ConfigKeys.EVENTS_RETRY_ATTEMPTS), config.get(ConfigKeys.EVENTS_RETRY_BASE),
                config.get(ConfigKeys.EVENTS_RETRY_MAX), FailureMode.parse(config.get(ConfigKeys.EVENTS_ON_FAILURE)),
                checkedDeadLetterTopic(config, synchronizer),
                config.get(ConfigKeys.EVENTS_SHUTDOWN_TIMEOUT), config.get(ConfigKeys.EVENTS_OUTAGE_LOG_INTERVAL),
                StartFrom.parse(config.get(ConfigKeys.EVENTS_START_FROM)));
    }

    /** The dead-letter topic of a config; {@link ConfigException} naming the key when Kafka would refuse it. */
    private static String checkedDeadLetterTopic(XsyncConfig config, String synchronizer) {
        String topic = deadLetterTopic(config.get(ConfigKeys.EVENTS_DEAD_LETTER_TOPIC), synchronizer);
        try {
            Topic.validate(topic);
        } catch (InvalidTopicException e) {
            throw new ConfigException(config.where(ConfigKeys.EVENTS_DEAD_LETTER_TOPIC) + ": key '"
                    + ConfigKeys.EVENTS_DEAD_LETTER_TOPIC.path() + "' gives '" + topic
                    + "', which is not a legal Kafka topic name: " + e.getMessage());
        }
        return topic;
    }

    private static String deadLetterTopic(String template, String synchronizer) {
        return template.replace("{name}", synchronizer);
    }

    /** The consumer group of a step: {@code xsync.<synchronizer>.<step>}. */
    public String groupId(String stepName) {
        return "xsync." + synchronizer + "." + stepName;
    }

    /** Delay before retry number {@code retry} (1-based): base × 2^(retry-1), at most the maximum. */
    public Duration retryDelay(int retry) {
        int shift = Math.min(Math.max(retry - 1, 0), 30);
        long millis = retryBase.toMillis() << shift;
        return millis <= 0 || millis > retryMax.toMillis() ? retryMax : Duration.ofMillis(millis);
    }

    public EventSettings withClientProperties(Map<String, Object> properties) {
        Map<String, Object> merged = new LinkedHashMap<>(clientProperties);
        merged.putAll(properties);
        return new EventSettings(synchronizer, bootstrap, merged, concurrency, batchSize, retryAttempts, retryBase,
                retryMax, onFailure, deadLetterTopic, shutdownTimeout, outageLogInterval, startFrom);
    }

    public EventSettings withBatchSize(int size) {
        return new EventSettings(synchronizer, bootstrap, clientProperties, concurrency, size, retryAttempts,
                retryBase, retryMax, onFailure, deadLetterTopic, shutdownTimeout, outageLogInterval, startFrom);
    }

    public EventSettings withConcurrency(int threads) {
        return new EventSettings(synchronizer, bootstrap, clientProperties, threads, batchSize, retryAttempts,
                retryBase, retryMax, onFailure, deadLetterTopic, shutdownTimeout, outageLogInterval, startFrom);
    }

    public EventSettings withRetry(int attempts, Duration base, Duration max) {
        return new EventSettings(synchronizer, bootstrap, clientProperties, concurrency, batchSize, attempts,
                base, max, onFailure, deadLetterTopic, shutdownTimeout, outageLogInterval, startFrom);
    }

    public EventSettings withOnFailure(FailureMode mode) {
        return new EventSettings(synchronizer, bootstrap, clientProperties, concurrency, batchSize, retryAttempts,
                retryBase, retryMax, mode, deadLetterTopic, shutdownTimeout, outageLogInterval, startFrom);
    }

    public EventSettings withDeadLetterTopic(String topic) {
        return new EventSettings(synchronizer, bootstrap, clientProperties, concurrency, batchSize, retryAttempts,
                retryBase, retryMax, onFailure, topic, shutdownTimeout, outageLogInterval, startFrom);
    }

    public EventSettings withStartFrom(StartFrom start) {
        return new EventSettings(synchronizer, bootstrap, clientProperties, concurrency, batchSize, retryAttempts,
                retryBase, retryMax, onFailure, deadLetterTopic, shutdownTimeout, outageLogInterval, start);
    }

    public EventSettings withOutageLogInterval(Duration interval) {
        return new EventSettings(synchronizer, bootstrap, clientProperties, concurrency, batchSize, retryAttempts,
                retryBase, retryMax, onFailure, deadLetterTopic, shutdownTimeout, interval, startFrom);
    }
}
