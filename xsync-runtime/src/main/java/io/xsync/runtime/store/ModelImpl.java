package io.xsync.runtime.store;

import io.xsync.api.Model;
import io.xsync.api.ModelObject;
import io.xsync.api.Save;
import io.xsync.runtime.schema.FieldDef;
import io.xsync.runtime.schema.FieldType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** One model as seen by one actor: lookups over its table and new objects. */
final class ModelImpl implements Model {
    private final JdbcStore store;
    private final Table table;
    private final Actor actor;
    private final Map<String, Object> newValues;

    ModelImpl(JdbcStore store, Table table, Actor actor) {
        this.store = store;
        this.table = table;
        this.actor = actor;
        this.newValues = newValues();
    }

    @Override
    public String name() {
        return table.model().name();
    }

    @Override
    public List<String> fieldNames() {
        return table.model().fieldNames();
    }

    @Override
    public Optional<ModelObject> get(long id) {
        List<ModelObjectImpl> found = select("\"id\" = ?", List.of(new FilterCompiler.Param(
                FieldType.INT64, id)), "");
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    @Override
    public List<ModelObject> filter(Map<String, ?> criteria) {
        Criteria q = criteria(criteria);
        String sql = q.lookup() != null ? q.lookup().filterSql() : filterSql(q.compiled().where());
        FilterCompiler.HeldMatch held = heldBackMatcher(q);
        if (held == null) {
            return new ArrayList<>(query(sql, q.compiled().params()));
        }
        List<ModelObjectImpl> found = store.tx().runBesideDeferred("query " + name(),
                c -> read(c, sql, q.compiled().params()));
        List<Map<String, Object>> heldRows = heldRows(held);
        if (!heldRows.isEmpty()) {
            heldRows.forEach(row -> found.add(new ModelObjectImpl(this, columnsOf(row), null)));
            found.sort(Comparator.comparingLong(ModelObjectImpl::id));
        }
        return new ArrayList<>(found);
    }

    /** The statement of {@link #filter} for a WHERE clause: the matching objects in id order. */
    private String filterSql(String where) {
        return table.selectAll() + " WHERE " + where + " ORDER BY \"id\"";
    }

    /** Criteria, compiled; {@code lookup} when they are equalities compiled once for their keys. */
    private record Criteria(Map<String, ?> raw, FilterCompiler.Compiled compiled, Lookup lookup) {
    }

    /** Equalities of a key list and the SQL of {@link #filter} for them. */
    private record Lookup(FilterCompiler.Equalities equalities, String filterSql) {
    }

    /** Stands for "these keys are not all equalities": compiled each time. */
    private static final Lookup NOT_EQUALITIES = new Lookup(null, null);
    /** Lookups by criteria keys (see {@link FilterCompiler.Equalities}); at most {@value #MAX_LOOKUPS} kept. */
    private final Map<List<String>, Lookup> lookups = new ConcurrentHashMap<>();
    private static final int MAX_LOOKUPS = 256;

    /** Whether a key or value is null (tested by iterating: {@code Map.of} maps refuse to be asked for null). */
    private static boolean hasNull(Map<String, ?> criteria) {
        for (Map.Entry<String, ?> e : criteria.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                return true;
            }
        }
        return false;
    }

    /** {@code criteria} compiled: for equalities to non-null values, from the {@link Lookup} of their keys. */
    private Criteria criteria(Map<String, ?> criteria) {
        if (criteria.isEmpty() || hasNull(criteria)) {
            return new Criteria(criteria, FilterCompiler.compile(table, criteria), null);
        }
        List<String> keys = new ArrayList<>(criteria.keySet());
        Lookup lookup = lookups.get(keys);
        if (lookup == null) {
            FilterCompiler.Equalities eq = FilterCompiler.equalities(table, criteria);
            lookup = eq == null ? NOT_EQUALITIES
                    : new Lookup(eq, filterSql(eq.where()));
            if (lookups.size() < MAX_LOOKUPS) {
                lookups.put(keys, lookup);
            }
        }
        if (lookup == NOT_EQUALITIES) {
            return new Criteria(criteria, FilterCompiler.compile(table, criteria), null);
        }
        FilterCompiler.Equalities eq = lookup.equalities();
        return new Criteria(criteria, new FilterCompiler.Compiled(eq.where(), eq.params(table, criteria)), lookup);
    }

