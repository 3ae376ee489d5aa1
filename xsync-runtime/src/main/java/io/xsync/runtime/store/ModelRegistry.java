package io.xsync.runtime.store;

import io.xsync.runtime.schema.XprotoSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * Which synchronizer owns which model of a store that several synchronizers share. Four tables:
 * {@code xsync_models} (model, owner), {@code xsync_model_files} (each owner's xproto files, so that
 * every synchronizer loads the whole model), {@code xsync_model_steps} (the models each
 * synchronizer has sync steps for, so that another one's objects wait for their dirty
 * dependencies) and {@code xsync_model_policies} (the models each synchronizer has policies for:
 * one synchronizer per model). A synchronizer's entries are replaced, under the migration lock, each time it
 * opens the store.
 */
public final class ModelRegistry {
    static final String MODELS = "xsync_models";
    static final String FILES = "xsync_model_files";
    static final String STEPS = "xsync_model_steps";
    static final String POLICIES = "xsync_model_policies";
    static final List<String> CREATE_SQL = List.of(
            "CREATE TABLE IF NOT EXISTS " + Dialect.quote(MODELS) + " (\"model_name\" VARCHAR(200) NOT NULL, "
                    + "\"owner_name\" VARCHAR(200) NOT NULL, PRIMARY KEY (\"model_name\"))",
            "CREATE TABLE IF NOT EXISTS " + Dialect.quote(FILES) + " (\"owner_name\" VARCHAR(200) NOT NULL, "
                    + "\"file_name\" VARCHAR(500) NOT NULL, \"source\" VARCHAR(1000000) NOT NULL, "
                    + "PRIMARY KEY (\"owner_name\", \"file_name\"))",
            "CREATE TABLE IF NOT EXISTS " + Dialect.quote(STEPS) + " (\"synchronizer_name\" VARCHAR(200) NOT NULL, "
                    + "\"model_name\" VARCHAR(200) NOT NULL, PRIMARY KEY (\"synchronizer_name\", \"model_name\"))",
            "CREATE TABLE IF NOT EXISTS " + Dialect.quote(POLICIES) + " (\"synchronizer_name\" VARCHAR(200) NOT NULL, "
                    + "\"model_name\" VARCHAR(200) NOT NULL, PRIMARY KEY (\"synchronizer_name\", \"model_name\"))");

    /**
     * The registry as read at one moment.
     *
     * @param owners model to owning synchronizer
     * @param files  synchronizer to its xproto files (by file name)
     * @param synced synchronizer to the models it has sync steps for
     */
    public record Snapshot(Map<String, String> owners, Map<String, List<XprotoSource>> files,
                           Map<String, Set<String>> synced) {
        /** An empty registry (a new store, or one no synchronizer registered in). */
        public static final Snapshot EMPTY = new Snapshot(Map.of(), Map.of(), Map.of());

        public Snapshot {
            owners = Collections.unmodifiableMap(new TreeMap<>(owners));
            files = Collections.unmodifiableMap(new TreeMap<>(files));
            synced = Collections.unmodifiableMap(new TreeMap<>(synced));
        }

        /** The files of every synchronizer but {@code me}, owners in name order. */
        public List<XprotoSource> filesOfOthers(String me) {
            List<XprotoSource> out = new ArrayList<>();
            files.forEach((owner, list) -> {
                if (!owner.equals(me)) {
                    out.addAll(list);
                }
            });
            return out;
        }
    }

    private final TxManager tx;
    private final DataSource pool;

    /** The registry of an open store (its tables are created when the store opens); see {@link Store#registry()}. */
    ModelRegistry(TxManager tx, DataSource pool) {
        this.tx = tx;
        this.pool = pool;
    }

    /** Model to owning synchronizer, as registered now. */
    public Map<String, String> owners() {
        return withConnection(ModelRegistry::readOwners);
    }

