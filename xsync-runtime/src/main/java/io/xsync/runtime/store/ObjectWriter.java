package io.xsync.runtime.store;

import io.xsync.api.ModelException;
import io.xsync.api.Save;
import io.xsync.runtime.schema.FieldDef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves objects by the store's save rules. An insert writes every column with {@code created},
 * {@code updated} = now. An update writes the changed columns (or those named by
 * {@code update_fields}) plus the timestamps the rules move: {@code updated} for API saves or when
 * asked, {@code changed_by_step} / {@code changed_by_policy} when a sync step / policy changed a
 * non-bookkeeping field compared with the loaded values.
 */
final class ObjectWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ObjectWriter.class);

    private final JdbcStore store;
    private final Map<String, Insert> inserts = new ConcurrentHashMap<>();

    /** A cached INSERT statement and the columns it binds. */
    private record Insert(List<String> columns, String sql) {
    }

    ObjectWriter(JdbcStore store) {
        this.store = store;
    }

    void save(ModelObjectImpl obj, Save options) {
        if (obj.pendingLinks().isEmpty()) {
            saveRow(obj, options);
            return;
        }
        store.tx().atomically("save " + obj, c -> {
            saveRow(obj, options);
            for (Map.Entry<String, List<Long>> e : obj.pendingLinks().entrySet()) {
                store.manyToMany().write(obj, obj.model().table().manyToMany(e.getKey()), e.getValue());
            }
            return null;
        });
        obj.linksSaved();
    }

    private void saveRow(ModelObjectImpl obj, Save options) {
        Table table = obj.model().table();
        Set<String> named = namedColumns(table, options.updateFields());
        if (obj.isNew()) {
            insert(obj, table);
        } else {
            update(obj, table, named, options.isAlwaysUpdateTimestamp());
        }
    }

    private static Set<String> namedColumns(Table table, Set<String> updateFields) {
        Set<String> cols = new LinkedHashSet<>();
        for (String name : updateFields) {
            cols.add(Table.columnName(table.field(name)));
        }
        return cols;
    }

    private void insert(ModelObjectImpl obj, Table table) {
        String model = table.model().name();
        Actor actor = obj.model().actor();
        Map<String, Object> row = new LinkedHashMap<>(obj.values());
        for (String col : changedColumns(obj, row.keySet())) {
            SaveRules.checkWritable(model, table.fieldsByColumn().get(col), actor);
        }
        Instant now = store.clock().now();
        row.remove("id");
        row.put("created", now);
        row.put("updated", now);
        row.put("leaf_model_name", model);
        stampChange(actor, row, now);
        validate(table, row, row.keySet());
        List<String> cols = new ArrayList<>(row.keySet());
        String sql = insertSql(table, cols);
        // one transaction: the link check's row locks must last until the row is written
        long id = store.tx().atomicallyRerun("insert " + model, c -> {
            checkLinks(c, table, row, row.keySet());
            UniqueRules.check(c, table, row, row.keySet(), 0);
            try (PreparedStatement st = c.prepareStatement(sql, new String[] {"id"})) {
                bindRow(st, table, row, cols);
                executeUnique(c, st, table, row, 0);
                store.tx().changed(model);
                try (ResultSet keys = st.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
        row.put("id", id);
        obj.saved(row);
        LOG.debug("inserted {} {} as {}", model, id, actor);
    }

    private void update(ModelObjectImpl obj, Table table, Set<String> named, boolean alwaysUpdate) {
        String model = table.model().name();
        Actor actor = obj.model().actor();
        Set<String> changed = changedColumns(obj, table.columns());
        Set<String> cols = new LinkedHashSet<>(named.isEmpty() ? changed : named);
        cols.remove("id");
        boolean realChange = false;
        for (String col : cols) {
            FieldDef f = table.fieldsByColumn().get(col);
            if (changed.contains(col)) {
                SaveRules.checkWritable(model, f, actor);
                realChange |= !SaveRules.isBookkeeping(f);
            }
        }
        Map<String, Object> row = new LinkedHashMap<>();
        for (String col : cols) {
            row.put(col, obj.values().get(col));
        }
        Instant now = store.clock().now();
        if (!actor.isSynchronizer() || alwaysUpdate) {
            row.put("updated", now);
        }
        if (realChange) {
            stampChange(actor, row, now);
        }
        if (row.isEmpty()) {
            return;
        }
        validate(table, row, row.keySet());
        Set<String> changedWritten = new LinkedHashSet<>(row.keySet());
        changedWritten.retainAll(changed);
        List<String> setCols = new ArrayList<>(row.keySet());
        // an object read through a parent model lives in its leaf model's table, which has the same columns
        Table rowTable = store.catalog().rowTable(model, obj.values().get("leaf_model_name"));
        StringBuilder sql = new StringBuilder("UPDATE ").append(rowTable.quotedName()).append(" SET ");
        for (int i = 0; i < setCols.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(Dialect.quote(setCols.get(i))).append(" = ?");
        }
        sql.append(" WHERE \"id\" = ?");
        int n = store.tx().atomicallyRerun("update " + model + " " + obj.id(), c -> {
            checkLinks(c, table, row, changedWritten);
            Map<String, Object> after = new LinkedHashMap<>(obj.loaded());
            after.putAll(row);
            UniqueRules.check(c, table, after, changedWritten, obj.id());
            try (PreparedStatement st = c.prepareStatement(sql.toString())) {
                bindRow(st, table, row, setCols);
                st.setLong(setCols.size() + 1, obj.id());
                int count = executeUnique(c, st, table, after, obj.id());
                if (count > 0) {
                    store.tx().changed(rowTable.model().name());
                }
                return count;
            }
        });
        if (n == 0) {
            throw new ModelException(ModelException.Kind.NOT_FOUND, model + " " + obj.id() + " no longer exists");
        }
        obj.saved(row);
        LOG.debug("updated {} {} as {}: {}", model, obj.id(), actor, setCols);
    }

    /** The INSERT of every column but id (which the sequence supplies); cached per table. */
    private String insertSql(Table table, List<String> cols) {
        Insert cached = inserts.get(table.name());
        if (cached != null && cached.columns().equals(cols)) {
            return cached.sql();
        }
        String sql = "INSERT INTO " + table.quotedName() + " (\"id\", "
                + Dialect.columnList(cols.toArray(new String[0])) + ") VALUES ("
                + store.sqlDialect().nextIdExpression() + ", " + Dialect.placeholders(cols.size()) + ")";
        inserts.put(table.name(), new Insert(List.copyOf(cols), sql));
        return sql;
    }

    private static void stampChange(Actor actor, Map<String, Object> row, Instant now) {
        if (actor == Actor.SYNC_STEP) {
            row.put("changed_by_step", now);
        } else if (actor == Actor.POLICY) {
            row.put("changed_by_policy", now);
        }
    }

    private static Set<String> changedColumns(ModelObjectImpl obj, Iterable<String> columns) {
        Set<String> out = new LinkedHashSet<>();
        for (String col : columns) {
            if (!Objects.equals(obj.values().get(col), obj.loaded().get(col))) {
                out.add(col);
            }
        }
        return out;
    }

    private static void validate(Table table, Map<String, Object> row, Set<String> cols) {
        for (String col : cols) {
            SaveRules.checkValue(table.model().name(), table.fieldsByColumn().get(col), row.get(col));
        }
    }

    /** Refuses (CONFLICT) a link column pointing at a deleted or missing object. */
    /** Executes an insert or update; a unique index's refusal becomes the CONFLICT of {@link UniqueRules}. */
    private int executeUnique(Connection c, PreparedStatement st, Table table, Map<String, Object> current,
                              long selfId) throws SQLException {
        try {
            return st.executeUpdate();
        } catch (SQLException e) {
            ModelException conflict = UniqueRules.conflict(c, store.dataSource(), table, current, selfId, e);
            if (conflict != null) {
                throw conflict;
            }
            throw e;
        }
    }

    private void checkLinks(Connection c, Table table, Map<String, Object> row, Set<String> cols) throws SQLException {
        for (String col : cols) {
            FieldDef f = table.fieldsByColumn().get(col);
            Object target = row.get(col);
            if (f.link() == null || target == null) {
                continue;
            }
            Boolean deleted = store.deletedFlag(c, f.link().peer(), (Long) target);
            if (deleted == null || deleted) {
                throw new ModelException(ModelException.Kind.CONFLICT, table.model().name() + "." + f.link().field()
                        + " points at " + f.link().peer() + " " + target + ", which "
                        + (deleted == null ? "does not exist" : "is deleted"));
            }
        }
    }

    private static void bindRow(PreparedStatement st, Table table, Map<String, Object> row, List<String> cols)
            throws SQLException {
        for (int i = 0; i < cols.size(); i++) {
            String col = cols.get(i);
            Values.bind(st, i + 1, table.fieldsByColumn().get(col).type(), row.get(col));
        }
    }
}
