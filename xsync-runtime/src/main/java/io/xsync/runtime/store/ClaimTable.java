package io.xsync.runtime.store;

import io.xsync.api.XsyncException;
import io.xsync.runtime.time.Time;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Leases kept in the table {@code xsync_claims(model, id, owner, lease_until)}, shared by the
 * replicas of a synchronizer: claims on objects, so that no object is synced (or policed) by two
 * threads or two replicas at once, and named leases, so that a periodic job (a pull step, the
 * reaper) runs on one replica. A claim is taken by inserting the row (the primary key refuses a
 * second owner), renewed while its owner lives and dropped when the work ends; a crashed owner's
 * rows expire and are purged, and then another replica may take them. Works on H2 and PostgreSQL.
 *
 * <p>The {@code model} column holds the claimed object's model for sync claims, the model with a
 * scope prefix for other engines' claims ({@code policy:MyModel}), and {@code lease:<name>} (id 0)
 * for named leases, so that the kinds never collide (model names have no colon).
 *
 * <p>The store creates the table when it opens; engines get their claim table from
 * {@link Store#claims(String, Duration, String)}. Thread-safe: every operation uses its own pooled
 * connection.
 *
 * <p>Lease ends are times of the injected {@link Time}, so a test moves a lease past its end by
 * advancing a manual clock.
 */
public final class ClaimTable {
    /** The table name. */
    public static final String TABLE = "xsync_claims";
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String LEASE_PREFIX = "lease:";
    /** The objects bound as two arrays (scoped model names, ids), as a table {@code u(model, id)} (PostgreSQL). */
    private static final String UNNEST = "unnest(CAST(? AS VARCHAR(255)[]), CAST(? AS BIGINT[])) AS u(model, id)";

    private final DataSource dataSource;
    private final String owner;
    private final Duration lease;
    private final String scope;
    private final Time time;
    /** Whether claims and releases of many objects go as one statement (PostgreSQL), not one per object. */
    private final boolean setStatements;
    /** The connection of the calling thread's store transaction, or null outside one. */
    private final Supplier<Connection> transaction;
    private volatile long renewedAtNanos;

    static final String CREATE_SQL = "CREATE TABLE IF NOT EXISTS " + TABLE + " (model VARCHAR(255) NOT NULL, "
            + "id BIGINT NOT NULL, owner VARCHAR(255) NOT NULL, lease_until TIMESTAMP WITH TIME ZONE NOT NULL, "
            + "PRIMARY KEY (model, id))";

    /**
     * Claims in their own scope (empty: the sync scope, whose {@code model} column is the model's
     * name): an object claimed in scope {@code policy} does not block the same object in the sync
     * scope. With {@code setStatements} (PostgreSQL) the objects of a claim or a release go as two
     * arrays in one statement. {@code transaction} gives the connection of the calling thread's
     * store transaction (null outside one).
     */
    ClaimTable(DataSource dataSource, String owner, Duration lease, String scope, Time time, boolean setStatements,
               Supplier<Connection> transaction) {
        this.dataSource = dataSource;
        this.setStatements = setStatements;
        this.transaction = transaction;
        this.time = time;
        this.renewedAtNanos = time.nanoTime();
        this.owner = owner;
        this.lease = lease;
        this.scope = scope.isEmpty() ? "" : scope + ":";
    }

    /** How long a claim or lease outlives its owner's last renewal. */
    public Duration lease() {
        return lease;
    }

    /** This claimant's name. */
    public String owner() {
        return owner;
    }

    /**
     * Claims every object of each group, all or nothing per group. Groups whose objects are
     * claimed (in part) by someone else come back false and keep no claim of ours. An object
     * named twice counts as claimed for its first group only.
     */
    public boolean[] claim(List<? extends Collection<ObjectRef>> groups) {
        List<ObjectRef> refs = new ArrayList<>();
        groups.forEach(refs::addAll);
        boolean[] ok = new boolean[groups.size()];
        if (refs.isEmpty()) {
            Arrays.fill(ok, true);
            return ok;
        }
        Set<ObjectRef> taken;
        try (Connection c = dataSource.getConnection()) {
            taken = setStatements ? insertAll(c, refs) : insertEach(c, refs);
        } catch (SQLException e) {
            throw new XsyncException("cannot claim objects in " + TABLE + ": " + e.getMessage(), e);
        }
        List<ObjectRef> partial = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            boolean all = true;
            List<ObjectRef> mine = new ArrayList<>();
            for (ObjectRef r : groups.get(g)) {
                if (taken.remove(r)) {
                    mine.add(r);
                } else {
                    all = false;
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
    }

    /**
     * PostgreSQL: the claims in one statement, rows in key order (so that two claimants of
     * overlapping sets cannot deadlock); a row someone holds, or inserts meanwhile, is skipped.
     * Returns the objects claimed.
     */
    private Set<ObjectRef> insertAll(Connection c, List<ObjectRef> refs) throws SQLException {
        String sql = "INSERT INTO " + TABLE + " (model, id, owner, lease_until) SELECT u.model, u.id, ?, ? FROM "
                + UNNEST + " ORDER BY u.model, u.id ON CONFLICT DO NOTHING RETURNING model, id";
        Set<ObjectRef> taken = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, owner);
            ps.setObject(2, until());
            bindRefs(c, ps, 3, refs);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    taken.add(new ObjectRef(rs.getString(1).substring(scope.length()), rs.getLong(2)));
                }
            }
        }
        return taken;
    }

    /**
     * Other databases: one insert per object in a JDBC batch and one transaction; when a racing
     * claimant inserted one of the rows first, nothing is kept. Returns the objects claimed.
     */
    private Set<ObjectRef> insertEach(Connection c, List<ObjectRef> refs) throws SQLException {
        String sql = "INSERT INTO " + TABLE + " (model, id, owner, lease_until) SELECT CAST(? AS VARCHAR(255)), "
                + "CAST(? AS BIGINT), CAST(? AS VARCHAR(255)), CAST(? AS TIMESTAMP WITH TIME ZONE) "
                + "WHERE NOT EXISTS (SELECT 1 FROM " + TABLE + " WHERE model = ? AND id = ?)";
        OffsetDateTime until = until();
        c.setAutoCommit(false);
        int[] counts;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (ObjectRef r : refs) {
                ps.setString(1, scope + r.model());
                ps.setLong(2, r.id());
                ps.setString(3, owner);
                ps.setObject(4, until);
                ps.setString(5, scope + r.model());
                ps.setLong(6, r.id());
                ps.addBatch();
            }
            counts = ps.executeBatch();
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            if (isUniqueViolation(e)) {
                return new HashSet<>(); // a racing claimant won some row; nothing of ours is kept
            }
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
        Set<ObjectRef> taken = new HashSet<>();
        for (int i = 0; i < refs.size(); i++) {
            if (counts[i] != 0) {
                taken.add(refs.get(i));
            }
        }
        return taken;
    }

    /** Binds the objects as two arrays (scoped model names, ids) for {@link #UNNEST}, from parameter {@code first}. */
    private void bindRefs(Connection c, PreparedStatement ps, int first, Collection<ObjectRef> refs)
            throws SQLException {
        String[] models = new String[refs.size()];
        Long[] ids = new Long[refs.size()];
        int i = 0;
        for (ObjectRef r : refs) {
            models[i] = scope + r.model();
            ids[i++] = r.id();
        }
        ps.setArray(first, c.createArrayOf("varchar", models));
        ps.setArray(first + 1, c.createArrayOf("bigint", ids));
    }

    /** Claims one object; false if another owner (or another thread of ours) holds it. */
    public boolean claim(ObjectRef ref) {
        return claim(List.of(List.of(ref)))[0];
    }

    /**
     * Takes or keeps the named lease: true if this owner holds it now (it took it because nobody
     * held it or the holder's lease ran out, or it held it already; the lease is extended either
     * way), false while another owner's lease runs.
     */
    public boolean holdLease(String name) {
        String key = LEASE_PREFIX + name;
        OffsetDateTime until = until();
        int kept = update("UPDATE " + TABLE + " SET owner = ?, lease_until = ? WHERE model = ? AND id = 0 "
                + "AND (owner = ? OR lease_until < ?)", owner, until, key, owner, now());
        if (kept > 0) {
            return true;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE + " (model, id, owner, lease_until) "
                     + "SELECT CAST(? AS VARCHAR(255)), 0, CAST(? AS VARCHAR(255)), CAST(? AS TIMESTAMP WITH TIME ZONE) "
                     + "WHERE NOT EXISTS (SELECT 1 FROM " + TABLE + " WHERE model = ? AND id = 0)")) {
            ps.setString(1, key);
            ps.setString(2, owner);
            ps.setObject(3, until);
            ps.setString(4, key);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            if (isUniqueViolation(e)) {
                return false; // another replica took it at the same moment
            }
            throw new XsyncException("cannot take lease " + name + " in " + TABLE + ": " + e.getMessage(), e);
        }
    }

    /** Who holds the named lease now (expired or not), or null. */
    public String leaseHolder(String name) {
        return holder(new ObjectRef(LEASE_PREFIX + name, 0), "");
    }

    /** Drops our claims on these objects. */
    public void release(Collection<ObjectRef> refs) {
        if (refs.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                delete(c, refs);
                c.commit();
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new XsyncException("cannot release claims in " + TABLE + ": " + e.getMessage(), e);
        }
    }

    /**
     * Drops our claims on these objects in the calling thread's store transaction: they go when it
     * commits, and stay if it rolls back (so that the results written with them and the release
     * take effect together, in one commit). {@link StoreException} outside a transaction.
     */
    public void releaseInTransaction(Collection<ObjectRef> refs) {
        Connection c = transaction.get();
        if (c == null) {
            throw new StoreException("releasing claims in a transaction needs a transaction");
        }
        if (refs.isEmpty()) {
            return;
        }
        try {
            delete(c, refs);
        } catch (SQLException e) {
            throw new XsyncException("cannot release claims in " + TABLE + ": " + e.getMessage(), e);
        }
    }

    /**
     * Deletes our claims on the objects in the connection's transaction, as one JDBC batch: on
     * PostgreSQL a statement per model with the ids as an array (a join with the arrays instead
     * can be planned as a scan of the arrays per row of the table, which takes hundreds of
     * milliseconds while the table's statistics are those of an empty table), elsewhere one per
     * object.
     */
    private void delete(Connection c, Collection<ObjectRef> refs) throws SQLException {
        if (!setStatements) {
            deleteEach(c, refs);
            return;
        }
        Map<String, List<Long>> byModel = new LinkedHashMap<>();
        for (ObjectRef r : refs) {
            byModel.computeIfAbsent(scope + r.model(), k -> new ArrayList<>()).add(r.id());
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + TABLE
                + " WHERE owner = ? AND model = ? AND id = ANY(CAST(? AS BIGINT[]))")) {
            for (Map.Entry<String, List<Long>> e : byModel.entrySet()) {
                ps.setString(1, owner);
                ps.setString(2, e.getKey());
                ps.setArray(3, c.createArrayOf("bigint", e.getValue().toArray(new Long[0])));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Other databases: one delete per object in a JDBC batch. */
    private void deleteEach(Connection c, Collection<ObjectRef> refs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + TABLE + " WHERE model = ? AND id = ? AND owner = ?")) {
            for (ObjectRef r : refs) {
                ps.setString(1, scope + r.model());
                ps.setLong(2, r.id());
                ps.setString(3, owner);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Drops every claim of this owner. */
    public void releaseAll() {
        update("DELETE FROM " + TABLE + " WHERE owner = ?", owner);
    }

    /** Extends every claim of this owner by a full lease. */
    public void renew() {
        long start = time.nanoTime();
        update("UPDATE " + TABLE + " SET lease_until = ? WHERE owner = ?", until(), owner);
        renewedAtNanos = start;
    }

    /**
     * Whether our claims are sure to be alive for a while yet: the last successful
     * {@link #renew()} (or this table's creation) lies less than two thirds of a lease back. When
     * renewals fail (the database is slow or unreachable, the process was paused) claims may
     * expire and another replica may take them, so work under them must stop before that.
     */
    public boolean safelyHeld() {
        return time.nanoTime() - renewedAtNanos < lease.toNanos() * 2 / 3;
    }

    /** Deletes expired claims (of crashed owners); returns how many. */
    public int purgeExpired() {
        return update("DELETE FROM " + TABLE + " WHERE lease_until < ?", now());
    }

    /** Who holds a claim on the object now, or null (for tests and the status page). */
    public String holder(ObjectRef ref) {
        return holder(ref, scope);
    }

    private String holder(ObjectRef ref, String prefix) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT owner FROM " + TABLE + " WHERE model = ? AND id = ?")) {
            ps.setString(1, prefix + ref.model());
            ps.setLong(2, ref.id());
            try (var rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new XsyncException("cannot read " + TABLE + ": " + e.getMessage(), e);
        }
    }

    private OffsetDateTime until() {
        return time.now().plus(lease).atOffset(ZoneOffset.UTC);
    }

    private OffsetDateTime now() {
        return time.now().atOffset(ZoneOffset.UTC);
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
