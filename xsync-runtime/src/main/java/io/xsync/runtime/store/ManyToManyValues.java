package io.xsync.runtime.store;

import io.xsync.api.ModelException;
import io.xsync.api.ModelObject;
import io.xsync.runtime.schema.ManyToMany;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The values of manytomany links: lists of peer ids. A link whose through model no file defines
 * keeps its pairs in a join table of the store ({@code xs_<through>}, two id columns, rows deleted
 * outright); a defined through model's live objects are the pairs, created and (soft) deleted as
 * ordinary objects by the same actor, so its own rules, steps and policies apply.
 */
final class ManyToManyValues {
    private final JdbcStore store;

    ManyToManyValues(JdbcStore store) {
        this.store = store;
    }

    /** The peer ids linked from object {@code id}, ascending. */
    List<Long> read(ManyToMany m, long id) {
        String sql = "SELECT " + Dialect.quote(m.peerColumn()) + " FROM " + from(m) + " WHERE "
                + Dialect.quote(m.sourceColumn()) + " = ?" + (m.auto() ? "" : " AND \"deleted\" = FALSE")
                + " ORDER BY 1";
        return store.tx().run("read " + m.link().declaredIn() + "." + m.idsField(), c -> {
            try (PreparedStatement st = c.prepareStatement(sql)) {
                st.setLong(1, id);
                List<Long> out = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getLong(1));
                    }
                }
                return out;
            }
        });
    }

    /**
     * Makes the peers of {@code owner} exactly {@code wanted}, in the caller's transaction: adds the
     * missing pairs, removes the others. CONFLICT naming the peer when one is missing or deleted.
     */
    void write(ModelObjectImpl owner, ManyToMany m, List<Long> wanted) {
        Set<Long> target = new LinkedHashSet<>(wanted);
        List<Long> current = read(m, owner.id());
        store.tx().run("check " + m.idsField(), c -> {
            for (long peer : target) {
                if (!current.contains(peer)) {
                    requireLive(c, owner, m, peer);
                }
            }
            return null;
        });
        for (long peer : current) {
            if (!target.contains(peer)) {
                remove(owner, m, peer);
            }
        }
        for (long peer : target) {
            if (!current.contains(peer)) {
                add(owner, m, peer);
            }
        }
    }

    /** Removes every join-table pair naming one of {@code ids} (objects being deleted), on either side. */
    void dropPairsOf(Connection c, Set<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        for (ManyToMany m : store.catalog().joinTables()) {
            for (List<Long> chunk : DeleteCascade.chunks(ids)) {
                String in = " IN (" + Dialect.placeholders(chunk.size()) + ")";
                String sql = "DELETE FROM " + Dialect.quote(Catalog.joinTableName(m)) + " WHERE "
                        + Dialect.quote(m.sourceColumn()) + in + " OR " + Dialect.quote(m.peerColumn()) + in;
                try (PreparedStatement st = c.prepareStatement(sql)) {
                    DeleteCascade.bindIds(st, chunk, 1);
                    DeleteCascade.bindIds(st, chunk, chunk.size() + 1);
                    st.executeUpdate();
                }
            }
        }
    }

    private void requireLive(Connection c, ModelObjectImpl owner, ManyToMany m, long peer) throws SQLException {
        Boolean deleted = store.deletedFlag(c, m.link().peer(), peer);
        if (deleted == null || deleted) {
            throw new ModelException(ModelException.Kind.CONFLICT, owner.model().name() + "." + m.idsField()
                    + " names " + m.link().peer() + " " + peer + ", which " + (deleted == null ? "does not exist"
                    : "is deleted"));
        }
    }

    private void add(ModelObjectImpl owner, ManyToMany m, long peer) {
        if (m.auto()) {
            writePair(owner, peer, "link " + m.idsField(), "INSERT INTO " + Dialect.quote(Catalog.joinTableName(m))
                    + " (" + Dialect.columnList(new String[] {m.sourceColumn(), m.peerColumn()}) + ") VALUES (?, ?)");
            return;
        }
        ModelObject pair = store.accessor(owner.model().actor()).get(m.through()).newObject();
        pair.set(m.sourceColumn(), owner.id());
        pair.set(m.peerColumn(), peer);
        pair.save();
    }

    private void remove(ModelObjectImpl owner, ManyToMany m, long peer) {
        if (m.auto()) {
            writePair(owner, peer, "unlink " + m.idsField(), "DELETE FROM " + Dialect.quote(Catalog.joinTableName(m))
                    + " WHERE " + Dialect.quote(m.sourceColumn()) + " = ? AND " + Dialect.quote(m.peerColumn()) + " = ?");
            return;
        }
        for (ModelObject pair : store.accessor(owner.model().actor()).get(m.through())
                .filter(Map.of(m.sourceColumn(), owner.id(), m.peerColumn(), peer))) {
            pair.delete();
        }
    }

    /** Runs a join-table statement binding the owner's id and the peer's. */
    private void writePair(ModelObjectImpl owner, long peer, String what, String sql) {
        store.tx().run(what, c -> {
            try (PreparedStatement st = c.prepareStatement(sql)) {
                st.setLong(1, owner.id());
                st.setLong(2, peer);
                st.executeUpdate();
            }
            store.tx().changed(owner.model().name());
            return null;
        });
    }

    /** The table of the pairs: the join table, or the through model's. */
    private static String from(ManyToMany m) {
        return Dialect.quote(Table.tableName(m.through()));
    }

    /**
     * A WHERE fragment for filters: {@code "id" IN (objects linked to one of the bound peer ids)}.
     * {@code peers} is the number of ids the caller binds.
     */
    static String linkedTo(ManyToMany m, int peers) {
        String from = from(m);
        return "\"id\" IN (SELECT " + Dialect.quote(m.sourceColumn()) + " FROM " + from + " WHERE "
                + Dialect.quote(m.peerColumn()) + " IN (" + Dialect.placeholders(peers) + ")"
                + (m.auto() ? "" : " AND \"deleted\" = FALSE") + ")";
    }
}
