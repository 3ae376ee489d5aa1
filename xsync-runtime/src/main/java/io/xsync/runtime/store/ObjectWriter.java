package io.xsync.runtime.store;

import io.xsync.api.ModelException;
import io.xsync.api.Save;
import io.xsync.runtime.schema.FieldDef;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
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
    private final Map<InsertShape, String> batchInserts = new ConcurrentHashMap<>();

    /** A cached INSERT statement and the columns it binds. */
    private record Insert(List<String> columns, String sql) {
    }

    /** Whether a table has unique fields (its inserts are checked in the database). */
    private final Map<Table, Boolean> uniqueTables = new ConcurrentHashMap<>();
    /** New ids for held-back inserts, taken on the transaction's connection. */
    private final IntFunction<long[]> idSource;

    ObjectWriter(JdbcStore store) {
        this.store = store;
        this.idSource = n -> store.tx().runBesideDeferred("take ids", c -> nextIds(c, n));
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
        Map<String, Object> row = newRow(obj, table);
        DeferredInserts held = store.tx().deferred();
        if (held != null && canHoldBack(table, row)) {
            row.put("id", held.nextId(idSource));
            held.add(new NewRow(obj, table, row));
            store.tx().changed(model);
            obj.saved(row);
            LOG.debug("holding back the insert of {} {} as {}", model, row.get("id"), obj.model().actor());
            return;
        }
        List<String> cols = new ArrayList<>(row.keySet());
        String sql = insertSql(table, cols);
        // one transaction: the link check's row locks must last until the row is written
        long id = store.tx().atomicallyRerun("insert " + model, c -> {
            checkNew(c, table, row, null);
            try (PreparedStatement st = c.prepareStatement(sql, new String[] {"id"})) {
                bindRow(st, table, row, cols, 1);
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
        LOG.debug("inserted {} {} as {}", model, id, obj.model().actor());
    }

    /**
     * Whether a new row may wait in a batch transaction: its checks need no database (no link set,
     * no unique field in the table), so only the insert itself is left.
     */
    private boolean canHoldBack(Table table, Map<String, Object> row) {
        if (uniqueTables.computeIfAbsent(table, t -> !UniqueRules.keys(t).isEmpty())) {
            return false;
        }
        for (Map.Entry<String, Object> e : row.entrySet()) {
            if (e.getValue() != null && table.fieldsByColumn().get(e.getKey()).link() != null) {
                return false;
            }
        }
        return true;
    }

    /**
     * The row a new object inserts (every column but id), after the checks that need no database:
     * write permissions of the columns set, {@code created}/{@code updated} = now, the change stamp
     * of the actor, value rules.
     */
    private Map<String, Object> newRow(ModelObjectImpl obj, Table table) {
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
        return row;
    }

    /**
     * The checks of a new row that read the database, in the insert's transaction: its links point
     * at live objects (locked until the transaction ends), and no live row holds its unique values.
     * {@code linksChecked}, when not null, holds the link targets already checked in the transaction.
     */
    private void checkNew(Connection c, Table table, Map<String, Object> row, Set<String> linksChecked)
            throws SQLException {
        checkLinks(c, table, row, row.keySet(), linksChecked);
        UniqueRules.check(c, table, row, row.keySet(), 0);
    }

    /**
     * Saves many objects in one transaction (see {@code Model.saveAll}): the objects saved before
     * through {@link #updateAll}, then the new ones by the same rules as {@link #insert}, with
     * their ids taken from the sequence in one query and their rows sent as one JDBC batch per table.
     */
    void saveAll(List<ModelObjectImpl> objects, Save options) {
        List<ModelObjectImpl> old = new ArrayList<>();
        List<ModelObjectImpl> fresh = new ArrayList<>();
        Set<ModelObjectImpl> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (ModelObjectImpl obj : objects) {
            if (seen.add(obj)) {
                (obj.isNew() ? fresh : old).add(obj);
            }
        }
        if (fresh.isEmpty() && old.size() <= 1) {
            old.forEach(o -> save(o, options));
            return;
        }
        // the checks a single save makes before its transaction, for every new object first
        List<NewRow> rows = new ArrayList<>(fresh.size());
        for (ModelObjectImpl obj : fresh) {
            Table table = obj.model().table();
            rows.add(new NewRow(obj, table, newRow(obj, table)));
        }
        boolean links = fresh.stream().anyMatch(o -> !o.pendingLinks().isEmpty());
        String what = "save " + objects.size() + " objects";
        if (old.isEmpty() && !links) {
            // only database work: may run again when the database rolls it back as a deadlock victim
            store.tx().atomicallyRerun(what, c -> {
                insertRows(c, rows);
                return null;
            });
            savedRows(rows);
            return;
        }
        // the saves below mark objects saved before the transaction commits: in a transaction of
        // its own, which then saves nothing, put them back if it fails
        boolean own = !store.tx().inTransaction();
        Map<ModelObjectImpl, List<Map<String, Object>>> before = new IdentityHashMap<>();
        if (own) {
            seen.forEach(o -> before.put(o, o.snapshot()));
        }
        try {
            store.tx().atomically(what, c -> {
                updateAll(c, old, options);
                insertRows(c, rows);
                savedRows(rows);
                for (ModelObjectImpl obj : fresh) {
                    for (Map.Entry<String, List<Long>> e : obj.pendingLinks().entrySet()) {
                        store.manyToMany().write(obj, obj.model().table().manyToMany(e.getKey()), e.getValue());
                    }
                }
                return null;
            });
        } catch (RuntimeException e) {
            before.forEach(ModelObjectImpl::restore);
            throw e;
        }
        fresh.forEach(ModelObjectImpl::linksSaved);
    }

    /** A new object and the row it inserts (with its {@code id} once the id is known). */
    record NewRow(ModelObjectImpl obj, Table table, Map<String, Object> row) {
    }

    /** The rows are written: each becomes its object's saved state. */
    private static void savedRows(List<NewRow> rows) {
        for (NewRow r : rows) {
            r.obj().saved(r.row());
        }
        LOG.debug("inserted {} objects", rows.size());
    }

    /**
     * Checks the rows by {@link #checkNew} (and against each other for unique values), gives each
     * its id from the sequence and inserts them, in the thread's transaction.
     */
    private void insertRows(Connection c, List<NewRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        long[] ids = nextIds(c, rows.size());
        Set<String> linksChecked = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            NewRow r = rows.get(i);
            checkNew(c, r.table(), r.row(), linksChecked);
            r.row().put("id", ids[i]);
        }
        writeRows(c, rows);
    }

    /** Writes the rows a batch transaction held back (see {@link DeferredInserts}). */
    void writeHeldBack(Connection c, List<NewRow> rows) throws SQLException {
        writeRows(c, rows);
        LOG.debug("wrote {} held-back inserts", rows.size());
    }

    /**
     * Writes new rows (checked, each with its id) as one JDBC batch per table and {@link InsertShape}
     * (usually one per table), after checking the unique values of each table's rows against each other.
     */
    private void writeRows(Connection c, List<NewRow> rows) throws SQLException {
        Map<Table, List<NewRow>> byTable = new LinkedHashMap<>();
        for (NewRow r : rows) {
            byTable.computeIfAbsent(r.table(), k -> new ArrayList<>()).add(r);
        }
        for (Map.Entry<Table, List<NewRow>> t : byTable.entrySet()) {
            Table table = t.getKey();
            UniqueRules.checkAmong(table, rowsOf(t.getValue()), idsOf(t.getValue()));
            Map<InsertShape, List<NewRow>> shapes = new LinkedHashMap<>();
            for (NewRow r : t.getValue()) {
                shapes.computeIfAbsent(InsertShape.of(table, r.row()), k -> new ArrayList<>()).add(r);
            }
            for (Map.Entry<InsertShape, List<NewRow>> e : shapes.entrySet()) {
                writeBatch(c, e.getKey(), rowsOf(e.getValue()), idsOf(e.getValue()));
            }
            store.tx().changed(table.model().name());
        }
    }

    /** Inserts rows of one shape as one JDBC batch. */
    private void writeBatch(Connection c, InsertShape shape, List<Map<String, Object>> rows, long[] ids)
            throws SQLException {
        List<String> bound = shape.bound();
        String sql = batchInserts.size() < MAX_CACHED_SHAPES ? batchInserts.computeIfAbsent(shape, InsertShape::sql)
                : shape.sql();
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (int k = 0; k < rows.size(); k++) {
                st.setLong(1, ids[k]);
                bindRow(st, shape.table(), rows.get(k), bound, 2);
                st.addBatch();
            }
            executeBatchUnique(c, st, shape.table(), rows, ids);
        }
    }

    /** Statements of batch inserts kept at most (one per table and shape; usually one per table). */
    private static final int MAX_CACHED_SHAPES = 256;

    private static List<Map<String, Object>> rowsOf(List<NewRow> rows) {
        List<Map<String, Object>> out = new ArrayList<>(rows.size());
        rows.forEach(r -> out.add(r.row()));
        return out;
    }

    private static long[] idsOf(List<NewRow> rows) {
        long[] ids = new long[rows.size()];
        for (int k = 0; k < ids.length; k++) {
            ids[k] = (Long) rows.get(k).row().get("id");
        }
        return ids;
    }

    /** {@code n} new ids from the id sequence, in one query, ascending. */
    private long[] nextIds(Connection c, int n) throws SQLException {
        long[] ids = new long[n];
        try (PreparedStatement st = c.prepareStatement(store.sqlDialect().nextIdsQuery())) {
            st.setInt(1, n);
            try (ResultSet rs = st.executeQuery()) {
                int i = 0;
                while (rs.next()) {
                    ids[i++] = rs.getLong(1);
                }
                if (i != n) {
                    throw new SQLException("the id sequence gave " + i + " ids for " + n + " objects");
                }
            }
        }
        Arrays.sort(ids);
        return ids;
    }

    /** Executes a batch insert; a unique index's refusal becomes the CONFLICT of {@link UniqueRules}. */
    private void executeBatchUnique(Connection c, PreparedStatement st, Table table, List<Map<String, Object>> rows,
                                    long[] ids) throws SQLException {
        try {
            st.executeBatch();
        } catch (SQLException e) {
            int failed = 0;
            if (e instanceof BatchUpdateException b && b.getUpdateCounts() != null) {
                int[] counts = b.getUpdateCounts();
                failed = counts.length;
                for (int k = 0; k < counts.length; k++) {
                    if (counts[k] == Statement.EXECUTE_FAILED) {
                        failed = k;
                        break;
                    }
                }
                failed = Math.min(failed, rows.size() - 1);
            }
            for (SQLException s = e; s != null; s = s.getNextException()) {
                ModelException conflict = UniqueRules.conflict(c, store.dataSource(), table, rows.get(failed),
                        ids[failed], s);
                if (conflict != null) {
                    throw conflict;
                }
            }
            throw e;
        }
    }

    private void update(ModelObjectImpl obj, Table table, Set<String> named, boolean alwaysUpdate) {
        UpdatePlan p = planUpdate(obj, table, named, alwaysUpdate);
        if (p == null) {
            return;
        }
        int n = store.tx().atomicallyRerun("update " + table.model().name() + " " + obj.id(), c -> applyUpdate(c, p));
        updated(p, n);
    }

    /**
     * An update, planned: the columns it writes (the changed ones, or those named by
     * {@code update_fields}, plus the timestamps the rules move), checked for write permission
     * and value; null when there is nothing to write.
     */
    private record UpdatePlan(ModelObjectImpl obj, Table table, Table rowTable, Map<String, Object> row,
                              Set<String> changedWritten, List<String> setCols, String sql) {
        /** The row as the update leaves it (for the unique checks; a batched update needs none). */
        Map<String, Object> after() {
            Map<String, Object> after = new LinkedHashMap<>(obj.loaded());
            after.putAll(row);
            return after;
        }
    }

    private UpdatePlan planUpdate(ModelObjectImpl obj, Table table, Set<String> named, boolean alwaysUpdate) {
        String model = table.model().name();
        Actor actor = obj.model().actor();
        // with update_fields only the named columns and the stamps below can be written: compare
        // those alone (a bookkeeping save writes 1-4 columns of a row of some 25)
        Set<String> changed = changedColumns(obj, named.isEmpty() ? table.columns() : withStamps(named));
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
            return null;
        }
        validate(table, row, row.keySet());
        Set<String> changedWritten = new LinkedHashSet<>(row.keySet());
        changedWritten.retainAll(changed);
        List<String> setCols = new ArrayList<>(row.keySet());
        // an object read through a parent model lives in its leaf model's table, which has the same columns
        Table rowTable = store.catalog().rowTable(model, obj.values().get("leaf_model_name"));
        return new UpdatePlan(obj, table, rowTable, row, changedWritten, setCols, rowTable.updateByIdSql(setCols));
    }

    /** The checks that read the database and the UPDATE, in the thread's transaction; the row count. */
    private int applyUpdate(Connection c, UpdatePlan p) throws SQLException {
        checkLinks(c, p.table(), p.row(), p.changedWritten(), null);
        Map<String, Object> after = p.after();
        UniqueRules.check(c, p.table(), after, p.changedWritten(), p.obj().id());
        try (PreparedStatement st = c.prepareStatement(p.sql())) {
            bindUpdate(st, p);
            int count = executeUnique(c, st, p.table(), after, p.obj().id());
            if (count > 0) {
                store.tx().changed(p.rowTable().model().name());
            }
            return count;
        }
    }

    private static void bindUpdate(PreparedStatement st, UpdatePlan p) throws SQLException {
        bindRow(st, p.table(), p.row(), p.setCols(), 1);
        st.setLong(p.setCols().size() + 1, p.obj().id());
    }

    /** After the UPDATE of a plan touched {@code count} rows: NOT_FOUND for none, else the object is saved. */
    private static void updated(UpdatePlan p, int count) {
        String model = p.table().model().name();
        if (count == 0) {
            throw gone(model, p.obj().id());
        }
        p.obj().saved(p.row());
        LOG.debug("updated {} {} as {}: {}", model, p.obj().id(), p.obj().model().actor(), p.setCols());
    }

    /**
     * Updates objects saved before, in the thread's transaction, by the rules of {@link #update}.
     * An update that writes a unique column (whose check must see the updates before it) or
     * many-to-many values is made alone; the others, after the same checks, go as one JDBC batch
     * per statement text.
     */
    private void updateAll(Connection c, List<ModelObjectImpl> objects, Save options) throws SQLException {
        Map<String, List<UpdatePlan>> batches = new LinkedHashMap<>();
        Set<String> linksChecked = new HashSet<>();
        for (ModelObjectImpl obj : objects) {
            if (!obj.pendingLinks().isEmpty()) {
                save(obj, options);
                continue;
            }
            Table table = obj.model().table();
            UpdatePlan p = planUpdate(obj, table, namedColumns(table, options.updateFields()),
                    options.isAlwaysUpdateTimestamp());
            if (p == null) {
                continue;
            }
            if (writesUniqueKey(p)) {
                updated(p, applyUpdate(c, p));
                continue;
            }
            checkLinks(c, table, p.row(), p.changedWritten(), linksChecked);
            batches.computeIfAbsent(p.sql(), k -> new ArrayList<>()).add(p);
        }
        for (List<UpdatePlan> batch : batches.values()) {
            if (batch.size() == 1) {
                updated(batch.get(0), applyUpdate(c, batch.get(0)));
                continue;
            }
            int[] counts;
            try (PreparedStatement st = c.prepareStatement(batch.get(0).sql())) {
                for (UpdatePlan p : batch) {
                    bindUpdate(st, p);
                    st.addBatch();
                }
                counts = st.executeBatch();
            }
            store.tx().changed(batch.get(0).rowTable().model().name());
            for (int k = 0; k < batch.size(); k++) {
                // a driver may answer SUCCESS_NO_INFO (-2): the row was there
                updated(batch.get(k), counts[k] == Statement.SUCCESS_NO_INFO ? 1 : counts[k]);
            }
        }
    }

    /** NOT_FOUND for an update of an object whose row is gone. */
    static ModelException gone(String model, long id) {
        return new ModelException(ModelException.Kind.NOT_FOUND, model + " " + id + " no longer exists");
    }

    private static boolean writesUniqueKey(UpdatePlan p) {
        for (List<FieldDef> key : UniqueRules.keys(p.table())) {
            for (FieldDef k : key) {
                if (p.changedWritten().contains(Table.columnName(k))) {
                    return true;
                }
            }
        }
        return false;
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

    /**
     * The statement of a batch insert of rows whose ids are known: every column of the table, the
     * columns holding their field's default for every row of the batch written as literals in the
     * statement (as a hand-written insert does), the others bound. A new object's row has every
     * column of its table (see {@code Model.newObject}), so rows of one table differ only in which
     * columns hold their default; rows of the same shape go as one batch. Only defaults that have a
     * literal of the same value in both dialects are written as literals (null, booleans, whole
     * numbers, text without backslashes); timestamps, floating point values and the rest are bound.
     *
     * @param table   the table
     * @param inlined bit i set: column i of {@link Table#columns()} holds its default, written as a literal
     */
    record InsertShape(Table table, BitSet inlined) {
        static InsertShape of(Table table, Map<String, Object> row) {
            List<String> cols = table.columns();
            BitSet inlined = new BitSet(cols.size());
            for (int i = 0; i < cols.size(); i++) {
                String col = cols.get(i);
                Object value = row.get(col);
                if (!"id".equals(col) && Objects.equals(value, table.fieldsByColumn().get(col).defaultValue())
                        && literal(value) != null) {
                    inlined.set(i);
                }
            }
            return new InsertShape(table, inlined);
        }

        /** The columns bound, in order (id, bound first, excluded). */
        List<String> bound() {
            List<String> out = new ArrayList<>();
            List<String> cols = table.columns();
            for (int i = 0; i < cols.size(); i++) {
                if (!inlined.get(i) && !"id".equals(cols.get(i))) {
                    out.add(cols.get(i));
                }
            }
            return out;
        }

        String sql() {
            List<String> cols = table.columns();
            StringBuilder names = new StringBuilder("\"id\"");
            StringBuilder values = new StringBuilder("?");
            for (int i = 0; i < cols.size(); i++) {
                if ("id".equals(cols.get(i))) {
                    continue;
                }
                names.append(", ").append(Dialect.quote(cols.get(i)));
                values.append(", ").append(inlined.get(i) ? literal(table.fieldsByColumn().get(cols.get(i))
                        .defaultValue()) : "?");
            }
            return "INSERT INTO " + table.quotedName() + " (" + names + ") VALUES (" + values + ")";
        }

        /** {@code value} as an SQL literal both dialects read as the same value, or null when it is bound instead. */
        private static String literal(Object value) {
            if (value == null) {
                return "NULL";
            }
            if (value instanceof Boolean b) {
                return b ? "TRUE" : "FALSE";
            }
            if (value instanceof Integer || value instanceof Long) {
                return value.toString();
            }
            if (value instanceof String text && text.indexOf('\\') < 0) { // a backslash may escape on PostgreSQL
                return "'" + text.replace("'", "''") + "'";
            }
            return null;
        }
    }

    private static void stampChange(Actor actor, Map<String, Object> row, Instant now) {
        if (actor == Actor.SYNC_STEP) {
            row.put("changed_by_step", now);
        } else if (actor == Actor.POLICY) {
            row.put("changed_by_policy", now);
        }
    }

    /** The named columns and the timestamps an update may add to them ({@code updated}, the change stamps). */
    private static Set<String> withStamps(Set<String> named) {
        Set<String> cols = new LinkedHashSet<>(named);
        cols.addAll(STAMPS);
        return cols;
    }

    private static final List<String> STAMPS = List.of("updated", "changed_by_step", "changed_by_policy");

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

    /** Refuses (CONFLICT) a link column pointing at a deleted or missing object. */
    private void checkLinks(Connection c, Table table, Map<String, Object> row, Set<String> cols,
                            Set<String> checked) throws SQLException {
        for (String col : cols) {
            FieldDef f = table.fieldsByColumn().get(col);
            Object target = row.get(col);
            if (f.link() == null || target == null) {
                continue;
            }
            if (checked != null && !checked.add(f.link().peer() + "#" + target)) {
                continue; // checked earlier in this transaction, and locked since
            }
            Boolean deleted = store.deletedFlag(c, f.link().peer(), (Long) target);
            if (deleted == null || deleted) {
                throw new ModelException(ModelException.Kind.CONFLICT, table.model().name() + "." + f.link().field()
                        + " points at " + f.link().peer() + " " + target + ", which "
                        + (deleted == null ? "does not exist" : "is deleted"));
            }
        }
    }

    /** Binds the row's values of {@code cols} to the parameters from {@code first} on. */
    static void bindRow(PreparedStatement st, Table table, Map<String, Object> row, List<String> cols,
                                int first) throws SQLException {
        for (int i = 0; i < cols.size(); i++) {
            String col = cols.get(i);
            Values.bind(st, i + first, table.fieldsByColumn().get(col).type(), row.get(col));
        }
    }
}
