package io.xsync.bench;

import io.xsync.runtime.time.SystemTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/** Fills a benchmark topic with the seed's events. */
final class BenchTopic {
    private BenchTopic() {
    }

    /**
     * Sends {@code events} distinct JSON events of about 56 bytes
     * ({@code {"first_name":"First0000012","last_name":"Last0000012"}}) to {@code topic}, all
     * acknowledged by the broker; returns the rate in events/s.
     */
    static double fill(String bootstrap, String topic, int events) {
        long t0 = SystemTime.INSTANCE.nanoTime();
        try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer())) {
            List<Future<RecordMetadata>> pending = new ArrayList<>();
            for (int i = 0; i < events; i++) {
                String value = String.format("{\"first_name\":\"First%07d\",\"last_name\":\"Last%07d\"}", i, i);
                pending.add(p.send(new ProducerRecord<>(topic, null, value)));
                if (pending.size() >= 50_000) {
                    waitAll(pending);
                }
            }
            waitAll(pending);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while filling " + topic, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("filling " + topic + " failed", e.getCause());
        }
        return events / ((SystemTime.INSTANCE.nanoTime() - t0) / 1e9);
    }

    private static void waitAll(List<Future<RecordMetadata>> pending) throws InterruptedException, ExecutionException {
        for (Future<RecordMetadata> f : pending) {
            f.get();
        }
        pending.clear();
    }
}
