package io.xsync.runtime.store;

import io.xsync.api.ModelObject;
import io.xsync.runtime.schema.FieldDef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link Store#saveBookkeeping}: bookkeeping columns of objects read before, written as one JDBC
 * batch per table. What a save does beyond that for real fields (change stamps, {@code updated},
 * link and unique checks, many-to-many values) has nothing to do for bookkeeping fields, written
 * by synchronizer code only; their values are checked as a save checks them.
 */
final class BookkeepingWriter {
    private final JdbcStore store;
    /** UPDATE statements by table and columns. */
    private final Map<List<String>, String> statements = new ConcurrentHashMap<>();

    BookkeepingWriter(JdbcStore store) {
        this.store = store;
    }

    /** One table's rows to write: the columns, the objects, each with its values of the columns. */
    private record Batch(Table rowTable, List<String> columns, List<ModelObjectImpl> objects,
                         List<Map<String, Object>> rows) {
    }

    void save(List<? extends ModelObject> objects, Collection<String> fields) {
        if (objects.isEmpty()) {
            return;
        }
        Map<String, List<FieldDef>> defsByModel = new LinkedHashMap<>();
        Map<Table, Batch> batches = new LinkedHashMap<>();
        for (ModelObject o : objects) {
            ModelObjectImpl obj = own(o);
            Table table = obj.model().table();
            String model = table.model().name();
            List<FieldDef> defs = defsByModel.computeIfAbsent(model, m -> bookkeeping(table, fields));
            Map<String, Object> row = new LinkedHashMap<>();
            for (FieldDef f : defs) {
                Object value = obj.values().get(Table.columnName(f));
                SaveRules.checkValue(model, f, value);
                row.put(Table.columnName(f), value);
            }
            // an object read through a parent model lives in its leaf model's table (same columns)
            Table rowTable = store.catalog().rowTable(model, obj.values().get("leaf_model_name"));
            Batch b = batches.computeIfAbsent(rowTable, t -> new Batch(t, List.copyOf(row.keySet()),
                    new ArrayList<>(), new ArrayList<>()));
            b.objects().add(obj);
            b.rows().add(row);
        }
        store.tx().atomically("bookkeeping of " + objects.size() + " objects", c -> {
            for (Batch b : batches.values()) {
                write(c, b);
            }
            return null;
        });
    }

    private void write(Connection c, Batch b) throws SQLException {
        List<String> columns = b.columns();
        int[] counts;
        try (PreparedStatement st = c.prepareStatement(sql(b.rowTable(), columns))) {
            for (int k = 0; k < b.objects().size(); k++) {
                ObjectWriter.bindRow(st, b.rowTable(), b.rows().get(k), columns, 1);
                st.setLong(columns.size() + 1, b.objects().get(k).id());
                st.addBatch();
            }
            counts = st.executeBatch();
        }
        store.tx().changed(b.rowTable().model().name());
        for (int k = 0; k < counts.length; k++) {
            ModelObjectImpl obj = b.objects().get(k);
            if (counts[k] == 0) {
                throw ObjectWriter.gone(obj.model().name(), obj.id());
            }
            obj.saved(b.rows().get(k));
        }
    }

    private String sql(Table rowTable, List<String> columns) {
        List<String> key = new ArrayList<>(columns.size() + 1);
        key.add(rowTable.name());
        key.addAll(columns);
        return statements.computeIfAbsent(key, k -> rowTable.updateByIdSql(columns));
    }

    /** The fields of the table, which must all be bookkeeping fields. */
    private static List<FieldDef> bookkeeping(Table table, Collection<String> fields) {
        List<FieldDef> defs = new ArrayList<>(fields.size());
        for (String name : fields) {
            FieldDef f = table.field(name);
            if (!SaveRules.isBookkeeping(f) || "id".equals(f.name()) || "leaf_model_name".equals(f.name())) {
                throw new IllegalArgumentException("field " + table.model().name() + "." + name
                        + " is not a bookkeeping field: save it");
            }
            defs.add(f);
        }
        return defs;
    }

    private ModelObjectImpl own(ModelObject o) {
        if (o instanceof ModelObjectImpl impl && impl.model().store() == store && !impl.isNew()) {
            return impl;
        }
        throw new IllegalArgumentException(o + " is not a saved object of this store");
    }
}
