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

/**
 * Event offsets kept in the store ({@code xsync_offsets}), so that an event engine can commit the
 * next offset of a partition in the same transaction as the model changes the events caused.
 * Writes go through {@link Store#currentConnection()} when the caller is in a transaction.
 */
public final class OffsetTable {
    static final String TABLE = "xsync_offsets";
    static final String CREATE_SQL = "CREATE TABLE IF NOT EXISTS " + Dialect.quote(TABLE) + " ("
            + "\"group_id\" VARCHAR(255) NOT NULL, \"topic\" VARCHAR(255) NOT NULL, \"partition\" INTEGER NOT NULL, "
            + "\"next_offset\" BIGINT NOT NULL, PRIMARY KEY (\"group_id\", \"topic\", \"partition\"))";
    private static final String[] KEYS = {"group_id", "topic", "partition"};
    private static final String[] VALUES = {"next_offset"};

    /** A topic partition. */
    public record Partition(String topic, int partition) {
        @Override
        public String toString() {
            return topic + "-" + partition;
        }
    }

    private final Store store;
    private final String upsert;

    /** The offset table of an open store (created when the store opened). */
    public OffsetTable(Store store) {
        this.store = store;
        Dialect dialect = "postgresql".equals(store.dialect()) ? new Dialect.PostgresDialect() : new Dialect.H2Dialect();
        this.upsert = dialect.upsert(TABLE, KEYS, VALUES);
    }

    /** The stored next offsets of the given partitions for a consumer group; partitions never saved are absent. */
    public Map<Partition, Long> load(String group, Collection<Partition> partitions) {
        Set<Partition> wanted = new HashSet<>(partitions);
        Map<Partition, Long> out = new HashMap<>();
        String sql = "SELECT \"topic\", \"partition\", \"next_offset\" FROM " + Dialect.quote(TABLE)
                + " WHERE \"group_id\" = ?";
        withConnection(c -> {
            try (PreparedStatement st = c.prepareStatement(sql)) {
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
            return null;
        });
        return out;
    }

    /** Records the next offset to consume; joins the caller's transaction if there is one. */
    public void save(String group, String topic, int partition, long nextOffset) {
        withConnection(c -> {
            try (PreparedStatement st = c.prepareStatement(upsert)) {
                st.setString(1, group);
                st.setString(2, topic);
                st.setInt(3, partition);
                st.setLong(4, nextOffset);
                st.executeUpdate();
            }
            return null;
        });
    }

    private <T> T withConnection(SqlWork<T> work) {
        try {
            Connection tx = store.currentConnection();
            if (tx != null) {
                return work.run(tx);
            }
            try (Connection c = store.dataSource().getConnection()) {
                return work.run(c);
            }
        } catch (SQLException e) {
            throw new StoreException("event offsets table " + TABLE + ": " + e.getMessage(), e);
        }
    }
}
