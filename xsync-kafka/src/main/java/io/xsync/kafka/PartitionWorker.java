package io.xsync.kafka;

import io.xsync.runtime.store.StaleOffsetException;
import io.xsync.runtime.time.Deadline;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events of one assigned partition waiting to be processed, and the partition's progress.
 * The poll thread {@link #offer offers} records; at most one task per partition runs on the
 * step's executor at a time, so events of a partition are processed in order while partitions
 * run in parallel. A task takes one batch, hands it to the {@link EventRunner}, and resubmits
 * itself while records are left, so partitions share the threads fairly.
 */
final class PartitionWorker {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionWorker.class);

    private final TopicPartition tp;
    private final EventRunner runner;
    private final Executor executor;
    private final int batchSize;
    private final Object lock = new Object();
    private final ArrayDeque<ConsumerRecord<byte[], byte[]>> queue = new ArrayDeque<>();
    private final int lowWater;
    private final Runnable onLow;
    private boolean scheduled;
    private boolean fenced;
    /** Set by the poll thread while the partition is paused; cleared when {@link #onLow} ran. */
    private volatile boolean paused;
    private volatile boolean active = true;
    /** Next offset as stored in the database (null: no row yet); touched by one task at a time. */
    private volatile Long storedNext;
    /** Where to resume when the database has no row: the first offset ever offered. */
    private volatile long firstOffered = -1;
    /** Highest next offset committed (at first, the stored one), for the Kafka-side commit. */
    private volatile long committedNext = -1;

    /**
     * @param lowWater backlog under which a paused partition should be resumed
     * @param onLow    called (once per pause) when the backlog of a paused partition fell under
     *                 {@code lowWater}, so the poll thread resumes it at once
     */
    PartitionWorker(TopicPartition tp, Long storedNext, EventRunner runner, Executor executor, int batchSize,
                    int lowWater, Runnable onLow) {
        this.tp = tp;
        this.lowWater = lowWater;
        this.onLow = onLow;
        this.storedNext = storedNext;
        // what the store already holds counts as committed: a partition with nothing left to
        // process (a predecessor finished it, and died before its Kafka-side commit) still gets
        // its Kafka-side offset brought up to the store's
        this.committedNext = storedNext != null ? storedNext : -1;
        this.runner = runner;
        this.executor = executor;
        this.batchSize = batchSize;
    }

    TopicPartition partition() {
        return tp;
    }

    boolean isActive() {
        return active;
    }

    Long storedNext() {
        return storedNext;
    }

    long committedNext() {
        return committedNext;
    }

    /** Called by the runner after a transaction that moved the stored offset to {@code next}. */
    void committed(long next) {
        storedNext = next;
        committedNext = next;
    }

    /** Queues records (poll thread); dropped if the partition is revoked or awaiting a re-seek. */
    void offer(List<ConsumerRecord<byte[], byte[]>> records) {
        synchronized (lock) {
            if (!active || fenced || records.isEmpty()) {
                return;
            }
            if (firstOffered < 0) {
                firstOffered = records.get(0).offset();
            }
            queue.addAll(records);
            if (!scheduled) {
                scheduled = true;
                executor.execute(this::drain);
            }
        }
    }

    /** The poll thread paused the partition (true) or resumed it (false). */
    void paused(boolean value) {
        paused = value;
    }

    /** Records queued and not yet taken. */
    int backlog() {
        synchronized (lock) {
            return queue.size();
        }
    }

    private void drain() {
        List<ConsumerRecord<byte[], byte[]>> batch = take();
        if (batch.isEmpty()) {
            return;
        }
        try {
            runner.process(this, batch);
        } catch (Stopped e) {
            LOG.debug("{}: stopped with work left; it is redelivered", tp);
        } catch (StaleOffsetException e) {
            LOG.warn("{}: {}; re-reading the stored offset", tp, e.getMessage());
            fence();
        } catch (RuntimeException | Error e) {
            LOG.error("{}: unexpected failure in the event runner; resuming from the stored offset", tp, e);
            fence();
        } finally {
            reschedule();
        }
    }

    private List<ConsumerRecord<byte[], byte[]>> take() {
        synchronized (lock) {
            if (!active || fenced) {
                scheduled = false;
                lock.notifyAll();
                return List.of();
            }
            List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>(Math.min(batchSize, queue.size()));
            while (batch.size() < batchSize && !queue.isEmpty()) {
                batch.add(queue.poll());
            }
            if (paused && queue.size() < lowWater) {
                paused = false;
                onLow.run();
            }
            return batch;
        }
    }

    private void reschedule() {
        synchronized (lock) {
            if (active && !fenced && !queue.isEmpty()) {
                executor.execute(this::drain);
            } else {
                scheduled = false;
                lock.notifyAll();
            }
        }
    }

    private void fence() {
        synchronized (lock) {
            fenced = true;
            queue.clear();
        }
    }

    /** Whether the partition must be re-positioned at its stored offset (and no task runs). */
    boolean needsSeek() {
        synchronized (lock) {
            return fenced && !scheduled;
        }
    }

    /** The offset to seek to when the database has no row for the partition, or -1. */
    long firstOffered() {
        return firstOffered;
    }

    /** After the poll thread re-positioned the consumer at {@code next}: accept records again. */
    void seeked(Long next) {
        synchronized (lock) {
            storedNext = next;
            firstOffered = -1;
            fenced = false;
        }
    }

    /**
     * Stops taking work: drops what is queued (it is redelivered to whoever owns the partition
     * next) and waits up to {@code timeoutMs} for the batch in flight.
     *
     * @return whether the worker is idle
     */
    boolean revoke(long timeoutMs) {
        Deadline deadline = Deadline.after(Duration.ofMillis(timeoutMs));
        synchronized (lock) {
            active = false;
            queue.clear();
            try {
                while (scheduled) {
                    long left = deadline.remaining().toMillis();
                    if (left <= 0) {
                        return false;
                    }
                    lock.wait(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            return true;
        }
    }
}
