package io.xsync.runtime.store;

import io.xsync.runtime.schema.FieldDef;
import io.xsync.runtime.schema.ManyToMany;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and migrates the tables of a schema. The metadata table {@code xsync_columns} records
 * every column with its model, field and type. New models and fields are added in place (new
 * columns take the field default); a removed field or a changed type refuses to start with one
 * message listing every difference. Where several synchronizers share the store, only the tables
 * of the models this one owns (and of models nobody registered) are touched, and its entries in
 * the {@link ModelRegistry} are replaced in the same transaction.
 */
final class SchemaMigrator {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);
    static final String COLUMNS_TABLE = "xsync_columns";

    /** A column as recorded in the metadata table. */
    private record Recorded(String model, String field, String type) {
    }

    private final Catalog catalog;
    private final Dialect dialect;
    private final Ownership ownership;
    /** Model to owning synchronizer, read under the migration lock. */
    private Map<String, String> owners = Map.of();

    SchemaMigrator(Catalog catalog, Dialect dialect, Ownership ownership) {
        this.catalog = catalog;
        this.dialect = dialect;
        this.ownership = ownership;
    }

    /** Brings the database in line with the schema, in one transaction where the database allows. */
    void migrate(Connection c) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            dialect.lockForMigration(c);
            createInfrastructure(c);
            owners = ModelRegistry.claim(c, ownership);
            Map<String, Map<String, Recorded>> recorded = loadRecorded(c);
            refuseDestructive(recorded);
            for (Table t : catalog.tables()) {
                if (!mine(t)) {
                    continue; // another synchronizer's model: migrating it is its owner's business
                }
                Map<String, Recorded> cols = recorded.get(t.name());
                if (cols == null) {
                    createTable(c, t);
                } else {
                    addColumns(c, t, cols);
                }
                createIndexes(c, t);
            }
            createJoinTables(c);
            warnAboutDroppedModels(recorded);
            ModelRegistry.record(c, ownership);
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /**
     * The join tables of manytomany links whose through model no file defines: one row per pair,
     * keyed by both ids, the peer side indexed.
     */
    private void createJoinTables(Connection c) throws SQLException {
        for (ManyToMany m : catalog.joinTables()) {
            String table = Catalog.joinTableName(m);
            String source = Dialect.quote(m.sourceColumn());
            String peer = Dialect.quote(m.peerColumn());
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS " + Dialect.quote(table) + " (" + source + " BIGINT NOT NULL, "
                        + peer + " BIGINT NOT NULL, PRIMARY KEY (" + source + ", " + peer + "))");
                String index = "CREATE INDEX IF NOT EXISTS " + Dialect.quote(indexName(table, "peer")) + " ON "
                        + Dialect.quote(table) + " (" + peer + ")";
                if (!indexExists(c, index)) {
                    st.execute(index);
                }
            }
        }
    }

    /** Ids the H2 id sequence hands out between two writes of its state. */
    static final int H2_ID_CACHE = 1000;

    private void createInfrastructure(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + Dialect.quote(COLUMNS_TABLE) + " ("
                    + "\"table_name\" VARCHAR(200) NOT NULL, \"column_name\" VARCHAR(200) NOT NULL, "
                    + "\"model_name\" VARCHAR(200) NOT NULL, \"field_name\" VARCHAR(200) NOT NULL, "
                    + "\"field_type\" VARCHAR(20) NOT NULL, \"position\" INTEGER NOT NULL, "
                    + "PRIMARY KEY (\"table_name\", \"column_name\"))");
            st.execute("CREATE SEQUENCE IF NOT EXISTS " + Dialect.quote(Dialect.ID_SEQUENCE));
            if (dialect instanceof Dialect.H2Dialect) {
                // H2 writes the sequence's state each time its cache (32 by default) runs out, and
                // with durable commits each such write is a store of the file: ids for many rows at
                // once cost far more than the rows. Ids left in the cache at a crash are skipped.
                st.execute("ALTER SEQUENCE " + Dialect.quote(Dialect.ID_SEQUENCE) + " CACHE " + H2_ID_CACHE);
            }
            st.execute(OffsetTable.CREATE_SQL);
            st.execute(ClaimTable.CREATE_SQL);
            for (String sql : ModelRegistry.CREATE_SQL) {
                st.execute(sql);
            }
            if (dialect instanceof Dialect.H2Dialect) {
                st.execute(H2ChangePoller.CREATE_SQL);
            }
        }
    }

    private Map<String, Map<String, Recorded>> loadRecorded(Connection c) throws SQLException {
        Map<String, Map<String, Recorded>> out = new LinkedHashMap<>();
        String sql = "SELECT \"table_name\", \"column_name\", \"model_name\", \"field_name\", \"field_type\" FROM "
                + Dialect.quote(COLUMNS_TABLE) + " ORDER BY \"table_name\", \"position\"";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
                        .put(rs.getString(2), new Recorded(rs.getString(3), rs.getString(4), rs.getString(5)));
            }
        }
        return out;
    }

    private void refuseDestructive(Map<String, Map<String, Recorded>> recorded) {
        List<String> problems = new ArrayList<>();
        for (Table t : catalog.tables()) {
            Map<String, Recorded> cols = recorded.get(t.name());
            if (cols == null || !mine(t)) {
                continue;
            }
            for (Map.Entry<String, Recorded> e : cols.entrySet()) {
                Recorded r = e.getValue();
                FieldDef now = t.fieldsByColumn().get(e.getKey());
                if (now == null) {
                    problems.add(t.model().name() + "." + r.field() + ": field removed (was "
                            + typeWord(r.type()) + ")");
                } else if (!now.type().name().equals(r.type())) {
                    problems.add(t.model().name() + "." + now.name() + ": type changed "
                            + typeWord(r.type()) + " -> " + typeWord(now.type().name()));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new StoreException("the models differ from the store in ways that would lose data; "
                    + "refusing to start: " + String.join("; ", problems)
                    + " (restore the fields, or migrate the database by hand)");
        }
    }

    /** Whether this synchronizer migrates the table: its own model, or one nobody registered. */
    private boolean mine(Table t) {
        return ownership.migrates(t.model().name(), owners);
    }

    private static String typeWord(String fieldType) {
        return fieldType.toLowerCase(Locale.ROOT);
    }

    private void createTable(Connection c, Table t) throws SQLException {
        StringBuilder ddl = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(t.quotedName()).append(" (");
        boolean first = true;
        for (Map.Entry<String, FieldDef> e : t.fieldsByColumn().entrySet()) {
            if (!first) {
                ddl.append(", ");
            }
            first = false;
            ddl.append(Dialect.quote(e.getKey())).append(' ').append(dialect.sqlType(e.getValue().type()));
            if ("id".equals(e.getKey())) {
                ddl.append(" PRIMARY KEY");
            }
        }
        ddl.append(')');
        try (Statement st = c.createStatement()) {
            st.execute(ddl.toString());
        }
        recordColumns(c, t, t.columns());
        LOG.info("created table {} for model {}", t.name(), t.model().name());
    }

    private void addColumns(Connection c, Table t, Map<String, Recorded> existing) throws SQLException {
        List<String> added = new ArrayList<>();
        for (Map.Entry<String, FieldDef> e : t.fieldsByColumn().entrySet()) {
            if (existing.containsKey(e.getKey())) {
                continue;
            }
            FieldDef f = e.getValue();
            String ddl = "ALTER TABLE " + t.quotedName() + " ADD COLUMN " + Dialect.quote(e.getKey()) + " "
                    + dialect.sqlType(f.type()) + defaultClause(f);
            try (Statement st = c.createStatement()) {
                st.execute(ddl);
            }
            added.add(e.getKey());
            LOG.info("added column {}.{} for field {}.{}", t.name(), e.getKey(), t.model().name(), f.name());
        }
        recordColumns(c, t, added);
    }

    private static String defaultClause(FieldDef f) {
        Object d = f.defaultValue();
        if (d == null) {
            return "";
        }
        if (d instanceof String) {
            return " DEFAULT '" + ((String) d).replace("'", "''") + "'";
        }
        if (d instanceof Boolean) {
            return (Boolean) d ? " DEFAULT TRUE" : " DEFAULT FALSE";
        }
        if (d instanceof Number && Double.isFinite(((Number) d).doubleValue())) {
            return " DEFAULT " + d;
        }
        return "";
    }

    private void recordColumns(Connection c, Table t, List<String> columns) throws SQLException {
        if (columns.isEmpty()) {
            return;
        }
        String sql = "INSERT INTO " + Dialect.quote(COLUMNS_TABLE)
                + " (\"table_name\", \"column_name\", \"model_name\", \"field_name\", \"field_type\", \"position\")"
                + " VALUES (?, ?, ?, ?, ?, ?)";
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (String col : columns) {
                FieldDef f = t.fieldsByColumn().get(col);
                st.setString(1, t.name());
                st.setString(2, col);
                st.setString(3, t.model().name());
                st.setString(4, f.name());
                st.setString(5, f.type().name());
                st.setInt(6, t.columns().indexOf(col));
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    private void createIndexes(Connection c, Table t) throws SQLException {
        List<String> ddl = new ArrayList<>();
        for (FieldDef f : t.model().fields()) {
            if (!hasOwnIndex(f)) {
                continue;
            }
            String col = Table.columnName(f);
            ddl.add("CREATE INDEX IF NOT EXISTS " + indexName(t, "c_" + col) + " ON " + t.quotedName()
                    + " (" + Dialect.quote(col) + ")");
        }
        if (dialect.partialIndexes()) {
            ddl.add(partial(t, "dirty_sync", "\"updated\"", Predicates.DIRTY_FOR_SYNC));
            ddl.add(partial(t, "deleted_sync", "\"id\"", Predicates.DELETED_FOR_SYNC));
            ddl.add(partial(t, "dirty_policy", "\"updated\"", Predicates.DIRTY_FOR_POLICY));
            ddl.add(partial(t, "reapable", "\"id\"", Predicates.REAPABLE));
        } else {
            ddl.add("CREATE INDEX IF NOT EXISTS " + indexName(t, "deleted") + " ON " + t.quotedName()
                    + " (\"deleted\", \"enacted\")");
        }
        ddl.addAll(UniqueRules.constraintDdl(t, dialect));
        try (Statement st = c.createStatement()) {
            for (String s : ddl) {
                if (!indexExists(c, s)) {
                    st.execute(s);
                }
            }
        }
    }

    private static final Pattern INDEX_DDL =
            Pattern.compile("^CREATE (?:UNIQUE )?INDEX IF NOT EXISTS \"([^\"]+)\"");

    /**
     * Whether {@code ddl} creates an index that exists already. On PostgreSQL even a CREATE INDEX
     * IF NOT EXISTS of an existing index takes a share lock on its table until the migration
     * commits, which deadlocks with replicas writing to those tables while one restarts.
     */
    private boolean indexExists(Connection c, String ddl) throws SQLException {
        Matcher m = INDEX_DDL.matcher(ddl);
        if (!m.find() || !(dialect instanceof Dialect.PostgresDialect)) {
            return false; // H2 serves one process: IF NOT EXISTS as it is
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM pg_indexes WHERE schemaname = current_schema() AND indexname = ?")) {
            ps.setString(1, m.group(1));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Whether a field's column gets an index of its own: links, unique fields, {@code db_index = True}. */
    static boolean hasOwnIndex(FieldDef f) {
        return !f.base() && (f.link() != null || UniqueRules.isUnique(f) || "True".equals(f.option("db_index")));
    }

    private static String partial(Table t, String suffix, String column, String predicate) {
        return "CREATE INDEX IF NOT EXISTS " + indexName(t, suffix) + " ON " + t.quotedName() + " (" + column
                + ") WHERE " + predicate;
    }

    /** A quoted index name unique per table and suffix, within PostgreSQL's 63 characters. */
    static String indexName(Table t, String suffix) {
        return Dialect.quote(indexName(t.name(), suffix));
    }

    private static String indexName(String table, String suffix) {
        String name = "ix_" + table + "_" + suffix;
        if (name.length() > 60) {
            CRC32 crc = new CRC32();
            crc.update(name.getBytes(StandardCharsets.UTF_8));
            name = name.substring(0, 50) + "_" + Long.toHexString(crc.getValue());
        }
        return name;
    }

    private void warnAboutDroppedModels(Map<String, Map<String, Recorded>> recorded) {
        for (Map.Entry<String, Map<String, Recorded>> e : recorded.entrySet()) {
            boolean known = false;
            for (Table t : catalog.tables()) {
                known |= t.name().equals(e.getKey());
            }
            if (!known && !e.getValue().isEmpty()
                    && ownership.migrates(e.getValue().values().iterator().next().model(), owners)) {
                LOG.warn("table {} (model {}) is in the store but no longer in the models; its rows are kept",
                        e.getKey(), e.getValue().values().iterator().next().model());
            }
        }
    }
}
