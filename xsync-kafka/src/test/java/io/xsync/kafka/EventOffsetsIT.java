package io.xsync.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsync.runtime.store.JdbcStore;
import io.xsync.runtime.store.StaleOffsetException;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fenced offset write that keeps a replica which lost a partition from applying its events a
 * second time: two replicas, each with a store and connection pool of its own on one database,
 * both believe they own a partition; the one whose expected offset is stale gets
 * {@link StaleOffsetException} and its transaction (model writes included) rolls back.
 */
class EventOffsetsIT {
    private static final String GROUP = "xsync.fence.Step";
    private static final TopicPartition TP = new TopicPartition("fenced", 0);

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void theReplicaWithAStaleOffsetCannotCommitItsEvents(String dialect) throws Exception {
        String url = dialect.equals("h2") ? TestDb.h2() : TestDb.postgresSchema("xsync_kafka_fence");
        try (JdbcStore first = TestDb.open(url, 2); JdbcStore second = TestDb.open(url, 2)) {
            TestDb.exec(first, RecordingStep.TABLE_DDL);

            // both see no stored offset; the first to insert wins, the other is fenced
            applyAndAdvance(first, 0, null, 10);
            assertThatThrownBy(() -> applyAndAdvance(second, 0, null, 10))
                    .isInstanceOf(StaleOffsetException.class)
                    .hasMessageContaining("another consumer took the partition over");

            // both believe the partition is at 10; the second moves it to 20, the first is fenced
            applyAndAdvance(second, 10, 10L, 20);
            assertThatThrownBy(() -> applyAndAdvance(first, 10, 10L, 15))
                    .isInstanceOf(StaleOffsetException.class);

            assertThat(new EventOffsets(first).load(GROUP, List.of(TP))).isEqualTo(Map.of(TP, 20L));
            assertThat(TestDb.queryStrings(first, "SELECT v FROM seen ORDER BY off, v"))
                    .as("only the winners' model writes are committed").containsExactly("event 0", "event 10");
        } finally {
            if (dialect.equals("postgresql")) {
                TestDb.dropSchema(url);
            }
        }
    }

    /** One event's model write and the offset move, in one transaction, as the event runner does. */
    private static void applyAndAdvance(JdbcStore store, long offset, Long expected, long next) throws Exception {
        store.inTransaction(() -> {
            try (PreparedStatement ps = store.currentConnection().prepareStatement(
                    "INSERT INTO seen (step, topic, part, off, k, v) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, "Step-" + System.identityHashCode(store));
                ps.setString(2, TP.topic());
                ps.setInt(3, TP.partition());
                ps.setLong(4, offset);
                ps.setString(5, "k");
                ps.setString(6, "event " + offset);
                ps.executeUpdate();
            }
            new EventOffsets(store).advance(GROUP, TP, expected, next);
            return null;
        });
    }
}
