package io.xsync.runtime.store;

import io.xsync.api.ModelException;
import io.xsync.runtime.schema.FieldDef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code unique = True} and {@code unique_with = "other"}: no other live (not deleted) row of the
 * model may hold the same value (or pair of values). Checked on save rather than by a database
 * constraint, so that a deleted row awaiting backend deletion does not block re-creating the
 * object.
 */
final class UniqueRules {
    private UniqueRules() {
    }

    /** Whether a column is unique on its own or together with another. */
    static boolean isUnique(FieldDef f) {
        return f.unique() || f.option("unique_with") != null;
    }

    /**
     * Refuses (CONFLICT) a save that writes a unique column (or its unique_with partner) whose value
     * another live row holds already. {@code current} holds the object's values after the save.
     */
    static void check(Connection c, Table table, Map<String, Object> current, Set<String> written, long selfId)
            throws SQLException {
        for (Map.Entry<String, FieldDef> e : table.fieldsByColumn().entrySet()) {
            FieldDef f = e.getValue();
            if (!isUnique(f) || current.get(e.getKey()) == null) {
                continue;
            }
            List<FieldDef> key = new ArrayList<>(List.of(f));
            String with = f.option("unique_with");
            if (with != null) {
                key.add(table.field(with));
            }
            if (key.stream().noneMatch(k -> written.contains(Table.columnName(k)))) {
                continue;
            }
            long other = otherHolder(c, table, key, current, selfId);
            if (other != 0) {
                StringBuilder what = new StringBuilder();
                for (FieldDef k : key) {
                    what.append(what.length() == 0 ? "" : ", ").append(k.name()).append(" = '")
                            .append(current.get(Table.columnName(k))).append('\'');
                }
                throw new ModelException(ModelException.Kind.CONFLICT, table.model().name() + " with " + what
                        + " exists already (id " + other + ")");
            }
        }
    }

    private static long otherHolder(Connection c, Table table, List<FieldDef> key, Map<String, Object> current,
                                    long selfId) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT \"id\" FROM ").append(table.quotedName()).append(" WHERE ");
        for (FieldDef k : key) {
            String col = Table.columnName(k);
            sql.append(Dialect.quote(col)).append(current.get(col) == null ? " IS NULL AND " : " = ? AND ");
        }
        sql.append("\"deleted\" = FALSE AND \"id\" <> ?");
        try (PreparedStatement st = c.prepareStatement(sql.toString())) {
            int i = 1;
            for (FieldDef k : key) {
                Object v = current.get(Table.columnName(k));
                if (v != null) {
                    Values.bind(st, i++, k.type(), v);
                }
            }
            st.setLong(i, selfId);
            st.setMaxRows(1);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }
}
