package io.xsync.runtime.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Event offsets kept in the store ({@code xsync_offsets}): for each consumer group and partition,
 * the offset of the next event to process. It is the source of truth for where an event step
 * resumes, and it is moved in the same transaction as the model writes of the events it covers.
 *
 * <p>Moves are conditional on the value read before (optimistic fencing): if another replica
 * advanced the partition meanwhile, {@link StaleOffsetException} is thrown and the caller's
 * transaction rolls back, so a replica that lost a partition cannot apply its events a second
 * time. The store creates the table when it opens; engines reach it through {@link Store#offsets()}.
 * Thread-safe.
 */
public final class OffsetTable {
    /** The table name. */
    public static final String TABLE = "xsync_offsets";
    static final String CREATE_SQL = "CREATE TABLE IF NOT EXISTS " + Dialect.quote(TABLE) + " ("
            + "\"group_id\" VARCHAR(255) NOT NULL, \"topic\" VARCHAR(255) NOT NULL, \"partition\" INTEGER NOT NULL, "
            + "\"next_offset\" BIGINT NOT NULL, PRIMARY KEY (\"group_id\", \"topic\", \"partition\"))";
    private static final String Q_TABLE = Dialect.quote(TABLE);
    private static final String UNIQUE_VIOLATION = "23505";

    /** A topic partition. */
    public record Partition(String topic, int partition) {
        @Override
        public String toString() {
            return topic + "-" + partition;
        }
    }

    private final TxManager tx;
    private final DataSource pool;

    OffsetTable(TxManager tx, DataSource pool) {
        this.tx = tx;
        this.pool = pool;
    }

    /** The stored next offsets of the given partitions for a consumer group; partitions never saved are absent. */
    public Map<Partition, Long> load(String group, Collection<Partition> partitions) {
        Set<Partition> wanted = new HashSet<>(partitions);
        Map<Partition, Long> out = new HashMap<>();
        String sql = "SELECT \"topic\", \"partition\", \"next_offset\" FROM " + Q_TABLE + " WHERE \"group_id\" = ?";
        try {
            Connection joined = tx.currentConnection();
            try (Connection own = joined == null ? pool.getConnection() : null;
                 PreparedStatement st = (joined == null ? own : joined).prepareStatement(sql)) {
                st.setString(1, group);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        Partition p = new Partition(rs.getString(1), rs.getInt(2));
                        if (wanted.contains(p)) {
                            out.put(p, rs.getLong(3));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException("event offsets table " + TABLE + ": " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Moves a partition's next offset from {@code expected} (null: no row yet) to {@code next}, in
     * the caller's transaction.
     *
     * @throws StaleOffsetException when the stored value is not {@code expected}
     * @throws StoreException outside a transaction, or when the database fails
     */
    public void advance(String group, Partition partition, Long expected, long next) {
        Connection c = tx.currentConnection();
        if (c == null) {
            throw new StoreException("event offsets are moved inside a transaction only");
        }
        try {
            if (expected == null) {
                insert(c, group, partition, next);
                return;
            }
            String sql = "UPDATE " + Q_TABLE + " SET \"next_offset\" = ? WHERE \"group_id\" = ? AND \"topic\" = ?"
                    + " AND \"partition\" = ? AND \"next_offset\" = ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, next);
                ps.setString(2, group);
                ps.setString(3, partition.topic());
                ps.setInt(4, partition.partition());
                ps.setLong(5, expected);
                if (ps.executeUpdate() != 1) {
                    throw new StaleOffsetException(group, partition, expected);
                }
            }
        } catch (SQLException e) {
            throw new StoreException("event offsets table " + TABLE + ": " + e.getMessage(), e);
        }
    }

    private static void insert(Connection c, String group, Partition partition, long next) throws SQLException {
        String sql = "INSERT INTO " + Q_TABLE + " (\"group_id\", \"topic\", \"partition\", \"next_offset\")"
                + " VALUES (?, ?, ?, ?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, group);
            ps.setString(2, partition.topic());
            ps.setInt(3, partition.partition());
            ps.setLong(4, next);
            ps.executeUpdate();
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new StaleOffsetException(group, partition, null);
            }
            throw e;
        }
    }
}
