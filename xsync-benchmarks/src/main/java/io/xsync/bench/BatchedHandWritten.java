package io.xsync.bench;

import io.xsync.runtime.time.SystemTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The strong baseline of (d): what a capable engineer writes by hand with the plain Kafka client
 * and JDBC (the shape of a Spring Kafka batch listener). One consumer thread per partition (as
 * many as xsync's {@code events.concurrency}), all in one group; per poll one transaction: a
 * lookup per event, the poll's inserts as one JDBC batch, the partitions' next offsets upserted in
 * the same transaction, then commit.
 */
final class BatchedHandWritten {

    private final DataSource db;
    private final boolean postgres;
    private final String group;
    private final AtomicLong done = new AtomicLong();

    BatchedHandWritten(DataSource db, boolean postgres, String group) {
        this.db = db;
        this.postgres = postgres;
        this.group = group;
    }

    /** Runs {@code threads} consumers (from {@code consumers}) until {@code total} events are stored. */
    void run(Supplier<KafkaConsumer<byte[], byte[]>> consumers, int threads, String topic, long total)
            throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            KafkaConsumer<byte[], byte[]> consumer = consumers.get();
            Thread t = new Thread(() -> {
                try (consumer) {
                    consume(consumer, topic, total);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                    done.addAndGet(total); // stop the others
                }
            }, "bench-hand-" + i);
            t.start();
            workers.add(t);
        }
        for (Thread t : workers) {
            t.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("hand-written consumer failed", failure.get());
        }
    }

    /** Events stored so far (committed with their offsets). */
    long stored() {
        return done.get();
    }

    private void consume(KafkaConsumer<byte[], byte[]> consumer, String topic, long total)
            throws Exception {
        consumer.subscribe(List.of(topic));
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            String nextId = postgres ? "nextval('\"xsync_ids\"')" : "NEXT VALUE FOR \"xsync_ids\"";
            try (PreparedStatement find = c.prepareStatement("SELECT \"id\" FROM \"xs_mymodel\" WHERE "
                    + "\"first_name\" = ? AND \"last_name\" = ? AND \"deleted\" = FALSE");
                 PreparedStatement insert = c.prepareStatement("INSERT INTO \"xs_mymodel\" ("
                         + HandWrittenLoop.COLUMNS + ") VALUES (" + nextId + ", ?, ?, NULL, NULL, NULL, NULL, FALSE, "
                         + "FALSE, FALSE, FALSE, FALSE, 'Provisioning in progress', 0, '{}', FALSE, FALSE, "
                         + "'Policy in process', 0, 'MyModel', ?, ?)");
                 PreparedStatement offset = c.prepareStatement(HandWrittenLoop.upsertOffset(postgres))) {
                while (done.get() < total) {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                    if (records.isEmpty()) {
                        continue;
                    }
                    OffsetDateTime now = SystemTime.INSTANCE.now().atOffset(ZoneOffset.UTC);
                    for (ConsumerRecord<byte[], byte[]> r : records) {
                        if (HandWrittenLoop.bindNew(r, find, insert, now)) {
                            insert.addBatch();
                        }
                    }
                    insert.executeBatch();
                    for (TopicPartition tp : records.partitions()) {
                        List<ConsumerRecord<byte[], byte[]>> list = records.records(tp);
                        offset.setString(1, group);
                        offset.setString(2, tp.topic());
                        offset.setInt(3, tp.partition());
                        offset.setLong(4, list.get(list.size() - 1).offset() + 1);
                        offset.addBatch();
                    }
                    offset.executeBatch();
                    c.commit();
                    done.addAndGet(records.count());
                }
            }
        }
    }
}
