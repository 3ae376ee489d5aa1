package io.xsync.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.xsync.api.EventStep;
import io.xsync.runtime.spi.Engine;
import io.xsync.runtime.spi.Readiness;
import io.xsync.runtime.spi.StatusContributor;
import io.xsync.runtime.steps.StepKind;
import io.xsync.runtime.store.Store;
import io.xsync.runtime.time.SystemTime;
import io.xsync.runtime.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event engine: runs every event step of a synchronizer against Kafka.
 *
 * <ul>
 *   <li>Each step has its own consumer group {@code xsync.<synchronizer>.<StepName>}, so every step
 *       sees every event of its topics, and replicas of one synchronizer split the partitions.</li>
 *   <li>Events of one partition are processed in order, partitions in parallel
 *       ({@code events.concurrency} threads per step), by the one step instance.</li>
 *   <li>Model writes and the partition's offset commit in one database transaction (table
 *       {@code xsync_offsets}); on assignment the consumer seeks to the stored offsets.
 *       Offsets are also committed to Kafka, asynchronously, so lag tools show progress.</li>
 *   <li>Failures are retried with backoff, then sent to the dead-letter topic (or block).</li>
 * </ul>
 * As a {@link Readiness} it is ready once the broker answers (see {@link BrokerProbe}) and every
 * step's consumer has had its assignment callback; as a {@link StatusContributor} it reports, per event step, lag, events
 * processed, rate and dead-lettered count (section {@code events}).
 */
