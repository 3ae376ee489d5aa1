package io.xsync.kafka;

import io.xsync.runtime.internal.Causes;
import io.xsync.runtime.time.Time;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends events that keep failing to the dead-letter topic: same key and value, the original
 * headers, plus headers saying what failed and where ({@code xsync.*}, see the constants). A send
 * is retried until the broker acknowledges it, so a dead-lettered event is never lost; while it
 * fails, {@link #failure()} says so (the engine then reports not ready) and it is logged.
 */
final class DeadLetters {
    static final String EXCEPTION_CLASS = "xsync.exception.class";
    static final String EXCEPTION_MESSAGE = "xsync.exception.message";
    static final String EXCEPTION_STACKTRACE = "xsync.exception.stacktrace";
    static final String STEP = "xsync.step";
    static final String ORIGINAL_TOPIC = "xsync.original.topic";
    static final String ORIGINAL_PARTITION = "xsync.original.partition";
    static final String ORIGINAL_OFFSET = "xsync.original.offset";
    static final String ATTEMPTS = "xsync.attempts";
    static final String FAILED_AT = "xsync.failed.at";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private static final int MAX_TRACE = 8 * 1024;

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final EventSettings settings;
    private final Time time;
    /** Why sends are failing right now, or null. */
    private volatile String failure;
    private final Map<String, String> latest = new ConcurrentHashMap<>();

    DeadLetters(Producer<byte[], byte[]> producer, EventSettings settings, Time time) {
        this.producer = producer;
        this.time = time;
        this.topic = settings.deadLetterTopic();
        this.settings = settings;
    }

    String topic() {
        return topic;
    }

    /**
     * The latest dead letter of {@code step} as {@code partition@offset: Exception: message} (the
     * id {@code xsync dlt show|replay} takes), or null when it has none since start.
     */
    String latest(String step) {
        return latest.get(step);
    }

    private static String summary(Throwable error) {
        Throwable root = Causes.unwrapped(error);
        String message = String.valueOf(root.getMessage());
        return root.getClass().getSimpleName() + ": " + (message.length() > 200 ? message.substring(0, 200) + "..." : message);
    }

    /** Why a dead-letter send is failing right now (its partition waits), or null when none is. */
    String failure() {
        return failure;
    }

    /**
     * Sends the record and waits for the acknowledgement, retrying with backoff while
     * {@code active} holds.
     *
     * @throws Stopped when {@code active} turns false before the send succeeded
     */
    void send(String step, ConsumerRecord<byte[], byte[]> record, Throwable error, int attempts,
              BooleanSupplier active) {
        ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(topic, null, record.key(), record.value(),
                headers(step, record, error, attempts, time.now()));
        IntervalLog outage = new IntervalLog(settings.outageLogInterval(), time);
        for (int failures = 1; ; failures++) {
            if (!active.getAsBoolean()) {
                throw new Stopped();
            }
            try {
                RecordMetadata sent = producer.send(out).get(30, TimeUnit.SECONDS);
                failure = null;
                latest.put(step, sent.partition() + "@" + sent.offset() + ": " + summary(error));
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Stopped();
            } catch (Exception e) {
                Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
                failure = "cannot send " + record.topic() + "-" + record.partition() + "@" + record.offset()
                        + " to dead-letter topic " + topic + " (" + failures + " attempts): " + cause.getMessage();
                if (outage.due()) {
                    if (cause instanceof RetriableException) {
                        LOG.warn("{}; still trying, the partition waits", failure);
                    } else {
                        LOG.error("{}; this will not succeed by itself (check events.dead_letter_topic and the "
                                + "broker's ACLs); still trying, the partition waits", failure);
                    }
                }
                RetrySleep.sleep(time, settings.retryDelay(failures), active);
            }
        }
    }

    private static RecordHeaders headers(String step, ConsumerRecord<byte[], byte[]> record, Throwable error,
                                         int attempts, Instant failedAt) {
        RecordHeaders h = new RecordHeaders();
        for (Header header : record.headers()) {
            h.add(header);
        }
        Throwable root = Causes.unwrapped(error);
        h.add(EXCEPTION_CLASS, utf8(root.getClass().getName()));
        h.add(EXCEPTION_MESSAGE, utf8(String.valueOf(root.getMessage())));
        h.add(EXCEPTION_STACKTRACE, utf8(stackTrace(error)));
        h.add(STEP, utf8(step));
        h.add(ORIGINAL_TOPIC, utf8(record.topic()));
        h.add(ORIGINAL_PARTITION, utf8(Integer.toString(record.partition())));
        h.add(ORIGINAL_OFFSET, utf8(Long.toString(record.offset())));
        h.add(ATTEMPTS, utf8(Integer.toString(attempts)));
        h.add(FAILED_AT, utf8(failedAt.toString()));
        return h;
    }

    private static String stackTrace(Throwable error) {
        StringWriter w = new StringWriter();
        error.printStackTrace(new PrintWriter(w));
        String s = w.toString();
        return s.length() > MAX_TRACE ? s.substring(0, MAX_TRACE) : s;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
