package io.xsync.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.xsync.api.EventStep;
import io.xsync.kafka.EventKeys;
import io.xsync.kafka.EventSettings;
import io.xsync.kafka.KafkaEventEngine;
import io.xsync.runtime.internal.StepContextImpl;
import io.xsync.runtime.store.Actor;
import io.xsync.runtime.store.JdbcStore;
import io.xsync.runtime.store.StoreSettings;
import io.xsync.runtime.time.SystemTime;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The child JVM of {@code xsync-bench memory}: streams the events of a pre-filled topic into
 * MyModel rows, either through the xsync event engine with the seed's step ({@code xsync}) or
 * through the hand-written batched consumer ({@code hand}), with the settings a user gets by
 * default (store pool, {@code events.*} defaults). Arguments: {@code xsync|hand BOOTSTRAP TOPIC
 * EVENTS STORE_URL}. Talks to the parent on stdout ({@link #HEAP}, {@link #PROGRESS},
 * {@link #DONE} lines) and, once done, waits for a line on stdin before it stops, so the parent can
 * read its peak RSS and heap while the engine still runs.
 */
final class MemoryChild {
    /** Line prefix: the JVM's heap settings. */
    static final String HEAP = "heap ";
    /** Line prefix: events stored so far. */
    static final String PROGRESS = "progress ";
    /** Line prefix: all events stored; seconds taken and the live heap in MB after a full GC. */
    static final String DONE = "done ";
    /** Progress lines per run. */
    static final int STEPS = 10;

    private MemoryChild() {
    }

    public static void main(String[] args) throws Exception {
        String engine = args[0];
        String bootstrap = args[1];
        String topic = args[2];
        long events = Long.parseLong(args[3]);
        String url = args[4];
        System.out.println(HEAP + heapSettings());
        try (JdbcStore store = JdbcStore.open(StoreSettings.of(url), BenchModels.schema())) {
            if ("xsync".equals(engine)) {
                runEngine(store, bootstrap, topic, events);
            } else {
                runHandWritten(store, url.startsWith("jdbc:postgresql:"), bootstrap, topic, events);
            }
            long rows = store.models(Actor.API).get("MyModel").count(Map.of());
            if (rows != events) {
                throw new IllegalStateException(engine + " left " + rows + " MyModel rows for " + events + " events");
            }
        }
        System.exit(0);
    }

    private static void runEngine(JdbcStore store, String bootstrap, String topic, long events) throws Exception {
        EventStep step = new BenchSteps.MyModelStep(topic);
        step.init(new StepContextImpl("bench", store.models(Actor.EVENT_STEP), Map.of(), store, Path.of(".")));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        KafkaEventEngine engine = new KafkaEventEngine(List.of(step), store,
                EventSettings.defaults("memory", bootstrap), registry);
        long t0 = SystemTime.INSTANCE.nanoTime();
        engine.start();
        awaitAndReport(() -> (long) registry.get("xsync.events.processed").counter().count(), events, t0);
        engine.stop(Duration.ofSeconds(30));
    }

    private static void runHandWritten(JdbcStore store, boolean postgres, String bootstrap, String topic,
            long events) throws Exception {
        String group = "memory-hand";
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.max(2000, EventKeys.BATCH_SIZE.defaultValue()));
        BatchedHandWritten hand = new BatchedHandWritten(store.dataSource(), postgres, group);
        int threads = EventKeys.CONCURRENCY.defaultValue();
        long t0 = SystemTime.INSTANCE.nanoTime();
        Thread worker = new Thread(() -> {
            try {
                hand.run(() -> new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer()),
                        threads, topic, events);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "memory-hand");
        worker.start();
        awaitAndReport(() -> hand.stored(), events, t0);
        worker.join();
    }

    /**
     * Prints a progress line at each tenth of {@code events}, then the done line, then waits for
     * the parent's line on stdin.
     */
    private static void awaitAndReport(LongSupplier stored, long events, long t0) throws Exception {
        long next = events / STEPS;
        while (true) {
            long n = stored.getAsLong();
            while (n >= next && next < events) {
                System.out.println(PROGRESS + next);
                next += events / STEPS;
            }
            if (n >= events) {
                break;
            }
            Thread.sleep(20);
        }
        double seconds = (SystemTime.INSTANCE.nanoTime() - t0) / 1e9;
        System.gc();
        double liveMb = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
        System.out.printf("%s%.3f %.1f%n", DONE, seconds, liveMb);
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    }

    /** The JVM options, garbage collectors and initial/maximum heap this JVM runs with. */
    private static String heapSettings() {
        String gcs = ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                .collect(Collectors.joining("+"));
        return "options=" + ManagementFactory.getRuntimeMXBean().getInputArguments()
                + " gc=" + gcs.replace(' ', '_')
                + " initial_heap=" + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getInit() / 1048576 + "MB"
                + " max_heap=" + Runtime.getRuntime().maxMemory() / 1048576 + "MB"
                + " cpus=" + Runtime.getRuntime().availableProcessors();
    }
}
