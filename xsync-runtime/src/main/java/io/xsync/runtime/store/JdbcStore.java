package io.xsync.runtime.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.xsync.api.ModelObject;
import io.xsync.api.Models;
import io.xsync.runtime.internal.Causes;
import io.xsync.runtime.schema.FieldType;
import io.xsync.runtime.schema.Schema;
import io.xsync.runtime.time.SystemTime;
import io.xsync.runtime.time.Time;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Store} on H2 or PostgreSQL over a HikariCP pool. {@link #open(StoreSettings, Schema)}
 * creates or migrates the tables (see {@link SchemaMigrator}); the accessors, save rules, delete
 * cascade and engine queries live in the classes of this package.
 */
public final class JdbcStore implements Store {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcStore.class);

    static {
        H2Files.bindLoopback();
    }

    private final StoreSettings settings;
    private final Catalog catalog;
    private final Dialect dialect;
    private final HikariDataSource dataSource;
    private final ChangeNotifier notifier;
    private final TxManager tx;
    private final OffsetTable offsets;
    private final ModelRegistry registry;
    private final MonotonicClock clock;
    private final ObjectWriter writer = new ObjectWriter(this);
    private final BookkeepingWriter bookkeeping = new BookkeepingWriter(this);
    private final ManyToManyValues manyToMany = new ManyToManyValues(this);
    private final DeleteCascade cascade;
    private final Map<Actor, ModelsImpl> accessors = new EnumMap<>(Actor.class);
    private final List<Runnable> closeHooks = new CopyOnWriteArrayList<>();
    private AutoCloseable listener;
    private final StoreHealth health;

    private JdbcStore(StoreSettings settings, Schema schema, HikariDataSource dataSource, Time time) {
        this.settings = settings;
        this.clock = new MonotonicClock(time);
        this.catalog = new Catalog(schema);
        this.dialect = Dialect.forUrl(settings.url());
        this.dataSource = dataSource;
        Set<String> names = new LinkedHashSet<>();
        schema.models().forEach(m -> names.add(m.name()));
        this.notifier = new ChangeNotifier(names);
        this.tx = new TxManager(dataSource, notifier);
        this.offsets = new OffsetTable(tx, dataSource);
        this.registry = new ModelRegistry(tx, dataSource);
        this.cascade = new DeleteCascade(catalog, tx, manyToMany);
        this.health = new StoreHealth(dataSource, dialect.name());
        for (Actor a : Actor.values()) {
            accessors.put(a, new ModelsImpl(this, a));
        }
    }

    /**
     * Opens the store: connects, creates or migrates the tables of {@code schema}, and on
     * PostgreSQL starts listening for changes made by other processes. {@link StoreException} if
     * the database is unreachable or the schema change would lose data.
     */
    public static JdbcStore open(StoreSettings settings, Schema schema) {
        return open(settings, schema, Ownership.NONE, SystemTime.INSTANCE);
    }

    /** As {@link #open(StoreSettings, Schema)}, with the store's timestamps taken from {@code time}. */
    public static JdbcStore open(StoreSettings settings, Schema schema, Time time) {
        return open(settings, schema, Ownership.NONE, time);
    }

    /**
     * As {@link #open(StoreSettings, Schema)} for one of several synchronizers sharing the store:
     * migrates only the tables {@code ownership} says are this synchronizer's, and registers its
     * models, files and synced models in the {@link ModelRegistry}; a model another synchronizer
     * owns is a {@link StoreException} naming both.
     */
    public static JdbcStore open(StoreSettings settings, Schema schema, Ownership ownership) {
        return open(settings, schema, ownership, SystemTime.INSTANCE);
    }

    /** As {@link #open(StoreSettings, Schema, Ownership)}, with the store's timestamps taken from {@code time}. */
    public static JdbcStore open(StoreSettings settings, Schema schema, Ownership ownership, Time time) {
        Dialect.forUrl(settings.url());
        Path h2File = H2Files.databasePath(settings.url());
        if (h2File != null) {
            H2Files.prepareDirectory(h2File);
        }
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(poolConfig(settings));
        } catch (RuntimeException e) {
            throw new StoreException("cannot open the store at " + settings.safeUrl() + ": " + Causes.innermost(e).getMessage(), e);
        }
        JdbcStore store = new JdbcStore(settings, schema, ds, time);
        try {
            store.migrate(ownership);
            store.warnIfCommitsAreNotDurable();
            store.startListening();
            store.health.start();
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        if (h2File != null) {
            H2Files.restrictFiles(h2File);
        }
        LOG.info("store open: {} ({} models)", settings.safeUrl(), schema.models().size());
        return store;
    }

    private static HikariConfig poolConfig(StoreSettings settings) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(settings.jdbcUrl());
        hc.setUsername(settings.user());
        hc.setPassword(settings.password());
        hc.setMaximumPoolSize(settings.poolSize());
        hc.setMinimumIdle(Math.min(2, settings.poolSize()));
        hc.setPoolName(settings.poolName());
        hc.setAutoCommit(true);
        return hc;
    }

    private void migrate(Ownership ownership) {
        try (Connection c = dataSource.getConnection()) {
            new SchemaMigrator(catalog, dialect, ownership).migrate(c);
        } catch (SQLException e) {
            throw new StoreException("creating the store tables at " + settings.safeUrl() + " failed: "
                    + e.getMessage(), e);
        }
    }

    /** PostgreSQL with {@code synchronous_commit} or {@code fsync} off may lose commits that returned. */
    private void warnIfCommitsAreNotDurable() {
        if (!settings.isPostgres()) {
            return;
        }
        for (String setting : List.of("synchronous_commit", "fsync")) {
            String value = tx.run("read " + setting, c -> {
                try (PreparedStatement st = c.prepareStatement("SHOW " + setting); ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            if ("off".equalsIgnoreCase(value)) {
                LOG.warn("PostgreSQL at {} has {} = off: commits that returned can be lost in a crash",
                        settings.safeUrl(), setting);
            }
        }
    }

    private void startListening() {
        if (dialect instanceof Dialect.H2Dialect) {
            H2ChangePoller poller = new H2ChangePoller(dataSource, notifier);
            try {
                poller.start();
            } catch (SQLException e) {
                throw new StoreException("reading the store change log failed: " + e.getMessage(), e);
            }
            notifier.publishToChangeLog();
            listener = poller;
            return;
        }
        String schemaName = tx.run("read current schema", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT current_schema()");
                 ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        });
        String channel = ("xsync_" + schemaName).toLowerCase(Locale.ROOT);
        if (channel.length() > 63) {
            channel = channel.substring(0, 63);
        }
        notifier.publishOn(channel);
        PgChangeListener pg = new PgChangeListener(settings, channel, notifier);
        pg.start();
        listener = pg;
    }

    @Override
    public Schema schema() {
        return catalog.schema();
    }

    @Override
    public String dialect() {
        return dialect.name();
    }

    /**
     * The pooled data source, for the store's own classes and for tests and benchmarks that inspect
     * the database; engines see {@link Store}, which does not hand out connections.
     */
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public ClaimTable claims(String owner, Duration lease, String scope) {
        return new ClaimTable(dataSource, owner, lease, scope, clock.time(), dialect instanceof Dialect.PostgresDialect,
                tx::currentConnection);
    }

    @Override
    public OffsetTable offsets() {
        return offsets;
    }

    @Override
    public ModelRegistry registry() {
        return registry;
    }

    @Override
    public void bindPoolMetrics(MeterRegistry registry) {
        PoolMetrics.bind(dataSource, registry);
    }

    @Override
    public Models models(Actor actor) {
        return accessors.get(actor);
    }

    @Override
    public <T> T inTransaction(Callable<T> work) throws Exception {
        return tx.inTransaction(work);
    }

    @Override
    public <T> T readSnapshot(Callable<T> work) throws Exception {
        return tx.inTransaction(work, dialect.snapshotIsolation());
    }

    @Override
    public <T> T inUnannouncedTransaction(Callable<T> work) throws Exception {
        return tx.inUnannouncedTransaction(work);
    }

    @Override
    public void saveBookkeeping(List<? extends ModelObject> objects, Collection<String> fields) {
        bookkeeping.save(objects, fields);
    }

    @Override
    public Map<Long, Long> rowVersions(String model, Collection<Long> ids) {
        if (!(dialect instanceof Dialect.PostgresDialect) || ids.isEmpty()) {
            return Map.of();
        }
        Map<Long, Long> versions = new HashMap<>();
        Long[] wanted = ids.toArray(new Long[0]);
        for (Table t : catalog.holders(model)) {
            // xmin: the transaction that wrote the row version; an update writes a new version
            String sql = "SELECT \"id\", CAST(CAST(xmin AS TEXT) AS BIGINT) FROM " + t.quotedName()
                    + " WHERE \"id\" = ANY(?)";
            tx.run("row versions of " + t.model().name(), c -> {
                try (PreparedStatement st = c.prepareStatement(sql)) {
                    st.setArray(1, c.createArrayOf("bigint", wanted));
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            versions.put(rs.getLong(1), rs.getLong(2));
                        }
                    }
                }
                return null;
            });
        }
        return versions;
    }

    @Override
    public <T> T inBatchTransaction(Callable<T> work) throws Exception {
        return tx.inBatchTransaction(work, writer()::writeHeldBack);
    }

    @Override
    public <T> T withSavepoint(Callable<T> work) throws Exception {
        return tx.withSavepoint(work);
    }

    /**
     * The connection of the current thread's transaction, or null outside one: for the store's own
     * classes and for tests that write tables of their own in a transaction.
     */
    public Connection currentConnection() {
        return tx.currentConnection();
    }

    @Override
    public List<ModelObject> dirtyForSync(String model) {
        return query(model, Actor.SYNC_STEP, Predicates.DIRTY_FOR_SYNC, " ORDER BY \"updated\", \"id\"");
    }

    @Override
    public List<ModelObject> deletedForSync(String model) {
        return query(model, Actor.SYNC_STEP, Predicates.DELETED_FOR_SYNC, " ORDER BY \"id\"");
    }

    @Override
    public List<ModelObject> dirtyForPolicy(String model) {
        return query(model, Actor.POLICY, Predicates.DIRTY_FOR_POLICY, " ORDER BY \"updated\", \"id\"");
    }

    @Override
    public Optional<ModelObject> dirtyForPolicy(String model, long id) {
        List<FilterCompiler.Param> param = List.of(new FilterCompiler.Param(FieldType.INT64, id));
        for (Table t : catalog.holders(model)) {
            List<ModelObjectImpl> found = accessors.get(Actor.POLICY).get(t.model().name())
                    .selectOwn(Predicates.DIRTY_FOR_POLICY + " AND \"id\" = ?", param, "");
            if (!found.isEmpty()) {
                return Optional.of(found.get(0));
            }
        }
        return Optional.empty();
    }

    @Override
    public StoreHealth health() {
        return health;
    }

    @Override
    public ModelCounts counts(String model) {
        Table t = catalog.table(model);
        String live = "\"deleted\" = FALSE";
        String excluded = "(\"no_sync\" = TRUE OR \"lazy_blocked\" = TRUE)";
        String synced = live + " AND NOT " + excluded;
        String sql = "SELECT " + countWhen(live) + ", "
                + countWhen(synced + " AND \"backend_code\" <> 2 AND NOT COALESCE(" + Predicates.DIRTY_FOR_SYNC
                        + ", FALSE)")
                + ", " + countWhen(synced + " AND \"backend_code\" = 2") + ", " + countWhen(live + " AND " + excluded)
                + ", " + countWhen("\"deleted\" = TRUE")
                + " FROM " + t.source();
        return tx.run("count " + model + " by state", c -> {
            try (PreparedStatement st = c.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
                rs.next();
                return new ModelCounts(model, rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5));
            }
        });
    }

    private static String countWhen(String condition) {
        return "COALESCE(SUM(CASE WHEN " + condition + " THEN 1 ELSE 0 END), 0)";
    }

    @Override
    public void scanFailed(String model, Consumer<FailedObject> each) {
        Table t = catalog.table(model);
        String sql = "SELECT \"id\", \"backend_status\", \"backend_register\", \"updated\" FROM " + t.source()
                + " WHERE \"deleted\" = FALSE AND \"backend_code\" = 2";
        tx.atomically("list failed " + model, c -> { // a transaction, so PostgreSQL streams with a cursor
            try (PreparedStatement st = c.prepareStatement(sql)) {
                st.setFetchSize(500);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        OffsetDateTime updated = rs.getObject(4, OffsetDateTime.class);
                        each.accept(new FailedObject(model, rs.getLong(1), rs.getString(2), rs.getString(3),
                                updated == null ? null : updated.toInstant()));
                    }
                }
            }
            return null;
        });
    }

    /**
     * The objects of {@code model} and of the models inheriting from it that match, each as its leaf
     * model (read from its own table), so that a step of a parent model works on full objects.
     */
    private List<ModelObject> query(String model, Actor actor, String where, String order) {
        List<ModelObject> out = new ArrayList<>();
        for (Table t : catalog.holders(model)) {
            out.addAll(accessors.get(actor).get(t.model().name()).selectOwn(where, List.of(), order));
        }
        return out;
    }

    @Override
    public int reap(String model) {
        Table t = catalog.table(model);
        StringBuilder sql = new StringBuilder("DELETE FROM ").append(t.quotedName()).append(" r WHERE ")
                .append(Predicates.REAPABLE);
        for (Catalog.LinkColumn lc : catalog.incoming(model)) {
            sql.append(" AND NOT EXISTS (SELECT 1 FROM ").append(lc.table().quotedName()).append(" l WHERE l.")
                    .append(Dialect.quote(lc.column())).append(" = r.\"id\" AND l.\"deleted\" = FALSE)");
        }
        int n = tx.run("reap " + model, c -> {
            try (PreparedStatement st = c.prepareStatement(sql.toString())) {
                return st.executeUpdate();
            }
        });
        if (n > 0) {
            LOG.debug("reaped {} rows of {}", n, model);
        }
        return n;
    }

    @Override
    public ModelObject withActor(ModelObject object, Actor actor) {
        return ((ModelObjectImpl) object).as(actor);
    }

    @Override
    public void addChangeListener(Consumer<Set<String>> l) {
        notifier.addListener(l);
    }

    /** The PostgreSQL channel changes are announced on, or null on H2. */
    public String notificationChannel() {
        return notifier.channel();
    }

    /** Runs {@code hook} when the store closes (after the pool closed). */
    public void onClose(Runnable hook) {
        closeHooks.add(hook);
    }

    @Override
    public void close() {
        health.close();
        if (listener != null) {
            try {
                listener.close();
            } catch (Exception e) {
                LOG.warn("stopping the store change listener failed: {}", e.toString());
            }
        }
        dataSource.close();
        for (Runnable r : closeHooks) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.warn("store close hook failed: {}", e.toString());
            }
        }
        LOG.info("store closed: {}", settings.safeUrl());
    }

    /** An object of {@code model} or of a model inheriting from it, deleted or not, as its leaf model. */
    Optional<ModelObjectImpl> findAnywhere(String model, long id, Actor actor) {
        List<FilterCompiler.Param> byId = List.of(new FilterCompiler.Param(FieldType.INT64, id));
        for (Table t : catalog.holders(model)) {
            List<ModelObjectImpl> o = accessors.get(actor).get(t.model().name()).selectOwn("\"id\" = ?", byId, "");
            if (!o.isEmpty()) {
                return Optional.of(o.get(0));
            }
        }
        return Optional.empty();
    }

    /**
     * The deleted flag of an object of {@code model} (or a model inheriting from it); null if
     * missing. The row stays locked against a concurrent delete until the transaction ends, so a
     * write linking to it and a delete cascading from it cannot interleave.
     */
    Boolean deletedFlag(Connection c, String model, long id) throws SQLException {
        for (Table t : catalog.holders(model)) {
            try (PreparedStatement st = c.prepareStatement("SELECT \"deleted\" FROM " + t.quotedName()
                    + " WHERE \"id\" = ?" + dialect.lockAgainstDelete())) {
                st.setLong(1, id);
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next()) {
                        return rs.getBoolean(1);
                    }
                }
            }
        }
        return null;
    }

    ModelsImpl accessor(Actor actor) {
        return accessors.get(actor);
    }

    Catalog catalog() {
        return catalog;
    }

    Dialect sqlDialect() {
        return dialect;
    }

    TxManager tx() {
        return tx;
    }

    MonotonicClock clock() {
        return clock;
    }

    /** The clock this store stamps its writes with. */
    public Time time() {
        return clock.time();
    }

    ObjectWriter writer() {
        return writer;
    }

    DeleteCascade cascade() {
        return cascade;
    }

    ManyToManyValues manyToMany() {
        return manyToMany;
    }

    StoreSettings settings() {
        return settings;
    }
}
