package io.xsync.kafka;

import io.xsync.api.XsyncException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import io.xsync.runtime.store.OffsetTable;
import io.xsync.runtime.store.Store;
import java.util.List;
import org.apache.kafka.common.TopicPartition;

/**
 * Event offsets in the store's table {@code xsync_offsets} (see
 * {@link io.xsync.runtime.store.OffsetTable}): for each consumer group and partition, the offset of
 * the next event to process. It is the source of truth for where a step resumes; it is written
 * in the same transaction as the model writes of the events it covers.
 *
 * <p>Writes are conditional on the value read before (optimistic fencing): if another replica
 * advanced the partition meanwhile, {@link StaleOffsetException} is thrown and the caller rolls
 * back, so a replica that lost a partition cannot apply its events a second time.
 */
final class EventOffsets {
    static final String TABLE = "xsync_offsets";
    private static final String Q_TABLE = "\"" + TABLE + "\"";
    private static final String UNIQUE_VIOLATION = "23505";

    private final Store store;
    private final OffsetTable table;

    EventOffsets(Store store) {
        this.store = store;
        this.table = new OffsetTable(store);
    }

    /** Creates the table when the store did not (same definition as the store's). */
    void createTable() {
        String ddl = "CREATE TABLE IF NOT EXISTS " + Q_TABLE + " (\"group_id\" VARCHAR(255) NOT NULL, "
                + "\"topic\" VARCHAR(255) NOT NULL, \"partition\" INTEGER NOT NULL, \"next_offset\" BIGINT NOT NULL, "
                + "PRIMARY KEY (\"group_id\", \"topic\", \"partition\"))";
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(ddl);
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState()) && !"42P07".equals(e.getSQLState())) {
                throw new XsyncException("cannot create table " + TABLE + ": " + e.getMessage(), e);
            }
            // a replica created it at the same moment
        }
    }

    /** The stored next offsets of the given partitions; partitions without a row are absent. */
    Map<TopicPartition, Long> load(String group, Collection<TopicPartition> partitions) {
        List<OffsetTable.Partition> wanted = partitions.stream()
                .map(tp -> new OffsetTable.Partition(tp.topic(), tp.partition())).toList();
        Map<TopicPartition, Long> result = new HashMap<>();
        table.load(group, wanted).forEach((p, next) -> result.put(new TopicPartition(p.topic(), p.partition()), next));
        return result;
    }

    /**
     * Moves a partition's next offset from {@code expected} (null: no row yet) to {@code next}
     * on the caller's transaction connection.
     *
     * @throws StaleOffsetException when the stored value is not {@code expected}
     */
    static void advance(Connection c, String group, TopicPartition tp, Long expected, long next) throws SQLException {
        if (expected == null) {
            insert(c, group, tp, next);
            return;
        }
        String sql = "UPDATE " + Q_TABLE + " SET \"next_offset\" = ? WHERE \"group_id\" = ? AND \"topic\" = ?"
                + " AND \"partition\" = ? AND \"next_offset\" = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, next);
            ps.setString(2, group);
            ps.setString(3, tp.topic());
            ps.setInt(4, tp.partition());
            ps.setLong(5, expected);
            if (ps.executeUpdate() != 1) {
                throw new StaleOffsetException(group, tp, expected);
            }
        }
    }

    private static void insert(Connection c, String group, TopicPartition tp, long next) throws SQLException {
        String sql = "INSERT INTO " + Q_TABLE + " (\"group_id\", \"topic\", \"partition\", \"next_offset\") VALUES (?, ?, ?, ?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, group);
            ps.setString(2, tp.topic());
            ps.setInt(3, tp.partition());
            ps.setLong(4, next);
            ps.executeUpdate();
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new StaleOffsetException(group, tp, null);
            }
            throw e;
        }
    }

    /** Another replica moved the partition's stored offset: this one no longer owns it. */
    static final class StaleOffsetException extends XsyncException {
        private static final long serialVersionUID = 1L;

        StaleOffsetException(String group, TopicPartition tp, Long expected) {
            super("stored offset of " + tp + " for group " + group + " is no longer "
                    + (expected == null ? "absent" : expected) + "; another consumer took the partition over");
        }
    }
}
