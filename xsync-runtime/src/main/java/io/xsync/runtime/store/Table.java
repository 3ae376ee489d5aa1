package io.xsync.runtime.store;

import io.xsync.api.ModelException;
import io.xsync.runtime.schema.FieldDef;
import io.xsync.runtime.schema.ManyToMany;
import io.xsync.runtime.schema.ModelDef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The table of one model: {@code xs_<model lower case>}, one column per stored field, inherited
 * fields included. Reads of a model that others inherit from cover their tables too
 * ({@link #source()}): the rows of every descendant, projected onto this model's columns.
 */
final class Table {
    private final ModelDef model;
    private final String name;
    private final String quotedName;
    private final Map<String, FieldDef> byColumn;
    private final List<String> columns;
    private final String source;
    private final String selectAll;
    private final String selectOwn;
    private final Map<String, ManyToMany> manyToMany;

    /**
     * @param model       the model
     * @param descendants the models inheriting from it (their tables hold its columns too)
     * @param manyToMany  its manytomany links by field name
     */
    Table(ModelDef model, List<String> descendants, Map<String, ManyToMany> manyToMany) {
        this.model = model;
        this.name = tableName(model.name());
        this.quotedName = Dialect.quote(name);
        Map<String, FieldDef> cols = new LinkedHashMap<>();
        for (FieldDef f : model.fields()) {
            cols.put(columnName(f), f);
        }
        this.byColumn = Collections.unmodifiableMap(cols);
        this.columns = List.copyOf(cols.keySet());
        this.manyToMany = Map.copyOf(manyToMany);
        String list = Dialect.columnList(columns.toArray(new String[0]));
        if (descendants.isEmpty()) {
            this.source = Dialect.quote(name);
        } else {
            StringBuilder union = new StringBuilder("(SELECT ").append(list).append(" FROM ").append(Dialect.quote(name));
            for (String d : descendants) {
                union.append(" UNION ALL SELECT ").append(list).append(" FROM ").append(Dialect.quote(tableName(d)));
            }
            this.source = union.append(") \"v\"").toString();
        }
        this.selectAll = "SELECT " + list + " FROM " + source;
        this.selectOwn = "SELECT " + list + " FROM " + Dialect.quote(name);
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
        return quotedName;
    }

    /** {@code UPDATE} of this table setting {@code cols} (bound in order) on the row whose id is bound last. */
    String updateByIdSql(List<String> cols) {
        StringBuilder sql = new StringBuilder("UPDATE ").append(quotedName).append(" SET ");
        for (int i = 0; i < cols.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(Dialect.quote(cols.get(i))).append(" = ?");
        }
        return sql.append(" WHERE \"id\" = ?").toString();
    }

    /** Column names in field order. */
    List<String> columns() {
        return columns;
    }

    Map<String, FieldDef> fieldsByColumn() {
        return byColumn;
    }

    /** {@code SELECT <every column> FROM} {@link #source()}: objects of this model and its descendants. */
    String selectAll() {
        return selectAll;
    }

    /** {@code SELECT <every column> FROM <table>}: the objects whose leaf model is this one. */
    String selectOwn() {
        return selectOwn;
    }

    /** What reads select from: the table, or the union of it and its descendants' tables. */
    String source() {
        return source;
    }

    /** The manytomany link named {@code name} or {@code <name>_ids}, or null. */
    ManyToMany manyToMany(String name) {
        var l = model.manyToMany(name);
        return l == null ? null : manyToMany.get(l.field());
    }

    /** Every manytomany link of the model, inherited ones included. */
    Collection<ManyToMany> manyToManyLinks() {
        return model.manyToManyLinks().stream().map(l -> manyToMany.get(l.field())).toList();
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
