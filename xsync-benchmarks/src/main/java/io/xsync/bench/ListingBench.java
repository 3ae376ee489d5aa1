package io.xsync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.xsync.api.ModelObject;
import io.xsync.http.HttpEngine;
import io.xsync.http.HttpSettings;
import io.xsync.runtime.schema.XprotoLoader;
import io.xsync.runtime.store.Actor;
import io.xsync.runtime.store.JdbcStore;
import io.xsync.runtime.store.StoreSettings;
import io.xsync.runtime.time.SystemTime;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * {@code bin/xsync-bench listing}: time and heap of {@code GET /api/models/MyModel?limit=50} and
 * {@code GET /api/status} over a store of 10k, 100k and 1M MyModel rows (1 % failed), on H2
 * (file) and PostgreSQL. Per endpoint and size: median time of {@value #CALLS} calls (after 3
 * warm-up calls), the heap peak during those calls and the heap retained after them, both above
 * the heap in use before them.
 *
 * <p>Options: {@code --sizes 10000,100000,1000000}, {@code --pg-url URL}, {@code --no-pg}.
 */
public final class ListingBench {
    private static final int CALLS = 20;
    private static final double MB = 1024.0 * 1024.0;
    private static final String MODELS = "message MyModel {\n"
            + "  required string first_name = 1 [max_length = 100, db_index = True];\n"
            + "  required string last_name = 2 [max_length = 100];\n"
            + "}\n";
    private static final String TABLE = "\"xs_mymodel\"";

    private final Map<String, String> opts;
    private static final ObjectMapper JSON = new ObjectMapper();
    private long maxCountAgeMs;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private ListingBench(Map<String, String> opts) {
        this.opts = opts;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i].replaceFirst("^--", "");
            boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
            opts.put(a, flag ? "true" : args[++i]);
        }
        new ListingBench(opts).run();
    }

    private void run() throws Exception {
        long[] sizes = Arrays.stream(opts.getOrDefault("sizes", "10000,100000,1000000").split(","))
                .mapToLong(Long::parseLong).toArray();
        try (JdbcStore h2 = JdbcStore.open(StoreSettings.h2File(Files.createTempDirectory("xsync-listing"))
                .withPoolSize(6).withPoolName("bench-listing-h2"), XprotoLoader.loadText("bench.xproto", MODELS))) {
            measure("h2", h2, "SYSTEM_RANGE(1, %d)", "NEXT VALUE FOR \"xsync_ids\"", sizes);
        }
        if (!opts.containsKey("no-pg")) {
            String base = opts.getOrDefault("pg-url", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
            String schema = "xsync_bench_" + UUID.randomUUID().toString().substring(0, 8);
            exec(base, "CREATE SCHEMA " + schema);
            String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
            try (JdbcStore pg = JdbcStore.open(StoreSettings.of(url).withPoolSize(6).withPoolName("bench-listing-pg"),
                    XprotoLoader.loadText("bench.xproto", MODELS))) {
                measure("pg", pg, "generate_series(1, %d)", "nextval('\"xsync_ids\"')", sizes);
            } finally {
                exec(base, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private void measure(String label, JdbcStore store, String range, String nextId, long[] sizes) throws Exception {
        ModelObject template = store.models(Actor.API).get("MyModel").newObject();
        template.set("first_name", "First").set("last_name", "Last");
        template.save();
        long rows = 1;
        HttpEngine http = new HttpEngine("bench", store, new CompositeMeterRegistry(), HttpSettings.defaults().withPort(0));
        http.start();
        try {
            for (long n : sizes) {
                if (n > rows) {
                    copyTemplate(store, range, nextId, n - rows);
                    rows = n;
                }
                for (String path : List.of("api/models/MyModel?limit=50", "api/status")) {
                    double[] r = time(http.uri().resolve(path));
                    String name = path.startsWith("api/status") ? "status" : "models_limit50";
                    System.out.printf("listing_%s_%s_%d: %.1f ms median, heap peak +%.1f MB, retained %+.1f MB%s%n",
                            label, name, n, r[0], r[1], r[2], name.equals("status")
                                    ? String.format(", counts up to %.1f s old", maxCountAgeMs / 1000.0) : "");
                }
            }
        } finally {
            http.stop(Duration.ofSeconds(5));
        }
    }

    /** Adds {@code count} copies of the first row (ids from the store's sequence), 1 % of them failed. */
    private static void copyTemplate(JdbcStore store, String range, String nextId, long count) throws Exception {
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            List<String> cols = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT * FROM " + TABLE + " WHERE 1 = 0")) {
                ResultSetMetaData md = rs.getMetaData();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    String col = md.getColumnName(i).toLowerCase(Locale.ROOT);
                    if (!col.equals("id")) {
                        cols.add("\"" + col + "\"");
                    }
                }
            }
            String list = String.join(", ", cols);
            String fromTemplate = String.join(", ", cols.stream().map(col -> "t." + col).toList());
            s.executeUpdate("INSERT INTO " + TABLE + " (\"id\", " + list + ") SELECT " + nextId + ", " + fromTemplate
                    + " FROM (SELECT * FROM " + TABLE + " ORDER BY \"id\" LIMIT 1) t, " + String.format(range, count));
            s.executeUpdate("UPDATE " + TABLE + " SET \"backend_code\" = 2, \"backend_status\" = 'device unreachable'"
                    + " WHERE MOD(\"id\", 100) = 0 AND \"backend_code\" <> 2");
        }
    }

    /**
     * Median milliseconds per call; heap peak during the calls above the heap in use before them
     * (MB: garbage included, and on H2 the database's own work, which runs in this JVM); heap
     * still in use after the calls and a GC, above the same baseline (MB).
     */
    private double[] time(URI uri) throws Exception {
        maxCountAgeMs = 0;
        for (int i = 0; i < 3; i++) {
            call(uri);
        }
        System.gc();
        long before = heapUsed();
        List<MemoryPoolMXBean> pools = heapPools();
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        double[] ms = new double[CALLS];
        for (int i = 0; i < CALLS; i++) {
            long t0 = SystemTime.INSTANCE.nanoTime();
            call(uri);
            ms[i] = (SystemTime.INSTANCE.nanoTime() - t0) / 1e6;
        }
        long peak = pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.gc();
        long retained = heapUsed() - before;
        Arrays.sort(ms);
        return new double[] {ms[CALLS / 2], Math.max(0, peak - before) / MB, retained / MB};
    }

    private void call(URI uri) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + r.statusCode() + ": " + r.body());
        }
        JsonNode body = JSON.readTree(r.body());
        if (body.has("counted")) {
            maxCountAgeMs = Math.max(maxCountAgeMs, Duration.between(Instant.parse(body.get("counted").asText()),
                    Instant.parse(body.get("generated").asText())).toMillis());
        }
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void exec(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (Exception e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
