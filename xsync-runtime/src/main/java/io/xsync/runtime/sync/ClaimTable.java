package io.xsync.runtime.sync;

import io.xsync.api.XsyncException;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;

/**
 * Leases on objects, kept in the table {@code xsync_claims(model, id, owner, lease_until)}, so that
 * no object is synced by two threads or two replicas at once. A claim is taken by inserting the
 * row (the primary key refuses a second owner), renewed while its owner lives and dropped when the
 * work ends; a crashed owner's claims expire and are purged. Works on H2 and PostgreSQL.
 */
public final class ClaimTable {
    /** The table name. */
    public static final String TABLE = "xsync_claims";
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;
    private final String owner;
    private final Duration lease;

    public ClaimTable(DataSource dataSource, String owner, Duration lease) {
        this.dataSource = dataSource;
        this.owner = owner;
        this.lease = lease;
    }

    /** This claimant's name. */
    public String owner() {
        return owner;
    }

    /** Creates the table if it does not exist. */
    public void createTable() {
        String ddl = "CREATE TABLE IF NOT EXISTS " + TABLE + " (model VARCHAR(255) NOT NULL, id BIGINT NOT NULL, "
                + "owner VARCHAR(255) NOT NULL, lease_until TIMESTAMP WITH TIME ZONE NOT NULL, "
                + "PRIMARY KEY (model, id))";
        for (int attempt = 0; ; attempt++) {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute(ddl);
                return;
            } catch (SQLException e) {
                // two replicas creating the table at once: one loses a catalog race on PostgreSQL
                if (attempt >= 2) {
                    throw new XsyncException("cannot create table " + TABLE + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /**
     * Claims every object of each group, all or nothing per group. Groups whose objects are
     * claimed (in part) by someone else come back false and keep no claim of ours.
     */
    public boolean[] claim(List<? extends Collection<ObjectRef>> groups) {
        String sql = "INSERT INTO " + TABLE + " (model, id, owner, lease_until) SELECT CAST(? AS VARCHAR(255)), "
                + "CAST(? AS BIGINT), CAST(? AS VARCHAR(255)), CAST(? AS TIMESTAMP WITH TIME ZONE) "
                + "WHERE NOT EXISTS (SELECT 1 FROM " + TABLE + " WHERE model = ? AND id = ?)";
        boolean[] ok = new boolean[groups.size()];
        OffsetDateTime until = until();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            int[] counts;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (Collection<ObjectRef> g : groups) {
                    for (ObjectRef r : g) {
                        ps.setString(1, r.model());
                        ps.setLong(2, r.id());
                        ps.setString(3, owner);
                        ps.setObject(4, until);
                        ps.setString(5, r.model());
                        ps.setLong(6, r.id());
                        ps.addBatch();
                    }
                }
                counts = ps.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                if (isUniqueViolation(e)) {
                    return ok; // a racing claimant won some row; nothing of ours is kept
                }
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
            List<ObjectRef> partial = new ArrayList<>();
            int i = 0;
            for (int g = 0; g < groups.size(); g++) {
                boolean all = true;
                List<ObjectRef> mine = new ArrayList<>();
                for (ObjectRef r : groups.get(g)) {
                    if (counts[i++] == 0) {
                        all = false;
                    } else {
                        mine.add(r);
                    }
                }
                ok[g] = all;
                if (!all) {
                    partial.addAll(mine);
                }
            }
            if (!partial.isEmpty()) {
                release(partial);
            }
            return ok;
        } catch (SQLException e) {
            throw new XsyncException("cannot claim objects in " + TABLE + ": " + e.getMessage(), e);
        }
    }

    /** Drops our claims on these objects. */
    public void release(Collection<ObjectRef> refs) {
        if (refs.isEmpty()) {
            return;
        }
        String sql = "DELETE FROM " + TABLE + " WHERE model = ? AND id = ? AND owner = ?";
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (ObjectRef r : refs) {
                    ps.setString(1, r.model());
                    ps.setLong(2, r.id());
                    ps.setString(3, owner);
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new XsyncException("cannot release claims in " + TABLE + ": " + e.getMessage(), e);
        }
    }

    /** Drops every claim of this owner. */
    public void releaseAll() {
        update("DELETE FROM " + TABLE + " WHERE owner = ?", owner);
    }

    /** Extends every claim of this owner by a full lease. */
    public void renew() {
        update("UPDATE " + TABLE + " SET lease_until = ? WHERE owner = ?", until(), owner);
    }

    /** Deletes expired claims (of crashed owners); returns how many. */
    public int purgeExpired() {
        return update("DELETE FROM " + TABLE + " WHERE lease_until < ?", OffsetDateTime.now(ZoneOffset.UTC));
    }

    /** Who holds a claim on the object now, or null (for tests and the status page). */
    public String holder(ObjectRef ref) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT owner FROM " + TABLE + " WHERE model = ? AND id = ?")) {
            ps.setString(1, ref.model());
            ps.setLong(2, ref.id());
            try (var rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new XsyncException("cannot read " + TABLE + ": " + e.getMessage(), e);
        }
    }

    private OffsetDateTime until() {
        return Instant.now().plus(lease).atOffset(ZoneOffset.UTC);
    }

    private int update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new XsyncException("cannot update " + TABLE + ": " + e.getMessage(), e);
        }
    }

    private static boolean isUniqueViolation(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                if (UNIQUE_VIOLATION.equals(s.getSQLState())) {
                    return true;
                }
                if (s instanceof BatchUpdateException b && b.getNextException() != null
                        && UNIQUE_VIOLATION.equals(b.getNextException().getSQLState())) {
                    return true;
                }
            }
        }
        return false;
    }
}
