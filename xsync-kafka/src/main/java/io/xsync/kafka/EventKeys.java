package io.xsync.kafka;

import io.xsync.runtime.config.ConfigKey;
import io.xsync.runtime.config.ConfigKeySet;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code events.*} configuration keys, owned by the event engine and contributed to the
 * config reader through {@code META-INF/services/io.xsync.runtime.config.ConfigKeySet}. Each key
 * carries its own checks; {@link EventSettings} reads them.
 */
public final class EventKeys implements ConfigKeySet {
    public static final ConfigKey<Integer> CONCURRENCY = ConfigKey.<Integer>optional("events.concurrency", ConfigKey.Type.INT,
            4, "Partitions processed in parallel per event step.").atLeast(1);
    public static final ConfigKey<Integer> BATCH_SIZE = ConfigKey.<Integer>optional("events.batch_size", ConfigKey.Type.INT,
            5000, "Most events of one partition committed in one database transaction.").atLeast(1);
    public static final ConfigKey<Integer> RETRY_ATTEMPTS = ConfigKey.<Integer>optional("events.retry.attempts",
            ConfigKey.Type.INT, 5, "Attempts of a failing event before it is dead-lettered.").atLeast(1);
    public static final ConfigKey<Duration> RETRY_BASE = ConfigKey.optional("events.retry.base", ConfigKey.Type.DURATION,
            Duration.ofMillis(100), "First retry delay; doubles each attempt.");
    public static final ConfigKey<Duration> RETRY_MAX = ConfigKey.optional("events.retry.max", ConfigKey.Type.DURATION,
            Duration.ofSeconds(10), "Largest retry delay.");
    public static final ConfigKey<String> ON_FAILURE = ConfigKey.<String>optional("events.on_failure", ConfigKey.Type.STRING,
            "dead_letter", "dead_letter (send and go on) or block (retry forever, keeping order).")
            .oneOf("dead_letter", "block");
    public static final ConfigKey<String> DEAD_LETTER_TOPIC = ConfigKey.<String>optional("events.dead_letter_topic",
            ConfigKey.Type.STRING, "{name}.dead-letter", "Dead-letter topic; {name} is the synchronizer name.")
            .matching(Pattern.compile("([A-Za-z0-9._-]|\\{name\\})+"),
                    "a legal Kafka topic name: letters, digits, '.', '_', '-' and {name}");
    public static final ConfigKey<Duration> SHUTDOWN_TIMEOUT = ConfigKey.optional("events.shutdown_timeout",
            ConfigKey.Type.DURATION, Duration.ofSeconds(30), "How long shutdown waits for events in flight.");
    public static final ConfigKey<Duration> OUTAGE_LOG_INTERVAL = ConfigKey.optional("events.outage_log_interval",
            ConfigKey.Type.DURATION, Duration.ofSeconds(30), "While the broker is unreachable, log once per interval.");
    public static final ConfigKey<String> START_FROM = ConfigKey.<String>optional("events.start_from", ConfigKey.Type.STRING,
            "earliest", "Where a partition with no offset in the store starts: earliest (every event kept by the "
                    + "broker) or latest (only events sent from now on). Offsets committed to Kafka are never used.")
            .oneOf("earliest", "latest");

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(CONCURRENCY, BATCH_SIZE, RETRY_ATTEMPTS, RETRY_BASE, RETRY_MAX, ON_FAILURE, DEAD_LETTER_TOPIC,
                SHUTDOWN_TIMEOUT, OUTAGE_LOG_INTERVAL, START_FROM);
    }
}
