package io.xsync.runtime.store;

import io.xsync.api.ModelException;
import io.xsync.runtime.schema.FieldDef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * {@code unique = True} and {@code unique_with = "other"}: no other live (not deleted) row of the
 * model may hold the same value (or pair of values); a deleted row awaiting backend deletion does
 * not block re-creating the object. The database enforces it with a unique index over live rows
 * (on PostgreSQL a partial index {@code WHERE deleted = FALSE}; on H2, which has no partial
 * indexes, an index over generated columns {@code xsync_live_<column>} that are NULL on deleted
 * rows), so two writers (replicas, or the API and an event step) cannot both win. A save is also
 * checked first, to name the holder in the usual case; a save that loses a race to the index gets
 * the same CONFLICT.
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
                throw conflict(table, key, current, other);
            }
        }
    }

    /**
     * Refuses (CONFLICT) a row of a batch of new rows whose unique values an earlier row of the batch
     * holds, as {@link #check} would refuse it had the earlier one been saved first (a first value of
     * null never conflicts; a partner value of null matches null). {@code ids} are the rows' ids.
     */
    static void checkAmong(Table table, List<Map<String, Object>> rows, long[] ids) {
        for (List<FieldDef> key : keys(table)) {
            Map<List<Object>, Long> holders = new HashMap<>();
            for (int i = 0; i < rows.size(); i++) {
                Map<String, Object> row = rows.get(i);
                if (row.get(Table.columnName(key.get(0))) == null) {
                    continue;
                }
                List<Object> values = new ArrayList<>(key.size());
                for (FieldDef k : key) {
                    values.add(row.get(Table.columnName(k)));
                }
                Long other = holders.putIfAbsent(values, ids[i]);
                if (other != null) {
                    throw conflict(table, key, row, other);
                }
            }
        }
    }

    /** The unique keys of the table: each unique field alone, or with its unique_with partner. */
    static List<List<FieldDef>> keys(Table table) {
        List<List<FieldDef>> keys = new ArrayList<>();
        for (FieldDef f : table.fieldsByColumn().values()) {
            if (isUnique(f)) {
                List<FieldDef> key = new ArrayList<>(List.of(f));
                String with = f.option("unique_with");
                if (with != null) {
                    key.add(table.field(with));
                }
                keys.add(key);
            }
        }
        return keys;
    }

    /** The statements (idempotent) that create the unique indexes over the live rows of the table. */
    static List<String> constraintDdl(Table table, Dialect dialect) {
        List<String> ddl = new ArrayList<>();
        for (List<FieldDef> key : keys(table)) {
            List<String> cols = new ArrayList<>();
            for (FieldDef k : key) {
                String col = Table.columnName(k);
                if (dialect.partialIndexes()) {
                    cols.add(Dialect.quote(col));
                } else {
                    String live = "xsync_live_" + col;
                    ddl.add("ALTER TABLE " + table.quotedName() + " ADD COLUMN IF NOT EXISTS " + Dialect.quote(live)
                            + " " + dialect.sqlType(k.type()) + " GENERATED ALWAYS AS (CASE WHEN \"deleted\" THEN NULL "
                            + "ELSE " + Dialect.quote(col) + " END)");
                    cols.add(Dialect.quote(live));
                }
            }
            ddl.add("CREATE UNIQUE INDEX IF NOT EXISTS " + indexName(table, key) + " ON " + table.quotedName()
                    + " (" + String.join(", ", cols) + ")" + (dialect.partialIndexes() ? " WHERE \"deleted\" = FALSE" : ""));
        }
        return ddl;
    }

    private static String indexName(Table table, List<FieldDef> key) {
        return SchemaMigrator.indexName(table, "u_" + Table.columnName(key.get(0)));
    }

    /**
     * The CONFLICT for a save that a unique index refused, or null if {@code e} is something else.
     * The holder is looked up on {@code c} where the failed statement left it usable (autocommit,
     * or H2, which undoes only the statement), else on another connection of {@code pool} (a
     * PostgreSQL transaction is aborted by the error); the message names it when found.
     */
    static ModelException conflict(Connection c, DataSource pool, Table table, Map<String, Object> current,
                                   long selfId, SQLException e) {
        if (!"23505".equals(e.getSQLState())) {
            return null;
        }
        for (List<FieldDef> key : keys(table)) {
            String index = indexName(table, key);
            if (e.getMessage() != null && e.getMessage().contains(index.substring(1, index.length() - 1))) {
                return conflict(table, key, current, holderAfterFailure(c, pool, table, key, current, selfId));
            }
        }
        return null;
    }

    private static long holderAfterFailure(Connection c, DataSource pool, Table table, List<FieldDef> key,
                                           Map<String, Object> current, long selfId) {
        try {
            if (c.getAutoCommit() || !c.getMetaData().getDatabaseProductName().startsWith("PostgreSQL")) {
                return otherHolder(c, table, key, current, selfId);
            }
            try (Connection other = pool.getConnection()) {
                return otherHolder(other, table, key, current, selfId);
            }
        } catch (SQLException ignored) {
            return 0; // the message goes without the holder's id
        }
    }

    private static ModelException conflict(Table table, List<FieldDef> key, Map<String, Object> current, long other) {
        StringBuilder what = new StringBuilder();
        for (FieldDef k : key) {
            what.append(what.length() == 0 ? "" : ", ").append(k.name()).append(" = '")
                    .append(current.get(Table.columnName(k))).append('\'');
        }
        return new ModelException(ModelException.Kind.CONFLICT, table.model().name() + " with " + what
                + " exists already" + (other != 0 ? " (id " + other + ")" : ""));
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