    /** The models some synchronizer other than {@code me} has sync steps for, as registered now. */
    public Set<String> syncedByOthers(String me) {
        return withConnection(c -> {
            Set<String> out = new LinkedHashSet<>();
            try (PreparedStatement st = c.prepareStatement("SELECT \"model_name\" FROM " + Dialect.quote(STEPS)
                    + " WHERE \"synchronizer_name\" <> ?")) {
                st.setString(1, me);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }

    /**
     * Reads the registry before the store is opened (the schema a synchronizer loads depends on
     * it), over a connection of its own. A store that does not exist yet, or has no registry, reads
     * as {@link Snapshot#EMPTY}; an unreachable database is a {@link StoreException} ("cannot open
     * the store at ...", as when the store opens).
     */
    public static Snapshot read(StoreSettings settings) {
        H2Files.bindLoopback(); // before H2 first runs here: its automatic server stays on loopback
        Path h2File = H2Files.databasePath(settings.url());
        if (h2File != null && !Files.exists(Path.of(h2File + ".mv.db"))) {
            return Snapshot.EMPTY;
        }
        Connection connection;
        try {
            connection = DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
        } catch (SQLException e) {
            throw new StoreException("cannot open the store at " + settings.safeUrl() + ": " + e.getMessage(), e);
        }
        try (Connection c = connection) {
            if (!hasRegistry(c)) {
                return Snapshot.EMPTY;
            }
            Map<String, List<XprotoSource>> files = new LinkedHashMap<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT \"owner_name\", "
                    + "\"file_name\", \"source\" FROM " + Dialect.quote(FILES) + " ORDER BY \"owner_name\", \"file_name\"")) {
                while (rs.next()) {
                    files.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new XprotoSource(Path.of("[" + rs.getString(1) + "]", rs.getString(2)), rs.getString(3)));
                }
            }
            Map<String, Set<String>> synced = new LinkedHashMap<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT \"synchronizer_name\", "
                    + "\"model_name\" FROM " + Dialect.quote(STEPS))) {
                while (rs.next()) {
                    synced.computeIfAbsent(rs.getString(1), k -> new LinkedHashSet<>()).add(rs.getString(2));
                }
            }
            return new Snapshot(readOwners(c), files, synced);
        } catch (SQLException e) {
            throw new StoreException("cannot read the model registry at " + settings.safeUrl() + ": "
                    + e.getMessage(), e);
        }
    }

    private static boolean hasRegistry(Connection c) throws SQLException {
        for (String name : List.of(MODELS, MODELS.toUpperCase(java.util.Locale.ROOT))) {
            try (ResultSet rs = c.getMetaData().getTables(null, null, name, new String[] {"TABLE"})) {
                while (rs.next()) {
                    String schema = rs.getString("TABLE_SCHEM");
                    if (schema == null || schema.equalsIgnoreCase(c.getSchema())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Under the migration lock: who owns what now, after checking that no model {@code o} owns is
     * registered to another synchronizer ({@link StoreException} naming both otherwise).
     */
    static Map<String, String> claim(Connection c, Ownership o) throws SQLException {
        Map<String, String> owners = readOwners(c);
        if (o.synchronizer() == null) {
            return owners;
        }
        List<String> clashes = new ArrayList<>();
        for (String model : new TreeSet<>(o.owned())) {
            String owner = owners.get(model);
            if (owner != null && !owner.equals(o.synchronizer())) {
                clashes.add(model + " (owned by '" + owner + "')");
            }
        }
        if (!clashes.isEmpty()) {
            throw new StoreException(clashMessage(o.synchronizer(), clashes));
        }
        refusePolicyClashes(c, o);
        return owners;
    }

    /**
     * Refuses a synchronizer with model policies for a model another synchronizer has policies
     * for: the deployment shares the policy engine's claims, so each would police only the objects
     * it claimed first, and the other's policies would never run on them.
     */
    private static void refusePolicyClashes(Connection c, Ownership o) throws SQLException {
        if (o.policed().isEmpty()) {
            return;
        }
        Map<String, String> others = new TreeMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT \"model_name\", \"synchronizer_name\" FROM "
                + Dialect.quote(POLICIES) + " WHERE \"synchronizer_name\" <> ? ORDER BY \"synchronizer_name\"")) {
            st.setString(1, o.synchronizer());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    if (o.policed().contains(rs.getString(1))) {
                        others.putIfAbsent(rs.getString(1), rs.getString(2));
                    }
                }
            }
        }
        if (!others.isEmpty()) {
            List<String> clashes = new ArrayList<>();
            others.forEach((model, other) -> clashes.add(model + " (policed by '" + other + "')"));
            throw new StoreException("synchronizer '" + o.synchronizer() + "' has model policies for models another "
                    + "synchronizer polices: " + String.join(", ", clashes) + "; a model's policies run in one "
                    + "synchronizer (see docs/deployments.md)");
        }
    }

    /** The startup error when {@code synchronizer} claims models another one owns. */
    public static String clashMessage(String synchronizer, List<String> clashes) {
        return "synchronizer '" + synchronizer + "' claims models another synchronizer owns: "
                + String.join(", ", clashes) + "; a model has one owner (remove it from this models_dir and "
                + "link to it instead, see docs/deployments.md)";
    }

    /** Under the migration lock: replaces the entries of {@code o}'s synchronizer with what it brings now. */
    static void record(Connection c, Ownership o) throws SQLException {
        if (!o.registers()) {
            return;
        }
        String me = o.synchronizer();
        for (String table : List.of(MODELS, FILES)) {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM " + Dialect.quote(table)
                    + " WHERE \"owner_name\" = ?")) {
                st.setString(1, me);
                st.executeUpdate();
            }
        }
        for (String table : List.of(STEPS, POLICIES)) {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM " + Dialect.quote(table)
                    + " WHERE \"synchronizer_name\" = ?")) {
                st.setString(1, me);
                st.executeUpdate();
            }
        }
        insertPairs(c, MODELS, "\"model_name\", \"owner_name\"", o.owned(), me);
        insertPairs(c, STEPS, "\"model_name\", \"synchronizer_name\"", o.synced(), me);
        insertPairs(c, POLICIES, "\"model_name\", \"synchronizer_name\"", o.policed(), me);
        try (PreparedStatement st = c.prepareStatement("INSERT INTO " + Dialect.quote(FILES)
                + " (\"owner_name\", \"file_name\", \"source\") VALUES (?, ?, ?)")) {
            for (XprotoSource f : o.files()) {
                st.setString(1, me);
                st.setString(2, f.fileName());
                st.setString(3, f.text());
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    private static void insertPairs(Connection c, String table, String columns, Set<String> models, String me)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO " + Dialect.quote(table) + " (" + columns
                + ") VALUES (?, ?)")) {
            for (String model : new TreeSet<>(models)) {
                st.setString(1, model);
                st.setString(2, me);
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    private static Map<String, String> readOwners(Connection c) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT \"model_name\", "
                + "\"owner_name\" FROM " + Dialect.quote(MODELS) + " ORDER BY \"model_name\"")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    private <T> T withConnection(SqlWork<T> work) {
        try {
            Connection current = tx.currentConnection();
            if (current != null) {
                return work.run(current);
            }
            try (Connection c = pool.getConnection()) {
                return work.run(c);
            }
        } catch (SQLException e) {
            throw new StoreException("model registry: " + e.getMessage(), e);
        }
    }
}
