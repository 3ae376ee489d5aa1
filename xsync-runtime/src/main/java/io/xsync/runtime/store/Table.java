package io.xsync.runtime.store;

import io.xsync.api.ModelException;
import io.xsync.runtime.schema.FieldDef;
import io.xsync.runtime.schema.ModelDef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The table of one model: {@code xs_<model lower case>}, one column per stored field. */
final class Table {
    private final ModelDef model;
    private final String name;
    private final Map<String, FieldDef> byColumn;
    private final List<String> columns;
    private final String selectAll;

    Table(ModelDef model) {
        this.model = model;
        this.name = tableName(model.name());
        Map<String, FieldDef> cols = new LinkedHashMap<>();
        for (FieldDef f : model.fields()) {
            cols.put(columnName(f), f);
        }
        this.byColumn = Collections.unmodifiableMap(cols);
        this.columns = List.copyOf(cols.keySet());
        this.selectAll = "SELECT " + Dialect.columnList(columns.toArray(new String[0])) + " FROM " + Dialect.quote(name);
    }

    static String tableName(String modelName) {
        return "xs_" + modelName.toLowerCase(Locale.ROOT);
    }

    static String columnName(FieldDef field) {
        return field.name().toLowerCase(Locale.ROOT);
    }

    ModelDef model() {
        return model;
    }

    String name() {
        return name;
    }

    String quotedName() {
        return Dialect.quote(name);
    }

    /** Column names in field order. */
    List<String> columns() {
        return columns;
    }

    Map<String, FieldDef> fieldsByColumn() {
        return byColumn;
    }

    /** {@code SELECT <every column> FROM <table>}. */
    String selectAll() {
        return selectAll;
    }

    /**
     * The stored field a name refers to: a field name, a column name or a link field name.
     * {@link ModelException} UNKNOWN_FIELD naming model and field otherwise.
     */
    FieldDef field(String fieldName) {
        FieldDef f = find(fieldName);
        if (f == null) {
            throw new ModelException(ModelException.Kind.UNKNOWN_FIELD,
                    "unknown field '" + fieldName + "' of model " + model.name());
        }
        return f;
    }

    /** Like {@link #field(String)} but null when unknown. */
    FieldDef find(String fieldName) {
        FieldDef f = model.field(fieldName);
        if (f == null) {
            f = byColumn.get(fieldName.toLowerCase(Locale.ROOT));
        }
        return f;
    }

    List<FieldDef> linkColumns() {
        List<FieldDef> out = new ArrayList<>();
        for (FieldDef f : model.fields()) {
            if (f.link() != null && f.link().column() != null) {
                out.add(f);
            }
        }
        return out;
    }
}