public final class KafkaEventEngine implements Engine, Readiness, StatusContributor {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaEventEngine.class);

    /** Records per poll (unless batch_size is larger); polls are cheap to hand out, so take many. */
    static final int MAX_POLL_RECORDS = 2000;

    private final List<EventStep> steps;
    private final Store store;
    private final MeterRegistry registry;
    private final Supplier<EventSettings> settingsSupplier;
    private final Supplier<EmbeddedKafka> embedded;
    private final Time time;
    /** Copy-on-write so status and readiness read it without waiting for start/stop. */
    private final List<StepConsumer> consumers = new CopyOnWriteArrayList<>();
    private volatile String bootstrap;
    private EmbeddedKafka broker;
    private KafkaProducer<byte[], byte[]> producer;
    private volatile BrokerProbe probe;
    private volatile DeadLetters deadLetters;

    /**
     * An engine for the given steps, connecting to {@code settings.bootstrap()}.
     *
     * @param steps    initialised event steps, each with {@code topics()} or {@code pattern()}
     * @param store    the model store (transactions and the offsets table)
     * @param registry where the per-step meters go
     */
    public KafkaEventEngine(List<EventStep> steps, Store store, EventSettings settings, MeterRegistry registry) {
        this(steps, store, settings, registry, SystemTime.INSTANCE);
    }

    /** As {@link #KafkaEventEngine(List, Store, EventSettings, MeterRegistry)}, with retries timed on {@code time}. */
    public KafkaEventEngine(List<EventStep> steps, Store store, EventSettings settings, MeterRegistry registry,
                            Time time) {
        this(steps, store, registry, () -> settings, null, time);
    }

    /** An engine that first starts {@code embedded} and then connects to it. */
    KafkaEventEngine(List<EventStep> steps, Store store, MeterRegistry registry,
                     Supplier<EventSettings> settings, Supplier<EmbeddedKafka> embedded, Time time) {
        this.steps = List.copyOf(steps);
        this.time = time;
        this.store = store;
        this.registry = registry;
        this.settingsSupplier = settings;
        this.embedded = embedded;
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public Set<StepKind> runs() {
        return Set.of(StepKind.EVENT);
    }

    @Override
    public synchronized void start() {
        if (embedded != null) {
            broker = embedded.get();
        }
        EventSettings settings = settingsSupplier.get();
        bootstrap = settings.bootstrap();
        EventOffsets offsets = new EventOffsets(store);
        producer = new KafkaProducer<>(producerProperties(settings), new ByteArraySerializer(),
                new ByteArraySerializer());
        deadLetters = new DeadLetters(producer, settings, time);
        BrokerProbe started = new BrokerProbe(settings);
        started.start();
        probe = started;
        int index = 0;
        for (EventStep step : steps) {
            StepMetrics metrics = new StepMetrics(registry, step.name());
            EventRunner runner = new EventRunner(step, store, settings, metrics, deadLetters, time);
            KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(settings, step),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
            StepConsumer sc = new StepConsumer(step, consumer, runner, offsets, settings, metrics, ++index,
                    started::answering, time);
            consumers.add(sc);
            sc.start();
        }
        LOG.info("event engine started: {} step(s) on {}, dead-letter topic {}", steps.size(), settings.bootstrap(),
                settings.deadLetterTopic());
    }

    @Override
    public synchronized void stop(Duration timeout) {
        List<Thread> stoppers = new ArrayList<>();
        for (StepConsumer c : consumers) {
            Thread t = new Thread(() -> c.stop(timeout), "xsync-kafka-stop");
            t.start();
            stoppers.add(t);
        }
        for (Thread t : stoppers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        consumers.clear();
        if (probe != null) {
            probe.close();
            probe = null;
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
        if (broker != null) {
            broker.close();
            broker = null;
        }
        LOG.info("event engine stopped");
    }

    @Override
    public boolean ready() {
        List<StepConsumer> cs = List.copyOf(consumers);
        BrokerProbe p = probe;
        DeadLetters dl = deadLetters;
        return cs.size() == steps.size() && p != null && p.answering() && cs.stream().allMatch(StepConsumer::assigned)
                && (dl == null || dl.failure() == null);
    }

    @Override
    public String detail() {
        List<StepConsumer> cs = List.copyOf(consumers);
        if (cs.size() != steps.size()) {
            return "event engine not started";
        }
        List<String> dead = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        for (StepConsumer c : cs) {
            String name = c.step().name();
            if (c.dead()) {
                dead.add(name);
            } else if (!c.assigned()) {
                waiting.add(name);
            }
        }
        if (!dead.isEmpty()) {
            return "consumer stopped for step(s) " + String.join(", ", dead);
        }
        DeadLetters dl = deadLetters;
        if (dl != null && dl.failure() != null) {
            return dl.failure();
        }
        BrokerProbe p = probe;
        if (p != null && !p.answering()) {
            return "Kafka at " + bootstrap + " unreachable: no answer for " + p.silentSeconds() + " s";
        }
        if (!waiting.isEmpty()) {
            return "not yet assigned: " + String.join(", ", waiting);
        }
        return cs.size() + " event step(s) connected and assigned";
    }

    @Override
    public String statusSection() {
        return "events";
    }

    @Override
    public List<StepStatus> stepStatus() {
        List<StepStatus> rows = new ArrayList<>();
        for (StepConsumer c : consumers) {
            StepMetrics m = c.metrics();
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("assigned", c.assigned());
            v.put("lag", m.lag()); // null (unknown) while the broker does not answer
            v.put("processed", (long) m.processed.count());
            v.put("events_per_s", Math.round(m.rate() * 10) / 10.0);
            v.put("dead_lettered", (long) m.deadLettered.count());
            DeadLetters dl = deadLetters;
            v.put("last_dead_letter", dl == null ? null : dl.latest(c.step().name()));
            rows.add(new StepStatus(c.step().name(), v));
        }
        return rows;
    }

    static Map<String, Object> consumerProperties(EventSettings settings, EventStep step) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.max(MAX_POLL_RECORDS, settings.batchSize()));
        p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        p.putAll(settings.clientProperties());
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId(step.name()));
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.groupId(step.name()) + "-" + ProcessHandle.current().pid());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.keySet().removeIf(k -> ProducerConfig.configNames().contains(k) && !ConsumerConfig.configNames().contains(k));
        return p;
    }

    static Map<String, Object> producerProperties(EventSettings settings) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        p.putAll(settings.clientProperties());
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "xsync." + settings.synchronizer() + ".dead-letter");
        p.keySet().removeIf(k -> ConsumerConfig.configNames().contains(k) && !ProducerConfig.configNames().contains(k));
        return p;
    }
}
