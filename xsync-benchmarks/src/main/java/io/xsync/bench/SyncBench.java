package io.xsync.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.xsync.api.Model;
import io.xsync.api.ModelObject;
import io.xsync.api.Models;
import io.xsync.api.StepContext;
import io.xsync.api.SyncStep;
import io.xsync.runtime.internal.StepContextImpl;
import io.xsync.runtime.schema.DependencyGraph;
import io.xsync.runtime.schema.LinkDef;
import io.xsync.runtime.schema.ModelDef;
import io.xsync.runtime.schema.ModelOrder;
import io.xsync.runtime.schema.Schema;
import io.xsync.runtime.schema.XprotoLoader;
import io.xsync.runtime.spi.SynchronizerContext;
import io.xsync.runtime.steps.LoadedSteps;
import io.xsync.runtime.store.Actor;
import io.xsync.runtime.store.JdbcStore;
import io.xsync.runtime.store.ObjectRef;
import io.xsync.runtime.store.Store;
import io.xsync.runtime.store.StoreSettings;
import io.xsync.runtime.sync.BackendRegister;
import io.xsync.runtime.sync.CohortPlanner;
import io.xsync.runtime.sync.LinkWalker;
import io.xsync.runtime.sync.SyncEngine;
import io.xsync.runtime.sync.SyncOutcome;
import io.xsync.runtime.sync.SyncSettings;
import io.xsync.runtime.time.SystemTime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;

/**
 * {@code xsync-bench sync}: cohort computation for chains and independent objects, no-op sync
 * throughput, and API save → {@code syncRecord} latency, on H2 and PostgreSQL.
 *
 * <pre>
 * options: --objects N      objects in chains and again independent ones (default 100000 each)
 *          --db h2|postgresql|both (default both)
 *          --threads N      sync.threads (default 4)
 *          --samples N      latency samples (default 500)
 *          --rounds N       no-op rounds, engine then hand-written JDBC baseline (default 1)
 *          --pg-url URL     (default jdbc:postgresql://127.0.0.1:5432/test?user=postgres)
 * </pre>
 */
public final class SyncBench {
    private static final String MODELS = """
            // sync benchmark: a three-level chain and an independent model
            message Site (XOSBase) { required string name = 1 [max_length = 64]; }
            message Slice (XOSBase) {
                required string name = 1 [max_length = 64];
                required manytoone site->Site:slices = 2;
            }
            message Instance (XOSBase) {
                required string name = 1 [max_length = 64];
                required manytoone slice->Slice:instances = 2;
            }
            message Node (XOSBase) { required string name = 1 [max_length = 64]; }
            """;
    private static final List<String> ALL = List.of("Site", "Slice", "Instance", "Node");

    private int objects = 100_000;
    private List<String> dbs = List.of("h2", "postgresql");
    private int threads = 4;
    private int samples = 500;
    private int rounds = 1;
    private String pgUrl = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    private List<String> parts = List.of("cohorts", "noop", "latency");
    private Schema schema;
    private DependencyGraph graph;
    private double lastLoadSeconds;

