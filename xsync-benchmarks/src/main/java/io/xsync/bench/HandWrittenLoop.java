package io.xsync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.xsync.runtime.time.SystemTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The weak baseline (d1), kept for comparison with earlier runs: one thread, a KafkaConsumer poll loop and plain JDBC doing what MyModelStep does (the
 * same lookup and the same row), batch_size events of a partition per transaction, with the
 * partition's next offset upserted in the same transaction.
 */
final class HandWrittenLoop {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String COLUMNS = "\"id\", \"created\", \"updated\", \"enacted\", \"policed\", "
            + "\"changed_by_step\", \"changed_by_policy\", \"deleted\", \"write_protect\", \"lazy_blocked\", "
            + "\"no_sync\", \"no_policy\", \"backend_status\", \"backend_code\", \"backend_register\", "
            + "\"backend_need_delete\", \"backend_need_reap\", \"policy_status\", \"policy_code\", "
            + "\"leaf_model_name\", \"first_name\", \"last_name\"";

    private final DataSource db;
    private final boolean postgres;
    private final int batchSize;
    private final String group;

    HandWrittenLoop(DataSource db, boolean postgres, int batchSize, String group) {
        this.db = db;
        this.postgres = postgres;
        this.batchSize = batchSize;
        this.group = group;
    }

    /** Consumes until {@code total} events are stored. */
    void run(KafkaConsumer<byte[], byte[]> consumer, String topic, long total) throws Exception {
        consumer.subscribe(List.of(topic));
        long done = 0;
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            String nextId = postgres ? "nextval('\"xsync_ids\"')" : "NEXT VALUE FOR \"xsync_ids\"";
            try (PreparedStatement find = c.prepareStatement("SELECT \"id\" FROM \"xs_mymodel\" WHERE "
                    + "\"first_name\" = ? AND \"last_name\" = ? AND \"deleted\" = FALSE");
                 PreparedStatement insert = c.prepareStatement("INSERT INTO \"xs_mymodel\" (" + COLUMNS + ") VALUES ("
                         + nextId + ", ?, ?, NULL, NULL, NULL, NULL, FALSE, FALSE, FALSE, FALSE, FALSE, "
                         + "'Provisioning in progress', 0, '{}', FALSE, FALSE, 'Policy in process', 0, 'MyModel', ?, ?)");
                 PreparedStatement offset = c.prepareStatement(upsertOffset(postgres))) {
                while (done < total) {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                    for (TopicPartition tp : records.partitions()) {
                        List<ConsumerRecord<byte[], byte[]>> list = records.records(tp);
                        for (int i = 0; i < list.size(); i += batchSize) {
                            List<ConsumerRecord<byte[], byte[]>> chunk = list.subList(i, Math.min(list.size(), i + batchSize));
                            for (ConsumerRecord<byte[], byte[]> r : chunk) {
                                apply(r, find, insert);
                            }
                            ConsumerRecord<byte[], byte[]> last = chunk.get(chunk.size() - 1);
                            offset.setString(1, group);
                            offset.setString(2, tp.topic());
                            offset.setInt(3, tp.partition());
                            offset.setLong(4, last.offset() + 1);
                            offset.executeUpdate();
                            c.commit();
                            done += chunk.size();
                        }
                    }
                }
            }
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> r, PreparedStatement find, PreparedStatement insert)
            throws Exception {
        if (bindNew(r, find, insert, SystemTime.INSTANCE.now().atOffset(ZoneOffset.UTC))) {
            insert.executeUpdate();
        }
    }

    /**
     * The seed step's work on one event, as the hand-written loops do it: looks the names up and,
     * when they are new, binds the insert (stamped {@code now}); false when the row exists.
     */
    static boolean bindNew(ConsumerRecord<byte[], byte[]> r, PreparedStatement find, PreparedStatement insert,
                           OffsetDateTime now) throws Exception {
        JsonNode v = JSON.readTree(r.value());
        String first = v.path("first_name").asText();
        String last = v.path("last_name").asText();
        find.setString(1, first);
        find.setString(2, last);
        try (ResultSet rs = find.executeQuery()) {
            if (rs.next()) {
                return false;
            }
        }
        insert.setObject(1, now);
        insert.setObject(2, now);
        insert.setString(3, first);
        insert.setString(4, last);
        return true;
    }

    static String upsertOffset(boolean postgres) {
        if (postgres) {
            return "INSERT INTO \"xsync_offsets\" (\"group_id\", \"topic\", \"partition\", \"next_offset\") "
                    + "VALUES (?, ?, ?, ?) ON CONFLICT (\"group_id\", \"topic\", \"partition\") "
                    + "DO UPDATE SET \"next_offset\" = EXCLUDED.\"next_offset\"";
        }
        return "MERGE INTO \"xsync_offsets\" (\"group_id\", \"topic\", \"partition\", \"next_offset\") "
                + "KEY (\"group_id\", \"topic\", \"partition\") VALUES (?, ?, ?, ?)";
    }
}
