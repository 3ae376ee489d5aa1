package io.xsync.kafka;

import io.xsync.api.XsyncException;
import io.xsync.runtime.time.Deadline;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Reads a synchronizer's dead-letter topic and sends dead letters back to the topic they came
 * from, for operators ({@code xsync dlt}). Reading uses no consumer group (it never moves any
 * synchronizer's offsets); a replayed event carries the original headers plus
 * {@value #REPLAYED_FROM} ({@code topic-partition@offset} of the dead letter).
 */
public final class DeadLetterTopic implements AutoCloseable {
    /** Header added to a replayed event: where in the dead-letter topic it came from. */
    public static final String REPLAYED_FROM = "xsync.replayed.from";

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final String topic;
    private final Map<String, Object> clientProperties;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private KafkaProducer<byte[], byte[]> producer;

    /**
     * @param bootstrap        bootstrap servers
     * @param clientProperties extra client properties (security settings and the like)
     * @param topic            the dead-letter topic
     */
    public DeadLetterTopic(String bootstrap, Map<String, Object> clientProperties, String topic) {
        this.topic = topic;
        this.clientProperties = new HashMap<>(clientProperties);
        this.clientProperties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        Map<String, Object> c = new HashMap<>(this.clientProperties);
        c.keySet().retainAll(ConsumerConfig.configNames());
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** The topic read. */
    public String topic() {
        return topic;
    }

    /** One dead letter: where it sits, what failed, and the original event. */
    public record Letter(int partition, long offset, Map<String, String> info, byte[] key, byte[] value,
                         List<Header> originalHeaders) {
        /** An {@code xsync.*} header value ({@code step}, {@code original.topic}, ...), or "" if absent. */
        public String info(String name) {
            return info.getOrDefault("xsync." + name, "");
        }

        /** {@code partition@offset}, the id {@code xsync dlt show|replay} take. */
        public String id() {
            return partition + "@" + offset;
        }

        /** The value as UTF-8 text. */
        public String valueText() {
            return value == null ? "" : new String(value, StandardCharsets.UTF_8);
        }
    }

    /** The last {@code limit} dead letters (by partition, then offset), read up to the current end. */
    public List<Letter> list(int limit) {
        Map<TopicPartition, Long> ends = assignAll();
        Deque<Letter> last = new ArrayDeque<>();
        readToEnd(ends, letter -> {
            last.addLast(letter);
            if (last.size() > limit) {
                last.removeFirst();
            }
        });
        return new ArrayList<>(last);
    }

    /** The dead letter at {@code partition@offset}, if the topic holds it. */
    public Optional<Letter> get(int partition, long offset) {
        TopicPartition tp = new TopicPartition(topic, partition);
        Map<TopicPartition, Long> ends = assignAll();
        if (!ends.containsKey(tp) || offset >= ends.get(tp)) {
            return Optional.empty();
        }
        consumer.assign(List.of(tp));
        consumer.seek(tp, offset);
        Deadline deadline = Deadline.after(READ_TIMEOUT);
        while (!deadline.expired()) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                if (r.offset() == offset) {
                    return Optional.of(letter(r));
                }
                if (r.offset() > offset) {
                    return Optional.empty(); // compacted or deleted
                }
            }
        }
        throw new XsyncException("timed out reading " + topic + "-" + partition + "@" + offset);
    }

    /**
     * Sends the letter's key, value and original headers back to its original topic, with
     * {@value #REPLAYED_FROM}, and waits for the broker's acknowledgement.
     */
    public void replay(Letter letter) {
        String target = letter.info("original.topic");
        if (target.isEmpty()) {
            throw new XsyncException(topic + "-" + letter.id() + " names no original topic; not an xsync dead letter");
        }
        RecordHeaders headers = new RecordHeaders();
        letter.originalHeaders().stream().filter(h -> !h.key().equals(REPLAYED_FROM)).forEach(headers::add);
        headers.add(REPLAYED_FROM, (topic + "-" + letter.id()).getBytes(StandardCharsets.UTF_8));
        try {
            producer().send(new ProducerRecord<>(target, null, letter.key(), letter.value(), headers))
                    .get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XsyncException("interrupted while replaying " + letter.id(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new XsyncException("cannot replay " + letter.id() + " to " + target + ": " + e.getMessage(), e);
        }
    }

    private Map<TopicPartition, Long> assignAll() {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(15));
        if (infos == null || infos.isEmpty()) {
            return Map.of();
        }
        List<TopicPartition> tps = infos.stream().map(i -> new TopicPartition(topic, i.partition()))
                .sorted((a, b) -> Integer.compare(a.partition(), b.partition())).collect(Collectors.toList());
        consumer.assign(tps);
        consumer.seekToBeginning(tps);
        return consumer.endOffsets(tps);
    }

    private void readToEnd(Map<TopicPartition, Long> ends, Consumer<Letter> sink) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            TopicPartition tp = end.getKey();
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            Deadline deadline = Deadline.after(READ_TIMEOUT);
            while (consumer.position(tp) < end.getValue()) {
                if (deadline.expired()) {
                    throw new XsyncException("timed out reading " + tp);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                    if (r.offset() < end.getValue()) {
                        sink.accept(letter(r));
                    }
                }
            }
        }
    }

    private static Letter letter(ConsumerRecord<byte[], byte[]> r) {
        Map<String, String> info = new HashMap<>();
        List<Header> original = new ArrayList<>();
        for (Header h : r.headers()) {
            if (h.key().startsWith("xsync.") && !h.key().equals(REPLAYED_FROM)) {
                info.put(h.key(), h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8));
            } else {
                original.add(h);
            }
        }
        return new Letter(r.partition(), r.offset(), Map.copyOf(info), r.key(), r.value(), List.copyOf(original));
    }

    private KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            Map<String, Object> p = new HashMap<>(clientProperties);
            p.keySet().retainAll(ProducerConfig.configNames());
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    @Override
    public void close() {
        consumer.close();
        if (producer != null) {
            producer.close();
        }
    }
}
