package io.xsync.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.xsync.api.EventStep;
import io.xsync.kafka.EmbeddedKafka;
import io.xsync.kafka.EventKeys;
import io.xsync.kafka.EventSettings;
import io.xsync.kafka.KafkaEventEngine;
import io.xsync.runtime.internal.StepContextImpl;
import io.xsync.runtime.schema.Schema;
import io.xsync.runtime.store.Actor;
import io.xsync.runtime.store.JdbcStore;
import io.xsync.runtime.store.StoreSettings;
import io.xsync.runtime.time.SystemTime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code xsync-bench events [--events N] [--partitions P] [--batch-size B] [--concurrency C]
 * [--latency-events L] [--pg-url URL] [--no-pg] [--only a,b,h2,pg,latency] [--repeat R]}: event throughput and latency of xsync against
 * plain Kafka and a hand-written consumer, on an embedded broker and a pre-filled topic of JSON
 * events of about 60 bytes. Prints {@code name: value unit} lines and the ratios.
 */
public final class EventsBench {
    private final Map<String, String> opts;
    private final int events;
    private final int partitions;
    private final int batchSize;
    private final int concurrency;
    private final Path work;
    private EmbeddedKafka kafka;
    private String topic;

    private EventsBench(Map<String, String> opts) throws Exception {
        this.opts = opts;
        this.events = Integer.parseInt(opts.getOrDefault("events", "1000000"));
        this.partitions = Integer.parseInt(opts.getOrDefault("partitions", "4"));
        this.batchSize = Integer.parseInt(opts.getOrDefault("batch-size",
                String.valueOf(EventKeys.BATCH_SIZE.defaultValue()))); // the engine's default unless given
        this.concurrency = Integer.parseInt(opts.getOrDefault("concurrency", "4"));
        this.work = Files.createTempDirectory("xsync-bench-events");
    }

    public static void main(String[] args) throws Exception {
        new EventsBench(parse(args)).run();
        System.exit(0);
    }

