package io.xsync.runtime.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * The inserts of new objects a transaction holds back, to send them as JDBC batches (see
 * {@link Store#inBatchTransaction}). The transaction manager {@link #flush flushes} them before
 * any statement of the transaction that could see them and before commit; {@code Model.filter}
 * and {@code count} with criteria that can be checked in memory read past them and add the held
 * rows that match instead.
 *
 * <p>A savepoint opened while rows are held is logical at first: rolling back to it drops the
 * rows added since. It is set in the database only when the transaction must flush while it is
 * open (the rows before it go first), so an event that only reads and inserts costs no savepoint
 * round trip. A failed flush fails the rest of the transaction: every later use throws.
 */
final class DeferredInserts {
    /** Writes rows (ids assigned, checks done) as JDBC batches, in order. */
    interface RowWriter {
        void write(Connection c, List<ObjectWriter.NewRow> rows) throws SQLException;
    }

    private final RowWriter writer;
    /** The held rows, {@code id} included, in the order they were added. */
    private final List<ObjectWriter.NewRow> rows = new ArrayList<>();
    /** Held rows by table name, column and value, built on first use; dropped when rows go. */
    private final Map<String, Map<String, Map<Object, List<Map<String, Object>>>>> indexes = new HashMap<>();
    /** Index in {@link #rows} of the open savepoint (rows from it on were added after it); -1: none. */
    private int mark = -1;
    /** The open savepoint once it had to be set in the database. */
    private Savepoint dbSavepoint;
    private RuntimeException failure;
    private IdBlock ids;

    DeferredInserts(RowWriter writer) {
        this.writer = writer;
    }

    /** A new id for a held row, from this transaction's block (see {@link IdBlock}). */
    long nextId(IntFunction<long[]> source) {
        if (ids == null) {
            ids = new IdBlock(source);
        }
        return ids.next();
    }

    void add(ObjectWriter.NewRow row) {
        checkUsable();
        rows.add(row);
        indexes.getOrDefault(row.table().name(), Map.of()).forEach((col, index) ->
                index.computeIfAbsent(row.row().get(col), v -> new ArrayList<>(1)).add(row.row()));
    }

    /**
     * Held rows of {@code table} whose column {@code col} holds one of {@code values}, in the order
     * they were added. Answered from an index per table and column, built on first use and kept up
     * as rows are added, so an event's lookup does not scan every row its batch holds.
     */
    List<Map<String, Object>> rowsOf(Table table, String col, Set<Object> values) {
        checkUsable();
        Map<Object, List<Map<String, Object>>> index = indexes.computeIfAbsent(table.name(), t -> new HashMap<>())
                .computeIfAbsent(col, k -> buildIndex(table, col));
        if (values.size() == 1) {
            return index.getOrDefault(values.iterator().next(), List.of());
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> row : rowsOf(table)) {
            if (values.contains(row.get(col))) {
                out.add(row);
            }
        }
        return out;
    }

    private Map<Object, List<Map<String, Object>>> buildIndex(Table table, String col) {
        Map<Object, List<Map<String, Object>>> index = new HashMap<>();
        for (Map<String, Object> row : rowsOf(table)) {
            index.computeIfAbsent(row.get(col), v -> new ArrayList<>(1)).add(row);
        }
        return index;
    }

    /** Held rows of {@code table}, in the order they were added. */
    List<Map<String, Object>> rowsOf(Table table) {
        checkUsable();
        List<Map<String, Object>> out = new ArrayList<>();
        for (ObjectWriter.NewRow r : rows) {
            if (r.table().name().equals(table.name())) {
                out.add(r.row());
            }
        }
        return out;
    }

    boolean holdsRowsOf(Table table) {
        for (ObjectWriter.NewRow r : rows) {
            if (r.table().name().equals(table.name())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sends the held rows; an open savepoint is set in the database first (after the rows added
     * before it), since the statement about to run may write.
     */
    void flush(Connection c) {
        checkUsable();
        if (rows.isEmpty() && (mark < 0 || dbSavepoint != null)) {
            return;
        }
        try {
            if (mark >= 0 && dbSavepoint == null) {
                write(c, rows.subList(0, mark));
                dbSavepoint = c.setSavepoint();
                write(c, rows.subList(mark, rows.size()));
            } else {
                write(c, rows);
            }
        } catch (SQLException e) {
            failure = new StoreException("held-back inserts failed: " + e.getMessage(), e);
            throw failure;
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        }
        rows.clear();
        indexes.clear();
        if (mark >= 0) {
            mark = 0;
        }
    }

    private void write(Connection c, List<ObjectWriter.NewRow> part) throws SQLException {
        if (!part.isEmpty()) {
            writer.write(c, part);
        }
    }

    /** Opens a logical savepoint; false when one is open already (the caller sets a real one). */
    boolean openSavepoint() {
        checkUsable();
        if (mark >= 0) {
            return false;
        }
        mark = rows.size();
        dbSavepoint = null;
        return true;
    }

    /** The work under the open savepoint succeeded. */
    void closeSavepoint() {
        mark = -1;
        dbSavepoint = null;
    }

    /** Drops the rows added since the open savepoint, and rolls the database back to it if it was set there. */
    void rollbackSavepoint(Connection c) throws SQLException {
        try {
            if (dbSavepoint != null) {
                c.rollback(dbSavepoint);
            }
        } finally {
            truncate(mark);
            closeSavepoint();
        }
    }

    int size() {
        return rows.size();
    }

    /** Drops the rows from index {@code from} on. */
    void truncate(int from) {
        if (from >= 0 && from < rows.size()) {
            rows.subList(from, rows.size()).clear();
            indexes.clear();
        }
    }

    private void checkUsable() {
        if (failure != null) {
            throw new StoreException("an insert held back in this transaction failed: " + failure.getMessage(),
                    failure);
        }
    }
}