    public static void main(String[] args) throws Exception {
        // per-object DEBUG lines would measure the logger, not the engine
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME))
                .setLevel(Level.toLevel(System.getenv("XSYNC_BENCH_LOG"), Level.WARN));
        SyncBench b = new SyncBench();
        b.parse(args);
        b.run();
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i += 2) {
            String v = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--objects" -> objects = Integer.parseInt(v);
                case "--db" -> dbs = v.equals("both") ? List.of("h2", "postgresql") : List.of(v);
                case "--threads" -> threads = Integer.parseInt(v);
                case "--samples" -> samples = Integer.parseInt(v);
                case "--rounds" -> rounds = Integer.parseInt(v);
                case "--pg-url" -> pgUrl = v;
                case "--parts" -> parts = List.of(v.split(","));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--objects, --db, --threads, --samples, --rounds, --pg-url, --parts cohorts,noop,latency)");
            }
        }
    }

    private void run() throws Exception {
        Path dir = Files.createTempDirectory("xsync-bench-models");
        Files.writeString(dir.resolve("bench.xproto"), MODELS);
        schema = XprotoLoader.load(dir);
        graph = DependencyGraph.derive(schema);
        print("sync.objects.chained", chains() * 3, "objects");
        print("sync.objects.independent", objects, "objects");
        for (String db : dbs) {
            if (parts.contains("cohorts") || parts.contains("noop")) {
                try (Db d = open(db, "xsync_bench_sync")) {
                    populate(d.store);
                    if (parts.contains("cohorts")) {
                        cohorts(db, d.store);
                    }
                    if (parts.contains("noop")) {
                        for (int round = 1; round <= rounds; round++) {
                            if (round > 1) {
                                reset(d.store);
                            }
                            double engine = throughput(db, d.store);
                            reset(d.store);
                            double base = baseline(db, d.store);
                            print("sync.noop.ratio_over_baseline." + db, engine / base, "");
                        }
                    }
                }
            }
            if (parts.contains("latency")) {
                try (Db d = open(db, "xsync_bench_latency")) {
                    latency(db, d.store);
                }
            }
        }
    }

    private int chains() {
        return (objects + 2) / 3;
    }

    /** Chains Site ← Slice ← Instance and independent Nodes, saved by the API in batches. */
    private void populate(JdbcStore store) throws Exception {
        long t0 = SystemTime.INSTANCE.nanoTime();
        Models api = store.models(Actor.API);
        Model site = api.get("Site");
        Model slice = api.get("Slice");
        Model inst = api.get("Instance");
        Model node = api.get("Node");
        int batch = 500;
        for (int from = 0; from < chains(); from += batch) {
            int start = from;
            store.inTransaction(() -> {
                for (int i = start; i < Math.min(start + batch, chains()); i++) {
                    ModelObject s = site.newObject().set("name", "site" + i);
                    s.save();
                    ModelObject sl = slice.newObject().set("name", "slice" + i).set("site", s.id());
                    sl.save();
                    inst.newObject().set("name", "inst" + i).set("slice", sl.id()).save();
                }
                return null;
            });
        }
        for (int from = 0; from < objects; from += batch) {
            int start = from;
            store.inTransaction(() -> {
                for (int i = start; i < Math.min(start + batch, objects); i++) {
                    node.newObject().set("name", "node" + i).save();
                }
                return null;
            });
        }
        print("sync.populate." + store.dialect(), ms(t0), "ms");
    }

    /** Loads the dirty objects, then times the cohort planner alone, and a pairwise baseline on a sample. */
    private void cohorts(String db, JdbcStore store) {
        long t0 = SystemTime.INSTANCE.nanoTime();
        List<ModelObject> pending = new ArrayList<>();
        for (String m : ALL) {
            pending.addAll(store.dirtyForSync(m));
        }
        lastLoadSeconds = ms(t0) / 1000.0;
        print("sync.cohorts.load." + db, ms(t0), "ms");
        Map<String, String> columns = linkColumns();
        List<String> models = new ArrayList<>();
        schema.models().forEach(m -> models.add(m.name()));
        CohortPlanner planner = new CohortPlanner(new ModelOrder(graph, models));
        List<List<ModelObject>> cohorts = null;
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long t1 = SystemTime.INSTANCE.nanoTime();
            cohorts = planner.cohorts(pending, SyncBench::ref, walker(store, pending));
            best = Math.min(best, ms(t1));
        }
        print("sync.cohorts.plan." + db + " (" + pending.size() + " objects, best of 5)", best, "ms");
        print("sync.cohorts.count." + db, cohorts.size(), "cohorts");
        if (db.equals(dbs.get(0))) {
            pairwiseBaseline(pending, planner, columns);
        }
    }

    /** XOS compared every pair of objects; time that on a sample against the planner on the same sample. */
    private void pairwiseBaseline(List<ModelObject> pending, CohortPlanner planner, Map<String, String> columns) {
        int n = Math.min(3000, pending.size());
        List<ModelObject> sample = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sample.add(pending.get((int) ((long) i * pending.size() / n)));
        }
        long t0 = SystemTime.INSTANCE.nanoTime();
        int[] group = new int[n];
        Arrays.setAll(group, i -> i);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j && linked(sample.get(i), sample.get(j), columns)) {
                    int gi = group[i];
                    int gj = group[j];
                    for (int k = 0; k < n; k++) {
                        if (group[k] == gj) {
                            group[k] = gi;
                        }
                    }
                }
            }
        }
        double pairwise = ms(t0);
        long t1 = SystemTime.INSTANCE.nanoTime();
        planner.cohorts(sample, SyncBench::ref, withinSample(sample, columns));
        double linear = ms(t1);
        print("sync.cohorts.baseline.pairwise (" + n + " objects)", pairwise, "ms");
        print("sync.cohorts.baseline.planner (" + n + " objects)", linear, "ms");
        print("sync.cohorts.baseline.speedup", pairwise / Math.max(linear, 0.001), "x");
    }

    /**
     * Dependencies among the sample only, as the pairwise baseline sees them (the engine's walker
     * would also load the objects the sample links to outside it).
     */
    private CohortPlanner.Dependencies withinSample(List<ModelObject> sample, Map<String, String> columns) {
        Map<ObjectRef, ModelObject> byRef = new HashMap<>();
        sample.forEach(o -> byRef.put(ref(o), o));
        return refs -> {
            Map<ObjectRef, List<ObjectRef>> out = new HashMap<>();
            for (ObjectRef r : refs) {
                List<ObjectRef> targets = new ArrayList<>();
                for (DependencyGraph.Edge e : graph.edges(r.model())) {
                    Long id = link(byRef.get(r), e.field(), columns);
                    if (id != null && byRef.containsKey(new ObjectRef(e.peer(), id))) {
                        targets.add(new ObjectRef(e.peer(), id));
                    }
                }
                out.put(r, targets);
            }
            return out;
        };
    }

    /** The engine's link walker, knowing the pending objects (it loads any others it passes through). */
    private LinkWalker walker(Store store, List<ModelObject> pending) {
        LinkWalker walker = new LinkWalker(store, graph);
        for (ModelObject o : pending) {
            walker.know(ref(o), o);
        }
        return walker;
    }

    private boolean linked(ModelObject a, ModelObject b, Map<String, String> columns) {
        for (DependencyGraph.Edge e : graph.edges().getOrDefault(a.model().name(), List.of())) {
            if (e.peer().equals(b.model().name()) && Long.valueOf(b.id()).equals(link(a, e.field(), columns))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Starts an engine with a no-op step over every model and waits until nothing is dirty; returns
     * the throughput (objects/s).
     */
    private double throughput(String db, JdbcStore store) throws Exception {
        NoopStep step = new NoopStep(null);
        SyncEngine engine = engine(store, step);
        int total = chains() * 3 + objects;
        long cpu0 = cpuNanos();
        long t0 = SystemTime.INSTANCE.nanoTime();
        engine.start();
        try {
            // counting the dirty rows scans the tables: only once the step saw every object (or
            // every 2 s), so that the polling does not load the database the engine is measured on
            long lastCount = SystemTime.INSTANCE.nanoTime();
            while (true) {
                long now = SystemTime.INSTANCE.nanoTime();
                if (step.calls() >= total || now - lastCount > 2_000_000_000L) {
                    lastCount = now;
                    if (dirty(store) == 0) {
                        break;
                    }
                }
                Thread.sleep(10);
            }
        } finally {
            engine.stop(Duration.ofSeconds(30));
        }
        double s = ms(t0) / 1000.0;
        print("sync.noop.elapsed." + db + " (" + total + " objects, " + threads + " threads)", s * 1000, "ms");
        print("sync.noop.throughput." + db, total / s, "objects/s");
        print("sync.noop.jvm_cpu." + db, (cpuNanos() - cpu0) / 1e6, "ms");
        // the pass first reads every dirty object through the store (sync.cohorts.load)
        print("sync.noop.throughput_after_load." + db, total / Math.max(0.001, s - lastLoadSeconds), "objects/s");
        return total / s;
    }

    /** Puts every object back to its state after populate: never synced, default bookkeeping. */
    private void reset(JdbcStore store) throws SQLException {
        try (Connection c = store.dataSource().getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            for (String m : ALL) {
                st.executeUpdate("UPDATE " + table(m) + " SET \"enacted\" = NULL, \"backend_status\" = '"
                        + SyncOutcome.PROVISIONING + "', \"backend_code\" = 0, \"backend_register\" = '{}', "
                        + "\"backend_need_delete\" = FALSE");
                if (store.dialect().equals("postgresql")) {
                    st.execute("VACUUM ANALYZE " + table(m)); // both runs start from tables alike
                }
            }
        }
    }

    /** One dirty row as the baseline reads it. */
    private record Row(String model, long id, Long link, OffsetDateTime enacted, boolean needDelete,
                       String register) {
    }

    /**
     * The hand-written JDBC loop a capable engineer would write for the same bookkeeping, on the
     * same rows, with {@code threads} threads: one bulk read of the dirty rows per table; the rows
     * grouped into chains (Site, its Slices, their Instances) processed in dependency order, and
     * independent Nodes; chunks of whole chains of up to 256 objects, each on one connection:
     * one JDBC batch per table setting {@code backend_need_delete} where it is not set yet and a
     * commit, the no-op call per object in chain order, one JDBC batch per table writing
     * {@code enacted} (the row's {@code updated} as read, so a newer change stays dirty),
     * {@code backend_status}, {@code backend_code}, {@code backend_register} as the engine does,
     * and a commit. No claims (one process). Returns the throughput (objects/s).
     */
    private double baseline(String db, JdbcStore store) throws Exception {
        DataSource ds = store.dataSource();
        Map<String, String> columns = linkColumns();
        long cpu0 = cpuNanos();
        long t0 = SystemTime.INSTANCE.nanoTime();
        // parents first, so that a row's chain is known when it is read
        Map<String, Map<Long, Row>> dirty = new LinkedHashMap<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            for (String m : ALL) {
                String link = switch (m) {
                    case "Slice" -> columns.get("Slice.site");
                    case "Instance" -> columns.get("Instance.slice");
                    default -> null;
                };
                Map<Long, Row> rows = new HashMap<>();
                try (ResultSet rs = st.executeQuery("SELECT \"id\", " + (link == null ? "NULL" : "\"" + link + "\"")
                        + ", \"updated\", \"changed_by_policy\", \"backend_need_delete\", \"backend_register\" FROM "
                        + table(m) + " WHERE " + DIRTY)) {
                    while (rs.next()) {
                        long linkId = rs.getLong(2);
                        boolean noLink = rs.wasNull();
                        OffsetDateTime updated = rs.getObject(3, OffsetDateTime.class);
                        OffsetDateTime byPolicy = rs.getObject(4, OffsetDateTime.class);
                        OffsetDateTime enacted = byPolicy != null && byPolicy.isAfter(updated) ? byPolicy : updated;
                        rows.put(rs.getLong(1), new Row(m, rs.getLong(1), noLink ? null : linkId, enacted,
                                rs.getBoolean(5), rs.getString(6)));
                    }
                }
                dirty.put(m, rows);
            }
        }
        // chains keyed by their dirty root, each in dependency order (Site, Slice, Instance)
        Map<Long, List<Row>> chains = new LinkedHashMap<>();
        Map<Long, Long> rootOfSlice = new HashMap<>();
        List<List<Row>> work = new ArrayList<>();
        for (Row r : dirty.get("Site").values()) {
            chains.computeIfAbsent(r.id(), k -> new ArrayList<>()).add(r);
        }
        for (Row r : dirty.get("Slice").values()) {
            long root = dirty.get("Site").containsKey(r.link()) ? r.link() : -r.id();
            rootOfSlice.put(r.id(), root);
            chains.computeIfAbsent(root, k -> new ArrayList<>()).add(r);
        }
        for (Row r : dirty.get("Instance").values()) {
            Long root = rootOfSlice.get(r.link());
            if (root == null) {
                work.add(List.of(r)); // its slice is synced: nothing to wait for
            } else {
                chains.get(root).add(r);
            }
        }
        work.addAll(chains.values());
        for (Row r : dirty.get("Node").values()) {
            work.add(List.of(r));
        }
        ConcurrentLinkedQueue<List<List<Row>>> chunks = new ConcurrentLinkedQueue<>();
        List<List<Row>> chunk = new ArrayList<>();
        int size = 0;
        for (List<Row> chain : work) {
            if (size > 0 && size + chain.size() > 256) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
                size = 0;
            }
            chunk.add(chain);
            size += chain.size();
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        int total = 0;
        for (Map<Long, Row> rows : dirty.values()) {
            total += rows.size();
        }
        long[] calls = new long[1];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Long>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    long n = 0;
                    try (Connection c = ds.getConnection()) {
                        c.setAutoCommit(false);
                        for (List<List<Row>> next = chunks.poll(); next != null; next = chunks.poll()) {
                            n += baselineChunk(c, next);
                        }
                    }
                    return n;
                }));
            }
            for (Future<Long> f : futures) {
                calls[0] += f.get();
            }
        } finally {
            pool.shutdown();
        }
        double s = ms(t0) / 1000.0;
        double cpu = (cpuNanos() - cpu0) / 1e6;
        long left = dirty(store);
        print("sync.noop.baseline.elapsed." + db + " (" + total + " objects, " + threads + " threads, " + left
                + " left dirty)", s * 1000, "ms");
        print("sync.noop.baseline.throughput." + db, calls[0] / s, "objects/s");
        print("sync.noop.baseline.jvm_cpu." + db, cpu, "ms");
        return calls[0] / s;
    }

    /** One chunk of the baseline on {@code c}: mark, call in chain order, record; returns the calls made. */
    private static long baselineChunk(Connection c, List<List<Row>> chains) throws SQLException {
        Map<String, List<Row>> byModel = new LinkedHashMap<>();
        for (List<Row> chain : chains) {
            for (Row r : chain) {
                byModel.computeIfAbsent(r.model(), k -> new ArrayList<>()).add(r);
            }
        }
        for (Map.Entry<String, List<Row>> e : byModel.entrySet()) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + table(e.getKey())
                    + " SET \"backend_need_delete\" = TRUE WHERE \"id\" = ?")) {
                int n = 0;
                for (Row r : e.getValue()) {
                    if (!r.needDelete()) {
                        ps.setLong(1, r.id());
                        ps.addBatch();
                        n++;
                    }
                }
                if (n > 0) {
                    ps.executeBatch();
                }
            }
        }
        c.commit();
        long calls = 0;
        for (List<Row> chain : chains) {
            for (Row r : chain) {
                BASELINE_STEP.accept(r); // in dependency order: the chain's parents come first
                calls++;
            }
        }
        Instant now = SystemTime.INSTANCE.now();
        for (Map.Entry<String, List<Row>> e : byModel.entrySet()) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + table(e.getKey()) + " SET \"enacted\" = ?, "
                    + "\"backend_status\" = ?, \"backend_code\" = ?, \"backend_register\" = ? WHERE \"id\" = ?")) {
                for (Row r : e.getValue()) {
                    ps.setObject(1, r.enacted());
                    ps.setString(2, SyncOutcome.OK);
                    ps.setInt(3, SyncOutcome.CODE_OK);
                    ps.setString(4, BackendRegister.parse(r.register()).afterSuccess(now).toJson());
                    ps.setLong(5, r.id());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        c.commit();
        return calls;
    }

    /** The baseline's no-op step. */
    private static final Consumer<Row> BASELINE_STEP = r -> {
    };

    /** The store's predicate of objects to sync (Predicates.DIRTY_FOR_SYNC). */
    private static final String DIRTY = "\"deleted\" = FALSE AND \"no_sync\" = FALSE AND \"lazy_blocked\" = FALSE"
            + " AND (\"enacted\" IS NULL OR \"enacted\" < \"updated\" OR \"enacted\" < \"changed_by_policy\")";

    private static String table(String model) {
        return "\"xs_" + model.toLowerCase(java.util.Locale.ROOT) + "\"";
    }

    /** Saves objects one by one through the API and measures save → syncRecord. */
    private void latency(String db, JdbcStore store) throws Exception {
        Map<String, Long> created = new ConcurrentHashMap<>();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        NoopStep step = new NoopStep(o -> {
            Long t = created.get(o.getString("name"));
            if (t != null) {
                latencies.add(SystemTime.INSTANCE.nanoTime() - t);
            }
        });
        SyncEngine engine = engine(store, step);
        engine.start();
        try {
            Model node = store.models(Actor.API).get("Node");
            for (int i = 0; i < 20 + samples; i++) { // the first 20 warm up
                String name = "n" + i;
                ModelObject o = node.newObject().set("name", name);
                if (i >= 20) {
                    created.put(name, SystemTime.INSTANCE.nanoTime());
                }
                o.save();
                Thread.sleep(10);
            }
            long deadline = SystemTime.INSTANCE.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (latencies.size() < samples && SystemTime.INSTANCE.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            engine.stop(Duration.ofSeconds(10));
        }
        List<Long> sorted = new ArrayList<>(latencies);
        sorted.sort(null);
        if (sorted.isEmpty()) {
            print("sync.latency." + db, 0, "samples (none arrived)");
            return;
        }
        print("sync.latency.p50." + db + " (API save -> syncRecord, " + sorted.size() + " samples)",
                sorted.get(sorted.size() / 2) / 1e6, "ms");
        print("sync.latency.p99." + db, sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * 0.99))) / 1e6,
                "ms");
    }

    private SyncEngine engine(Store store, NoopStep step) {
        step.init(stepContext(store));
        CompositeMeterRegistry metrics = new CompositeMeterRegistry();
        SynchronizerContext ctx = new SynchronizerContext("bench", null, schema, graph, store,
                new LoadedSteps(List.of(step), List.of(), List.of(), List.of()), metrics);
        SyncSettings settings = SyncSettings.defaults().withThreads(threads).withSafetyInterval(Duration.ofMinutes(5));
        return new SyncEngine(ctx, settings);
    }

    private long dirty(Store store) {
        long n = 0;
        for (String m : ALL) {
            n += store.models(Actor.FRAMEWORK).get(m).count(Map.of("enacted__isnull", true));
        }
        return n;
    }

    private Map<String, String> linkColumns() {
        Map<String, String> columns = new HashMap<>();
        for (ModelDef m : schema.models()) {
            for (LinkDef l : m.links()) {
                if (l.column() != null) {
                    columns.put(m.name() + "." + l.field(), l.column());
                }
            }
        }
        return columns;
    }

    private static ObjectRef ref(ModelObject o) {
        return new ObjectRef(o.model().name(), o.id());
    }

    private static Long link(ModelObject o, String field, Map<String, String> columns) {
        String c = columns.get(o.model().name() + "." + field);
        Object v = c == null ? null : o.get(c);
        return v instanceof Number n ? n.longValue() : null;
    }

    private Db open(String db, String name) throws Exception {
        if (db.equals("h2")) {
            Path dir = Files.createTempDirectory("xsync-bench-h2");
            JdbcStore store = JdbcStore.open(StoreSettings.of("jdbc:h2:file:" + dir.resolve("bench"))
                    .withPoolSize(threads + 4).withPoolName(name), schema);
            return new Db(store, () -> deleteTree(dir));
        }
        execute(pgUrl, "DROP SCHEMA IF EXISTS " + name + " CASCADE");
        execute(pgUrl, "CREATE SCHEMA " + name);
        String url = pgUrl + (pgUrl.contains("?") ? "&" : "?") + "currentSchema=" + name;
        JdbcStore store = JdbcStore.open(StoreSettings.of(url).withPoolSize(threads + 4).withPoolName(name), schema);
        return new Db(store, () -> execute(pgUrl, "DROP SCHEMA IF EXISTS " + name + " CASCADE"));
    }

    private static void execute(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // temporary files; nothing to do
        }
    }

    /** CPU time of this JVM so far (every thread, the JIT and GC included). */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double ms(long t0) {
        return (SystemTime.INSTANCE.nanoTime() - t0) / 1e6;
    }

    private static void print(String name, double value, String unit) {
        System.out.printf("%s: %s %s%n", name, value == Math.rint(value) && Math.abs(value) < 1e15
                ? String.valueOf((long) value) : String.format("%.2f", value), unit);
    }

    private static StepContext stepContext(Store store) {
        return new StepContextImpl("bench", store.models(Actor.SYNC_STEP), Map.of(), store, Path.of("."));
    }

    /** A store and how to remove its database. */
    private record Db(JdbcStore store, Runnable drop) implements AutoCloseable {
        @Override
        public void close() {
            store.close();
            drop.run();
        }
    }

    /** Observes every benchmark model and does nothing but an optional probe. */
    static final class NoopStep extends SyncStep {
        private final Consumer<ModelObject> probe;
        private final AtomicLong calls = new AtomicLong();

        NoopStep(Consumer<ModelObject> probe) {
            this.probe = probe;
        }

        long calls() {
            return calls.get();
        }

        @Override
        public List<String> observes() {
            return ALL;
        }

        @Override
        public void syncRecord(ModelObject o) {
            calls.incrementAndGet();
            if (probe != null) {
                probe.accept(o);
            }
        }
    }
}