    /** {@code --key value} and {@code --flag} arguments as a map ({@code "true"} for a flag). */
    static Map<String, String> parse(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String key = args[i].substring(2);
            boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
            opts.put(key, flag ? "true" : args[++i]);
        }
        return opts;
    }

    private void run() throws Exception {
        System.out.println("# xsync events benchmark, " + SystemTime.INSTANCE.now() + ", " + events + " events, " + partitions
                + " partitions, batch " + batchSize + ", concurrency " + concurrency + ", "
                + Runtime.getRuntime().availableProcessors() + " cpus");
        kafka = EmbeddedKafka.start(work.resolve("kafka"), 0);
        topic = "bench-events";
        kafka.createTopic(topic, partitions);
        fill();
        // --repeat R: a and b alternate R times on the same topic (the load of a shared machine
        // moves within seconds); the ratio is then the median of the R pairs
        int repeat = Integer.parseInt(opts.getOrDefault("repeat", "1"));
        double[] pairRatios = new double[repeat];
        double a = Double.NaN;
        double b = Double.NaN;
        for (int r = 0; r < repeat; r++) {
            a = want("a") ? report("a_plain_consumer", plainConsumer(), "events/s") : Double.NaN;
            b = want("b") ? report("b_xsync_noop", xsyncRate(new BenchSteps.NoOp(topic), h2Store("noop" + r)),
                    "events/s") : Double.NaN;
            pairRatios[r] = b / a;
        }
        if (repeat > 1) {
            double[] sorted = pairRatios.clone();
            Arrays.sort(sorted);
            System.out.println("ratio_b_over_a_pairs: " + Arrays.toString(pairRatios).replaceAll("(\\.\\d{3})\\d+", "$1"));
            a = 1;
            b = sorted[repeat / 2]; // the median pair's ratio, printed as ratio_b_over_a below
        }
        double cH2 = Double.NaN;
        double cBatchH2 = Double.NaN;
        double dH2 = Double.NaN;
        double d1H2 = Double.NaN;
        if (want("h2")) {
            cH2 = report("c_xsync_mymodel_h2", xsyncRate(new BenchSteps.MyModelStep(topic), h2Store("c")), "events/s");
            cBatchH2 = report("c_batch_xsync_mymodel_h2", xsyncRate(new BenchSteps.MyModelBatchStep(topic),
                    h2Store("cb")), "events/s");
            dH2 = report("d_handwritten_h2", batchedHandWritten(h2Store("d"), false), "events/s");
            d1H2 = report("d1_handwritten_single_h2", handWritten(h2Store("d1"), false), "events/s");
        }
        double cPg = Double.NaN;
        double cBatchPg = Double.NaN;
        double dPg = Double.NaN;
        double d1Pg = Double.NaN;
        if (want("pg")) {
            cPg = report("c_xsync_mymodel_pg", xsyncRate(new BenchSteps.MyModelStep(topic), pgStore()), "events/s");
            cBatchPg = report("c_batch_xsync_mymodel_pg", xsyncRate(new BenchSteps.MyModelBatchStep(topic),
                    pgStore()), "events/s");
            dPg = report("d_handwritten_pg", batchedHandWritten(pgStore(), true), "events/s");
            d1Pg = report("d1_handwritten_single_pg", handWritten(pgStore(), true), "events/s");
        }
        double[] e = {Double.NaN, Double.NaN};
        double[] f = {Double.NaN, Double.NaN};
        if (want("latency")) {
            int n = Integer.parseInt(opts.getOrDefault("latency-events", "1000"));
            e = xsyncLatency(n);
            f = plainLatency(n);
            report("e_xsync_latency_p50", e[0], "ms");
            report("e_xsync_latency_p99", e[1], "ms");
            report("f_plain_latency_p50", f[0], "ms");
            report("f_plain_latency_p99", f[1], "ms");
        }
        report("ratio_b_over_a", b / a, "(target >= 0.8)");
        report("ratio_c_over_d_h2", cH2 / dH2, "(target >= 0.8, d = batched hand-written, one thread per partition)");
        report("ratio_c_batch_over_d_h2", cBatchH2 / dH2, "(seed step with the batch API)");
        report("ratio_c_over_d_pg", cPg / dPg, "(target >= 1.0 per-event API)");
        report("ratio_c_batch_over_d_pg", cBatchPg / dPg, "(target >= 1.2 batch API)");
        report("ratio_c_over_d1_h2", cH2 / d1H2, "(d1 = single-thread loop, for earlier runs)");
        report("ratio_c_over_d1_pg", cPg / d1Pg, "(d1 = single-thread loop, for earlier runs)");
        report("e_p99_minus_f_p99", e[1] - f[1], "ms (target <= 5)");
        report("peak_rss", peakRssMb(), "MB (VmHWM of this JVM: broker, H2 and clients included)");
        report("load_average_1m", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage(), "");
        kafka.close();
    }

    /** Whether a part runs: {@code --only a,b,h2,pg,latency} picks parts; {@code --no-pg} drops PostgreSQL. */
    private boolean want(String part) {
        if ("pg".equals(part) && opts.containsKey("no-pg")) {
            return false;
        }
        String only = opts.get("only");
        return only == null || Arrays.asList(only.split(",")).contains(part);
    }

    private static double report(String name, double value, String unit) {
        System.out.printf("%s: %.3f %s%n", name, value, unit);
        System.out.flush();
        return value;
    }

    private void fill() {
        report("fill", BenchTopic.fill(kafka.bootstrapServers(), topic, events), "events/s");
    }

    private KafkaConsumer<byte[], byte[]> consumer(String group) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.max(2000, batchSize)); // as the engine does
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private double plainConsumer() {
        long t0 = SystemTime.INSTANCE.nanoTime();
        long n = 0;
        try (KafkaConsumer<byte[], byte[]> c = consumer("plain-" + UUID.randomUUID())) {
            c.subscribe(List.of(topic));
            while (n < events) {
                n += c.poll(Duration.ofMillis(100)).count();
            }
        }
        return events / seconds(t0);
    }

    private EventSettings settings(String name) {
        return EventSettings.defaults(name, kafka.bootstrapServers()).withBatchSize(batchSize)
                .withConcurrency(concurrency);
    }

    private double xsyncRate(EventStep step, JdbcStore store) throws Exception {
        try (store) {
            step.init(new StepContextImpl("bench", store.models(Actor.EVENT_STEP), Map.of(), store, Path.of(".")));
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            KafkaEventEngine engine = new KafkaEventEngine(List.of(step), store,
                    settings("bench-" + UUID.randomUUID().toString().substring(0, 8)), registry);
            long t0 = SystemTime.INSTANCE.nanoTime();
            engine.start();
            while (registry.get("xsync.events.processed").counter().count() < events) {
                Thread.sleep(5);
            }
            double rate = events / seconds(t0);
            engine.stop(Duration.ofSeconds(30));
            if (!(step instanceof BenchSteps.NoOp)) {
                long rows = store.models(Actor.API).get("MyModel").count(Map.of());
                if (rows != events) {
                    throw new IllegalStateException(step.getClass().getSimpleName() + " left " + rows
                            + " MyModel rows for " + events + " distinct events");
                }
            }
            return rate;
        }
    }

    private double handWritten(JdbcStore store, boolean postgres) throws Exception {
        try (store; KafkaConsumer<byte[], byte[]> c = consumer("hand-" + UUID.randomUUID())) {
            long t0 = SystemTime.INSTANCE.nanoTime();
            new HandWrittenLoop(store.dataSource(), postgres, batchSize, "hand").run(c, topic, events);
            return events / seconds(t0);
        }
    }

    private double batchedHandWritten(JdbcStore store, boolean postgres) throws Exception {
        String group = "handb-" + UUID.randomUUID();
        try (store) {
            long t0 = SystemTime.INSTANCE.nanoTime();
            new BatchedHandWritten(store.dataSource(), postgres, group).run(() -> consumer(group), concurrency, topic,
                    events);
            return events / seconds(t0);
        }
    }

    private JdbcStore h2Store(String name) {
        return JdbcStore.open(StoreSettings.h2File(work.resolve("h2-" + name)).withPoolSize(concurrency + 2)
                .withPoolName("bench-" + name), schema());
    }

    private JdbcStore pgStore() throws Exception {
        String base = opts.getOrDefault("pg-url", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
        String schema = "xsync_bench_" + UUID.randomUUID().toString().substring(0, 8);
        exec(base, "CREATE SCHEMA " + schema);
        String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        JdbcStore store = JdbcStore.open(StoreSettings.of(url).withPoolSize(concurrency + 2)
                .withPoolName("bench-" + schema), schema());
        store.onClose(() -> exec(base, "DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
        return store;
    }

    /** Runs one SQL statement on a connection of its own. */
    static void exec(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (Exception e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static Schema schema() {
        return BenchModels.schema();
    }

    /** (e): send, one at a time, and note when processEvent sees the event. */
    private double[] xsyncLatency(int n) throws Exception {
        String t = "bench-latency-xsync";
        kafka.createTopic(t, 1);
        AtomicLongArray arrived = new AtomicLongArray(n + 100);
        try (JdbcStore store = h2Store("latency")) {
            EventStep step = new BenchSteps.Arrival(t, arrived);
            step.init(new StepContextImpl("bench", store.models(Actor.EVENT_STEP), Map.of(), store, Path.of(".")));
            KafkaEventEngine engine = new KafkaEventEngine(List.of(step), store, settings("latency"),
                    new SimpleMeterRegistry());
            engine.start();
            double[] result = roundTrips(t, n, arrived);
            engine.stop(Duration.ofSeconds(30));
            return result;
        }
    }

    /** (f): the same round trip through a plain consumer. */
    private double[] plainLatency(int n) throws Exception {
        String t = "bench-latency-plain";
        kafka.createTopic(t, 1);
        AtomicLongArray arrived = new AtomicLongArray(n + 100);
        KafkaConsumer<byte[], byte[]> c = consumer("latency-plain");
        c.subscribe(List.of(t));
        Thread poller = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(100))) {
                        long now = SystemTime.INSTANCE.nanoTime();
                        arrived.set(Integer.parseInt(new String(r.key(), StandardCharsets.UTF_8)), now);
                    }
                }
            } catch (InterruptException | WakeupException e) {
                // done
            } finally {
                c.close();
            }
        }, "bench-plain-poller");
        poller.start();
        double[] result = roundTrips(t, n, arrived);
        c.wakeup();
        poller.join();
        return result;
    }

    /** 100 warm-up events, then n measured ones; returns p50 and p99 in ms. */
    private double[] roundTrips(String t, int n, AtomicLongArray arrived) throws Exception {
        long[] sent = new long[arrived.length()];
        try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.ACKS_CONFIG, "1"), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < arrived.length(); i++) {
                sent[i] = SystemTime.INSTANCE.nanoTime();
                p.send(new ProducerRecord<>(t, Integer.toString(i), "{\"first_name\":\"A\",\"last_name\":\"B\"}"));
                long deadline = SystemTime.INSTANCE.nanoTime() + Duration.ofSeconds(i < 100 ? 60 : 10).toNanos();
                while (arrived.get(i) == 0 && SystemTime.INSTANCE.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
            }
        }
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long a = arrived.get(i + 100);
            ms[i] = a == 0 ? Double.POSITIVE_INFINITY : (a - sent[i + 100]) / 1e6;
        }
        Arrays.sort(ms);
        return new double[] {ms[(int) (n * 0.50)], ms[Math.min(n - 1, (int) Math.ceil(n * 0.99) - 1)]};
    }

    /** Peak resident set size of this process in MB (Linux), NaN elsewhere. */
    private static double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return Double.NaN;
    }

    private static double seconds(long t0) {
        return (SystemTime.INSTANCE.nanoTime() - t0) / 1e9;
    }
}
