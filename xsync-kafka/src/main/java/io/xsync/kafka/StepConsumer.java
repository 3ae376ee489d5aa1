package io.xsync.kafka;

import io.xsync.api.EventStep;
import io.xsync.runtime.time.Deadline;
import io.xsync.runtime.time.SystemTime;
import io.xsync.runtime.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka consumer of one event step: one poll thread (the only one touching the consumer)
 * hands each partition's records to its {@link PartitionWorker}; workers run on the step's
 * pool of {@code events.concurrency} threads. A partition whose backlog grows is paused until
 * its worker catches up. On assignment the consumer seeks to the offsets stored in the
 * database (or, for a partition without one, to the {@code events.start_from} end); on
 * revocation it waits for the batch in flight.
 */
final class StepConsumer implements ConsumerRebalanceListener {
    private static final Logger LOG = LoggerFactory.getLogger(StepConsumer.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final long HOUSEKEEPING_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Housekeeping (offset commits to Kafka, lag, rate samples) follows the real broker: real time. */
    private static final Time REAL = SystemTime.INSTANCE;

    private final EventStep step;
    private final Consumer<byte[], byte[]> consumer;
    private final EventRunner runner;
    private final EventOffsets offsets;
    private final EventSettings settings;
    private final StepMetrics metrics;
    private final String group;
    private final ExecutorService pool;
    private final Thread pollThread;
    private final Map<TopicPartition, PartitionWorker> workers = new HashMap<>();
    private final Set<TopicPartition> paused = new HashSet<>();
    private final Map<TopicPartition, Long> kafkaCommitted = new HashMap<>();
    private final BooleanSupplier brokerAnswering;
    private final IntervalLog dbLog;
    private final Time time;
    private volatile boolean running = true;
    private long lastHousekeeping;
    private volatile boolean assignedOnce;

    StepConsumer(EventStep step, Consumer<byte[], byte[]> consumer, EventRunner runner, EventOffsets offsets,
                 EventSettings settings, StepMetrics metrics, int index,
                 BooleanSupplier brokerAnswering, Time time) {
        this.step = step;
        this.time = time;
        this.consumer = consumer;
        this.runner = runner;
        this.offsets = offsets;
        this.settings = settings;
        this.metrics = metrics;
        this.group = settings.groupId(step.name());
        this.brokerAnswering = brokerAnswering;
        this.dbLog = new IntervalLog(settings.outageLogInterval(), time);
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(settings.concurrency(), settings.concurrency(), 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), r -> daemon(r, "xsync-kafka-" + index + "-" + n.incrementAndGet()));
        this.pollThread = daemon(this::run, "xsync-kafka-" + index + "-poll");
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    void start() {
        pollThread.start();
    }

    /** The step this consumer serves. */
    EventStep step() {
        return step;
    }

    /** The step's meters (processed, dead-lettered, lag, rate). */
    StepMetrics metrics() {
        return metrics;
    }

    /** Whether the poll thread runs and the group has called back with an assignment at least once. */
    boolean assigned() {
        return assignedOnce && pollThread.isAlive();
    }

    /** Whether the poll thread ended (stopped, or failed for good). */
    boolean dead() {
        return !pollThread.isAlive() && pollThread.getState() != Thread.State.NEW;
    }

    private void run() {
        try {
            subscribe();
            while (running) {
                housekeeping();
                try {
                    dispatch(consumer.poll(POLL));
                } catch (WakeupException e) {
                    // a worker caught up with a paused partition, or stop() was called
                }
            }
        } catch (RuntimeException e) {
            LOG.error("step {}: consumer failed, no more events for this step", step.name(), e);
        } finally {
            shutdown();
        }
    }

    private void subscribe() {
        if (step.pattern() != null) {
            consumer.subscribe(Pattern.compile(step.pattern()), this);
            LOG.info("step {} listens on topics matching /{}/ as group {}", step.name(), step.pattern(), group);
        } else {
            consumer.subscribe(step.topics(), this);
            LOG.info("step {} listens on {} as group {}", step.name(), step.topics(), group);
        }
    }

    private int highWater() {
        return Math.max(4 * settings.batchSize(), 4 * KafkaEventEngine.MAX_POLL_RECORDS);
    }

    private int lowWater() {
        return Math.max(2 * settings.batchSize(), 2 * KafkaEventEngine.MAX_POLL_RECORDS);
    }

    private void dispatch(ConsumerRecords<byte[], byte[]> records) {
        int high = highWater();
        for (TopicPartition tp : records.partitions()) {
            PartitionWorker w = workers.get(tp);
            if (w == null) {
                continue; // revoked during this poll
            }
            w.offer(records.records(tp));
            if (w.backlog() >= high && paused.add(tp)) {
                consumer.pause(List.of(tp));
                w.paused(true);
            }
        }
    }

    private void housekeeping() {
        reseekFenced();
        resumeDrained();
        long now = REAL.nanoTime();
        if (now - lastHousekeeping >= HOUSEKEEPING_NANOS) {
            lastHousekeeping = now;
            metrics.sampleRate(now);
            commitToKafka();
            updateLag();
        }
    }

    private void reseekFenced() {
        for (PartitionWorker w : workers.values()) {
            if (!w.needsSeek()) {
                continue;
            }
            TopicPartition tp = w.partition();
            Long stored;
            try {
                stored = offsets.load(group, List.of(tp)).get(tp);
            } catch (RuntimeException e) {
                if (dbLog.due()) {
                    LOG.warn("step {}: cannot read the stored offset of {} (retrying): {}", step.name(), tp,
                            e.getMessage());
                }
                continue; // still fenced: tried again on the next loop
            }
            long target = stored != null ? stored : w.firstOffered();
            if (target >= 0) {
                consumer.seek(tp, target);
            } else {
                seekToStart(List.of(tp));
            }
            w.seeked(stored);
            LOG.info("step {}: {} repositioned at {}", step.name(), tp,
                    target >= 0 ? "offset " + target : "the " + startName() + " offset");
        }
    }

    private void resumeDrained() {
        if (paused.isEmpty()) {
            return;
        }
        List<TopicPartition> resume = new ArrayList<>();
        for (TopicPartition tp : paused) {
            PartitionWorker w = workers.get(tp);
            if (w == null || w.backlog() < lowWater()) {
                resume.add(tp);
                if (w != null) {
                    w.paused(false);
                }
            }
        }
        if (!resume.isEmpty()) {
            resume.forEach(paused::remove);
            resume.removeIf(tp -> !workers.containsKey(tp));
            consumer.resume(resume);
        }
    }

    /** Commits processed offsets to Kafka too (asynchronously), so lag tools see progress. */
    private void commitToKafka() {
        Map<TopicPartition, OffsetAndMetadata> commit = pendingKafkaCommits(workers.values());
        if (!commit.isEmpty()) {
            consumer.commitAsync(commit, (done, error) -> {
                if (error != null) {
                    LOG.debug("step {}: async offset commit failed: {}", step.name(), error.getMessage());
                }
            });
        }
    }

    private Map<TopicPartition, OffsetAndMetadata> pendingKafkaCommits(Collection<PartitionWorker> ws) {
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        for (PartitionWorker w : ws) {
            long next = w.committedNext();
            Long last = kafkaCommitted.get(w.partition());
            if (next >= 0 && (last == null || last != next)) {
                commit.put(w.partition(), new OffsetAndMetadata(next));
                kafkaCommitted.put(w.partition(), next);
            }
        }
        return commit;
    }

    /**
     * Lag over the assigned partitions: events on the broker not fetched yet plus those fetched
     * and not processed. Unknown (not 0) while the broker does not answer or a partition's
     * position on the broker is not known yet.
     */
    private void updateLag() {
        if (!brokerAnswering.getAsBoolean()) {
            metrics.lagUnknown();
            return;
        }
        long lag = 0;
        for (PartitionWorker w : workers.values()) {
            OptionalLong onBroker = consumer.currentLag(w.partition());
            if (onBroker.isEmpty()) {
                metrics.lagUnknown();
                return;
            }
            lag += onBroker.getAsLong() + w.backlog();
        }
        metrics.lag(lag);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        assignedOnce = true;
        if (partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> stored = loadStored(partitions);
        List<TopicPartition> fresh = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            Long next = stored.get(tp);
            if (next != null) {
                consumer.seek(tp, next);
            } else {
                fresh.add(tp);
            }
            workers.put(tp, new PartitionWorker(tp, next, runner, pool, settings.batchSize(), lowWater(),
                    consumer::wakeup));
        }
        seekToStart(fresh);
        LOG.info("step {}: assigned {} (stored offsets {}{})", step.name(), partitions, stored,
                fresh.isEmpty() ? "" : "; no stored offset, starting at the " + startName() + " offset: " + fresh);
    }

    /**
     * Positions partitions that have no offset in the store where {@code events.start_from} says.
     * The group's offset committed to Kafka is never used: it is written after the store's
     * commit and may be ahead of it, and starting there would skip events for good.
     */
    private void seekToStart(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        if (settings.startFrom() == EventSettings.StartFrom.LATEST) {
            consumer.seekToEnd(partitions);
        } else {
            consumer.seekToBeginning(partitions);
        }
    }

    private String startName() {
        return settings.startFrom().name().toLowerCase(Locale.ROOT);
    }

    private Map<TopicPartition, Long> loadStored(Collection<TopicPartition> partitions) {
        while (true) {
            try {
                return offsets.load(group, partitions);
            } catch (RuntimeException e) {
                if (!running) {
                    throw e;
                }
                if (dbLog.due()) {
                    LOG.warn("step {}: cannot read stored offsets (retrying): {}", step.name(), e.getMessage());
                }
                RetrySleep.sleep(time, settings.retryMax(), () -> running);
            }
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        List<PartitionWorker> gone = release(partitions);
        Map<TopicPartition, OffsetAndMetadata> commit = pendingKafkaCommits(gone);
        if (!commit.isEmpty()) {
            try {
                consumer.commitSync(commit);
            } catch (RuntimeException e) {
                LOG.debug("step {}: offset commit on revocation failed: {}", step.name(), e.getMessage());
            }
        }
        if (!partitions.isEmpty()) {
            LOG.info("step {}: revoked {}", step.name(), partitions);
        }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        release(partitions);
        LOG.warn("step {}: lost {} (another consumer may own them now)", step.name(), partitions);
    }

    private List<PartitionWorker> release(Collection<TopicPartition> partitions) {
        List<PartitionWorker> gone = new ArrayList<>();
        long timeout = settings.shutdownTimeout().toMillis();
        for (TopicPartition tp : partitions) {
            PartitionWorker w = workers.remove(tp);
            paused.remove(tp);
            kafkaCommitted.remove(tp);
            if (w != null) {
                if (!w.revoke(timeout)) {
                    LOG.warn("step {}: batch of {} still running after {} ms; its offsets are fenced",
                            step.name(), tp, timeout);
                }
                gone.add(w);
            }
        }
        return gone;
    }

    /** Asks the poll thread to stop and waits for it (it drains in-flight work) up to the timeout. */
    void stop(Duration timeout) {
        running = false;
        consumer.wakeup();
        try {
            pollThread.join(timeout.toMillis() + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (pollThread.isAlive()) {
            LOG.warn("step {}: consumer did not stop within {}", step.name(), timeout);
        }
    }

    private void shutdown() {
        Deadline deadline = Deadline.after(settings.shutdownTimeout());
        List<PartitionWorker> all = new ArrayList<>(workers.values());
        for (PartitionWorker w : all) {
            w.revoke(deadline.remaining().toMillis());
        }
        try {
            Map<TopicPartition, OffsetAndMetadata> commit = pendingKafkaCommits(all);
            if (!commit.isEmpty()) {
                consumer.commitSync(commit, Duration.ofSeconds(5));
            }
        } catch (RuntimeException e) {
            LOG.debug("step {}: final offset commit failed: {}", step.name(), e.getMessage());
        }
        workers.clear();
        pool.shutdownNow();
        try {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        } catch (RuntimeException e) {
            LOG.debug("step {}: consumer close: {}", step.name(), e.getMessage());
        }
        metrics.close();
        LOG.info("step {}: consumer stopped", step.name());
    }
}