    /** The held rows of this model's table that pass {@code held}. */
    private List<Map<String, Object>> heldRows(FilterCompiler.HeldMatch held) {
        if (held == NO_HELD_ROWS) {
            return List.of();
        }
        DeferredInserts deferred = store.tx().deferred();
        List<Map<String, Object>> candidates = held.keyColumn() == null ? deferred.rowsOf(table)
                : deferred.rowsOf(table, held.keyColumn(), held.keyValues());
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> row : candidates) {
            if (held.test().test(row)) {
                out.add(row);
            }
        }
        return out;
    }

    /**
     * When the thread's batch transaction holds back inserts into this model's table and the
     * criteria can be checked in memory: the test of held rows. Null: read through the database
     * (the held rows are written first).
     */
    private FilterCompiler.HeldMatch heldBackMatcher(Criteria q) {
        DeferredInserts held = store.tx().deferred();
        if (held == null || !table.source().equals(table.quotedName())) {
            return null; // no held rows, or reads join the tables of inheriting models
        }
        if (!held.holdsRowsOf(table)) {
            return NO_HELD_ROWS;
        }
        return q.lookup() != null ? q.lookup().equalities().matcher(q.compiled().params())
                : FilterCompiler.matcher(table, q.raw());
    }

    /** Stands for "no held row of this table": the held rows are all of other tables, which this read does not see. */
    private static final FilterCompiler.HeldMatch NO_HELD_ROWS = new FilterCompiler.HeldMatch(row -> false, null, null);

    /** A held row as a row read from the database (every column, in column order). */
    private Map<String, Object> columnsOf(Map<String, Object> row) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String col : table.fieldsByColumn().keySet()) {
            values.put(col, row.get(col));
        }
        return values;
    }

    @Override
    public List<ModelObject> page(Map<String, ?> criteria, int limit, long offset) {
        if (limit < 0 || offset < 0) {
            throw new IllegalArgumentException("limit and offset must not be negative");
        }
        FilterCompiler.Compiled f = FilterCompiler.compile(table, criteria);
        String sql = table.selectAll() + (scanInIdOrder(criteria) ? " USE INDEX ()" : "") + " WHERE " + f.where()
                + " ORDER BY \"id\" LIMIT " + limit + " OFFSET " + offset;
        return new ArrayList<>(query(sql, f.params()));
    }

    /**
     * On H2, whether a page should be read by walking the primary key (id order, stopping after
     * the page) rather than by the index H2 would pick for the {@code deleted} condition, which
     * makes it read and sort every live row. Not when a filter names a column with an index of
     * its own: that index finds few rows quickly.
     */
    private boolean scanInIdOrder(Map<String, ?> criteria) {
        if (!"h2".equals(store.dialect()) || !table.source().equals(table.quotedName())) {
            return false; // not H2, or a union with the tables of inheriting models
        }
        for (String key : criteria.keySet()) {
            String field = key.contains("__") ? key.substring(0, key.indexOf("__")) : key;
            for (FieldDef d : table.model().fields()) {
                String column = Table.columnName(d);
                if (SchemaMigrator.hasOwnIndex(d) && (column.equals(field) || column.equals(field + "_id"))) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public List<ModelObject> all() {
        return filter(Map.of());
    }

    @Override
    public long count(Map<String, ?> criteria) {
        Criteria q = criteria(criteria);
        return count(q, "SELECT COUNT(*) FROM " + table.source() + " WHERE " + q.compiled().where());
    }

    @Override
    public long count(Map<String, ?> criteria, long atMost) {
        if (atMost <= 0) {
            return 0;
        }
        Criteria q = criteria(criteria);
        return Math.min(atMost, count(q, "SELECT COUNT(*) FROM (SELECT 1 AS one FROM " + table.source()
                + " WHERE " + q.compiled().where() + " LIMIT " + atMost + ") capped"));
    }

    private long count(Criteria q, String sql) {
        FilterCompiler.HeldMatch held = heldBackMatcher(q);
        FilterCompiler.Compiled f = q.compiled();
        if (held == null) {
            return store.tx().run("count " + name(), c -> count(c, f, sql));
        }
        return store.tx().runBesideDeferred("count " + name(), c -> count(c, f, sql)) + heldRows(held).size();
    }

    private static long count(Connection c, FilterCompiler.Compiled f, String sql) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            bind(st, f.params());
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    public ModelObject newObject() {
        return new ModelObjectImpl(this, newValues, null);
    }

    /** The values of a new object (every column: its default, no id, this model as leaf), which each new object copies. */
    private Map<String, Object> newValues() {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, FieldDef> e : table.fieldsByColumn().entrySet()) {
            values.put(e.getKey(), e.getValue().defaultValue());
        }
        values.put("id", null);
        values.put("leaf_model_name", name());
        return Collections.unmodifiableMap(values);
    }

    @Override
    public void saveAll(List<? extends ModelObject> objects, Save options) {
        List<ModelObjectImpl> own = new ArrayList<>(objects.size());
        for (ModelObject o : objects) {
            if (!(o instanceof ModelObjectImpl impl) || impl.model().store() != store) {
                throw new IllegalArgumentException(name() + ".saveAll: " + o + " is not an object of this store");
            }
            own.add(impl);
        }
        store.writer().saveAll(own, options);
    }

    /**
     * Objects of this model and of the models inheriting from it matching a WHERE clause, in the
     * given order, seen as this model.
     */
    List<ModelObjectImpl> select(String where, List<FilterCompiler.Param> params, String orderBy) {
        return selectFrom(table.selectAll(), where, params, orderBy);
    }

    /** Like {@link #select} but only the objects whose leaf model is this one. */
    List<ModelObjectImpl> selectOwn(String where, List<FilterCompiler.Param> params, String orderBy) {
        return selectFrom(table.selectOwn(), where, params, orderBy);
    }

    private List<ModelObjectImpl> selectFrom(String select, String where, List<FilterCompiler.Param> params,
                                             String orderBy) {
        return query(select + " WHERE " + where + orderBy, params);
    }

    private List<ModelObjectImpl> query(String sql, List<FilterCompiler.Param> params) {
        return store.tx().run("query " + name(), c -> read(c, sql, params));
    }

    private List<ModelObjectImpl> read(Connection c, String sql, List<FilterCompiler.Param> params)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            bind(st, params);
            List<ModelObjectImpl> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new ModelObjectImpl(this, readRow(rs), null));
                }
            }
            return out;
        }
    }

    /** The current row of a result set from {@link Table#selectAll()}. */
    Map<String, Object> readRow(ResultSet rs) throws SQLException {
        Map<String, Object> values = new LinkedHashMap<>();
        int i = 1;
        for (Map.Entry<String, FieldDef> e : table.fieldsByColumn().entrySet()) {
            values.put(e.getKey(), Values.read(rs, i++, e.getValue().type()));
        }
        return values;
    }

    static void bind(PreparedStatement st, List<FilterCompiler.Param> params) throws SQLException {
        int i = 1;
        for (FilterCompiler.Param p : params) {
            Values.bind(st, i++, p.type(), p.value());
        }
    }

    JdbcStore store() {
        return store;
    }

    Table table() {
        return table;
    }

    Actor actor() {
        return actor;
    }

    /** This model as seen by another actor. */
    ModelImpl as(Actor other) {
        return other == actor ? this : store.accessor(other).get(name());
    }

    @Override
    public String toString() {
        return name();
    }
}
