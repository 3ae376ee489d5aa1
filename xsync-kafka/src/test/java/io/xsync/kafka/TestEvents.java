package io.xsync.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Producing and reading test events; every send is checked. */
public final class TestEvents {
    private TestEvents() {
    }

    /** A producer with idempotence, acks=all. */
    public static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new StringSerializer());
    }

    /**
     * Sends key/value pairs ({@code String[2]}) and waits for every acknowledgement, at most
     * {@value #IN_FLIGHT} unacknowledged at a time (a busy broker would otherwise let batches
     * expire).
     */
    public static void send(String bootstrap, String topic, List<String[]> events) throws Exception {
        try (KafkaProducer<String, String> p = producer(bootstrap)) {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (String[] e : events) {
                acks.add(p.send(new ProducerRecord<>(topic, e[0], e[1])));
                if (acks.size() == IN_FLIGHT) {
                    awaitAll(acks);
                }
            }
            awaitAll(acks);
        }
    }

    private static final int IN_FLIGHT = 1000;

    private static void awaitAll(List<Future<RecordMetadata>> acks) throws Exception {
        for (Future<RecordMetadata> f : acks) {
            f.get();
        }
        acks.clear();
    }

    /**
     * Reads every record of a topic, from the beginning to the end offsets of its partitions as
     * they are when called (so a duplicate is read too, however many records were expected).
     * Call it once everything that should be there was acknowledged.
     */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            List<TopicPartition> parts = new ArrayList<>();
            while (parts.isEmpty()) { // a topic nobody wrote to is created (empty) on first request
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topic " + topic + " has no partitions");
                }
                c.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(p -> parts.add(new TopicPartition(topic, p.partition())));
            }
            Map<TopicPartition, Long> end = c.endOffsets(parts, Duration.ofSeconds(30));
            c.assign(parts);
            c.seekToBeginning(parts);
            while (!reachedEnd(c, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end " + end);
                }
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    private static boolean reachedEnd(KafkaConsumer<byte[], byte[]> c, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (c.position(e.getKey(), Duration.ofSeconds(30)) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** A header of a record as text, or null. */
    public static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
