package io.xsync.kafka;

import io.xsync.runtime.config.ConfigException;
import io.xsync.runtime.config.ConfigKeys;
import io.xsync.runtime.config.XsyncConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.internals.Topic;

/**
 * The event engine's settings, read from the {@code event_bus.*} keys of {@link ConfigKeys} and the
 * {@code events.*} keys of {@link EventKeys} (see there for meanings, defaults and checks).
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

        /** The value of {@link EventKeys#START_FROM}, whose key allows only the constants' names. */
        static StartFrom parse(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    /** What happens to an event whose step keeps failing. */
    public enum FailureMode {
        /** After {@code events.retry.attempts}, send it to the dead-letter topic and go on. */
        DEAD_LETTER,
        /** Retry forever; the partition waits (order is kept, nothing is skipped). */
        BLOCK;

        /** The value of {@link EventKeys#ON_FAILURE}, whose key allows only the constants' names. */
        static FailureMode parse(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    public EventSettings {
        clientProperties = Map.copyOf(clientProperties);
        if (concurrency < 1 || batchSize < 1 || retryAttempts < 1) {
            throw new IllegalArgumentException("concurrency, batch size and retry attempts must be at least 1");
        }
    }

    /** Settings with the defaults of the keys, for a synchronizer and bootstrap servers. */
    public static EventSettings defaults(String synchronizer, String bootstrap) {
        return new EventSettings(synchronizer, bootstrap, Map.of(),
                EventKeys.CONCURRENCY.defaultValue(), EventKeys.BATCH_SIZE.defaultValue(),
                EventKeys.RETRY_ATTEMPTS.defaultValue(), EventKeys.RETRY_BASE.defaultValue(),
                EventKeys.RETRY_MAX.defaultValue(),
                FailureMode.parse(EventKeys.ON_FAILURE.defaultValue()),
                deadLetterTopic(EventKeys.DEAD_LETTER_TOPIC.defaultValue(), synchronizer),
                EventKeys.SHUTDOWN_TIMEOUT.defaultValue(), EventKeys.OUTAGE_LOG_INTERVAL.defaultValue(),
                StartFrom.parse(EventKeys.START_FROM.defaultValue()));
    }

    /** Settings from a loaded config; {@code bootstrap} is the resolved endpoint. */
    public static EventSettings from(XsyncConfig config, String synchronizer, String bootstrap) {
        return new EventSettings(synchronizer, bootstrap, config.get(ConfigKeys.EVENT_BUS_PROPERTIES),
                config.get(EventKeys.CONCURRENCY), config.get(EventKeys.BATCH_SIZE),
                config.get(EventKeys.RETRY_ATTEMPTS), config.get(EventKeys.RETRY_BASE),
                config.get(EventKeys.RETRY_MAX), FailureMode.parse(config.get(EventKeys.ON_FAILURE)),
                checkedDeadLetterTopic(config, synchronizer),
                config.get(EventKeys.SHUTDOWN_TIMEOUT), config.get(EventKeys.OUTAGE_LOG_INTERVAL),
                StartFrom.parse(config.get(EventKeys.START_FROM)));
    }

    /** The dead-letter topic of a config; {@link ConfigException} naming the key when Kafka would refuse it. */
    private static String checkedDeadLetterTopic(XsyncConfig config, String synchronizer) {
        String topic = deadLetterTopic(config.get(EventKeys.DEAD_LETTER_TOPIC), synchronizer);
        try {
            Topic.validate(topic);
        } catch (InvalidTopicException e) {
            throw new ConfigException(config.where(EventKeys.DEAD_LETTER_TOPIC) + ": key '"
                    + EventKeys.DEAD_LETTER_TOPIC.path() + "' gives '" + topic
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
