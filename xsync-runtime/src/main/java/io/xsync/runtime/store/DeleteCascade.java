package io.xsync.runtime.store;

import io.xsync.api.ModelException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Soft delete with cascade: the object and, recursively, every live object whose links point at a
 * deleted one get {@code deleted = true}, {@code enacted = policed = null}; the manytomany pairs of
 * join tables that name a deleted object are removed (pairs kept as objects of a through model
 * are deleted by the cascade, as their links point at the deleted object). A write-protected object
 * anywhere in the cascade refuses the whole delete (CONFLICT) before anything is written; the
 * cascade runs in one transaction. Every row it reaches is locked for update as it is found, and
 * writes lock the rows they link to (see {@link JdbcStore#deletedFlag}): a create linking to an
 * object either commits before the cascade looks for its children (and is deleted with them) or
 * waits and then finds its target deleted.
 */
final class DeleteCascade {
    private static final Logger LOG = LoggerFactory.getLogger(DeleteCascade.class);
    private static final int CHUNK = 500;

    private final Catalog catalog;
    private final TxManager tx;
    private final ManyToManyValues manyToMany;

    DeleteCascade(Catalog catalog, TxManager tx, ManyToManyValues manyToMany) {
        this.catalog = catalog;
        this.tx = tx;
        this.manyToMany = manyToMany;
    }

    void delete(ModelObjectImpl obj) {
        // an object read through a parent model is deleted as its leaf model (whose table holds it)
        String model = catalog.rowTable(obj.model().name(), obj.values().get("leaf_model_name")).model().name();
        if (obj.isNew()) {
            throw new ModelException(ModelException.Kind.NOT_FOUND, "a new " + model + " has not been saved");
        }
        Map<String, Set<Long>> victims = tx.atomicallyRerun("delete " + model + " " + obj.id(), c -> {
            checkRoot(c, catalog.table(model), obj.id());
            Map<String, Set<Long>> all = collect(c, model, obj.id());
            refuseWriteProtected(c, model, obj.id(), all);
            Set<Long> ids = new LinkedHashSet<>();
            for (Map.Entry<String, Set<Long>> e : all.entrySet()) {
                markDeleted(c, catalog.table(e.getKey()), e.getValue());
                tx.changed(e.getKey());
                ids.addAll(e.getValue());
            }
            manyToMany.dropPairsOf(c, ids);
            return all;
        });
        Map<String, Object> written = new LinkedHashMap<>();
        written.put("deleted", Boolean.TRUE);
        written.put("enacted", null);
        written.put("policed", null);
        obj.saved(written);
        LOG.debug("deleted {} {} with cascade {}", model, obj.id(), victims);
    }

    private void checkRoot(Connection c, Table t, long id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT \"write_protect\" FROM " + t.quotedName()
                + " WHERE \"id\" = ? FOR UPDATE")) {
            st.setLong(1, id);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw new ModelException(ModelException.Kind.NOT_FOUND,
                            t.model().name() + " " + id + " no longer exists");
                }
                if (rs.getBoolean(1)) {
                    throw new ModelException(ModelException.Kind.CONFLICT, "cannot delete " + t.model().name()
                            + " " + id + ": it is write-protected");
                }
            }
        }
    }

    /** The root plus every live object reachable through incoming links, by model. */
    private Map<String, Set<Long>> collect(Connection c, String model, long id) throws SQLException {
        Map<String, Set<Long>> all = new LinkedHashMap<>();
        all.computeIfAbsent(model, k -> new LinkedHashSet<>()).add(id);
        Map<String, Set<Long>> frontier = Map.of(model, Set.of(id));
        while (!frontier.isEmpty()) {
            Map<String, Set<Long>> next = new LinkedHashMap<>();
            for (Map.Entry<String, Set<Long>> e : frontier.entrySet()) {
                for (Catalog.LinkColumn lc : catalog.incoming(e.getKey())) {
                    for (long child : pointingAt(c, lc, e.getValue())) {
                        String childModel = lc.table().model().name();
                        if (all.computeIfAbsent(childModel, k -> new LinkedHashSet<>()).add(child)) {
                            next.computeIfAbsent(childModel, k -> new LinkedHashSet<>()).add(child);
                        }
                    }
                }
            }
            frontier = next;
        }
        return all;
    }

    private static List<Long> pointingAt(Connection c, Catalog.LinkColumn lc, Set<Long> targets) throws SQLException {
        List<Long> out = new ArrayList<>();
        for (List<Long> chunk : chunks(targets)) {
            String sql = "SELECT \"id\" FROM " + lc.table().quotedName() + " WHERE " + Dialect.quote(lc.column())
                    + " IN (" + Dialect.placeholders(chunk.size()) + ") AND \"deleted\" = FALSE FOR UPDATE";
            try (PreparedStatement st = c.prepareStatement(sql)) {
                bindIds(st, chunk, 1);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getLong(1));
                    }
                }
            }
        }
        return out;
    }

    private void refuseWriteProtected(Connection c, String model, long id, Map<String, Set<Long>> all)
            throws SQLException {
        List<String> protectedOnes = new ArrayList<>();
        for (Map.Entry<String, Set<Long>> e : all.entrySet()) {
            Table t = catalog.table(e.getKey());
            for (List<Long> chunk : chunks(e.getValue())) {
                String sql = "SELECT \"id\" FROM " + t.quotedName() + " WHERE \"id\" IN ("
                        + Dialect.placeholders(chunk.size()) + ") AND \"write_protect\" = TRUE ORDER BY \"id\"";
                try (PreparedStatement st = c.prepareStatement(sql)) {
                    bindIds(st, chunk, 1);
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            protectedOnes.add(e.getKey() + " " + rs.getLong(1));
                        }
                    }
                }
            }
        }
        if (!protectedOnes.isEmpty()) {
            throw new ModelException(ModelException.Kind.CONFLICT, "cannot delete " + model + " " + id
                    + ": the cascade reaches write-protected " + String.join(", ", protectedOnes)
                    + "; nothing was deleted");
        }
    }

    private static void markDeleted(Connection c, Table t, Set<Long> ids) throws SQLException {
        for (List<Long> chunk : chunks(ids)) {
            String sql = "UPDATE " + t.quotedName() + " SET \"deleted\" = TRUE, \"enacted\" = NULL, \"policed\" = NULL"
                    + " WHERE \"id\" IN (" + Dialect.placeholders(chunk.size()) + ")";
            try (PreparedStatement st = c.prepareStatement(sql)) {
                bindIds(st, chunk, 1);
                st.executeUpdate();
            }
        }
    }

    static List<List<Long>> chunks(Set<Long> ids) {
        List<List<Long>> out = new ArrayList<>();
        List<Long> all = new ArrayList<>(ids);
        for (int i = 0; i < all.size(); i += CHUNK) {
            out.add(all.subList(i, Math.min(all.size(), i + CHUNK)));
        }
        return out;
    }

    static void bindIds(PreparedStatement st, List<Long> ids, int first) throws SQLException {
        for (int i = 0; i < ids.size(); i++) {
            st.setLong(first + i, ids.get(i));
        }
    }
}
