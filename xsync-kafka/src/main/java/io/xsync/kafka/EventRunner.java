package io.xsync.kafka;

import io.xsync.api.Event;
import io.xsync.api.EventFormatException;
import io.xsync.api.EventStep;
import io.xsync.runtime.internal.Causes;
import io.xsync.runtime.internal.StepErrors;
import io.xsync.runtime.store.StaleOffsetException;
import io.xsync.runtime.store.Store;
import io.xsync.runtime.store.StoreException;
import io.xsync.runtime.time.Time;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one event step over batches of one partition, effectively once into the model.
 *
 * <p>Up to {@code events.batch_size} events share one database transaction, which also moves the
 * partition's stored offset. Each event runs after a savepoint: when one fails, only its own
 * writes are rolled back, the events before it are committed with the offset moved up to it
 * (so they run once per delivery), and the failing event is retried alone with exponential
 * backoff, then dead-lettered (or, with {@code on_failure: block}, retried until it succeeds).
 * Every event is thus applied once, whatever fails. Database outages are not the event's fault:
 * they are retried without counting attempts. The transactions are batch transactions
 * ({@link Store#inBatchTransaction}): the events' inserts of new objects go to the database as
 * JDBC batches, and a savepoint costs a round trip only when an event runs other statements.
 *
 * <p>A step that overrides {@link EventStep#processEvents(List)} gets each batch in one call and
 * one transaction instead. When that call or its commit fails, the batch is rolled back and its
 * events take the per-event path above.
 */
final class EventRunner {
    private static final Logger LOG = LoggerFactory.getLogger(EventRunner.class);
    private static final StepErrors ERRORS = new StepErrors();

    private final EventStep step;
    private final String group;
    private final Store store;
    private final EventOffsets offsets;
    private final EventSettings settings;
    private final StepMetrics metrics;
    private final DeadLetters deadLetters;
    private final IntervalLog dbOutage;
    private final Time time;
    /** Whether the step overrides {@link EventStep#processEvents(List)}. */
    private final boolean batchStep;

    EventRunner(EventStep step, Store store, EventSettings settings, StepMetrics metrics, DeadLetters deadLetters,
                Time time) {
        this.step = step;
        this.time = time;
        this.group = settings.groupId(step.name());
        this.store = store;
        this.offsets = new EventOffsets(store);
        this.settings = settings;
        this.metrics = metrics;
        this.deadLetters = deadLetters;
        this.dbOutage = new IntervalLog(settings.outageLogInterval(), time);
        this.batchStep = overridesBatch(step);
    }

    static boolean overridesBatch(EventStep step) {
        try {
            return step.getClass().getMethod("processEvents", List.class).getDeclaringClass() != EventStep.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** Processes the records of one partition in order; see the class comment. */
    void process(PartitionWorker worker, List<ConsumerRecord<byte[], byte[]>> records) {
        MDC.put("step", step.name());
        MDC.put("topic", worker.partition().topic());
        MDC.put("partition", Integer.toString(worker.partition().partition()));
        try {
            processAll(worker, records);
        } finally {
            MDC.remove("step");
            MDC.remove("topic");
            MDC.remove("partition");
            MDC.remove("offset");
        }
    }

    private void processAll(PartitionWorker worker, List<ConsumerRecord<byte[], byte[]>> records) {
        int i = 0;
        int singleUntil = 0;
        int perEventUntil = 0;
        while (i < records.size()) {
            if (!worker.isActive()) {
                throw new Stopped();
            }
            int end = Math.min(records.size(), i + (i < singleUntil ? 1 : settings.batchSize()));
            if (i < perEventUntil) {
                end = Math.min(end, perEventUntil); // the failed batch's events, and only those
            }
            if (batchStep && i >= perEventUntil && i >= singleUntil) {
                switch (commitBatch(worker, records.subList(i, end))) {
                    case COMMITTED -> i = end;
                    case FAILED -> perEventUntil = end;
                    case DATABASE_OUT -> { } // waited; the same batch again
                }
                continue;
            }
            EventFailure failed;
            try {
                failed = commitOrFailure(worker, records.subList(i, end));
            } catch (StaleOffsetException e) {
                throw e;
            } catch (Exception e) {
                if (StoreException.isOutage(e)) {
                    waitForDatabase(e, worker);
                } else if (end - i > 1) {
                    singleUntil = end; // the commit failed: find the culprit one event at a time
                } else {
                    metrics.failed.increment();
                    LOG.warn("event {} failed at commit: {}", where(records.get(i)), describe(e));
                    retryOrDeadLetter(worker, records.get(i), e);
                    i++;
                }
                continue;
            }
            if (failed == null) {
                i = end;
                continue;
            }
            i += failed.index; // the events before the failing one are committed
            if (StoreException.isOutage(failed.getCause())) {
                waitForDatabase(failed, worker);
                continue;
            }
            metrics.failed.increment();
            LOG.warn("event {} failed: {}", where(records.get(i)), describe(failed.getCause()));
            retryOrDeadLetter(worker, records.get(i), failed.getCause());
            i++;
        }
    }

    /**
     * Runs a batch through {@link EventStep#processEvents(List)} in one transaction with the
     * offset moved past it.
     *
     * @return what became of the batch; on {@code FAILED} its events must take the per-event path,
     *         on {@code DATABASE_OUT} the outage was waited for and the batch is to be tried again
     */
    private BatchOutcome commitBatch(PartitionWorker worker, List<ConsumerRecord<byte[], byte[]>> chunk) {
        List<Event> events = new ArrayList<>(chunk.size());
        for (ConsumerRecord<byte[], byte[]> r : chunk) {
            events.add(toEvent(r));
        }
        long next = chunk.get(chunk.size() - 1).offset() + 1;
        MDC.put("offset", chunk.get(0).offset() + ".." + (next - 1));
        long t0 = time.nanoTime();
        Exception failure = null;
        try {
            store.inBatchTransaction(() -> {
                step.processEvents(Collections.unmodifiableList(events));
                advance(worker, next);
                return null;
            });
        } catch (Exception e) {
            failure = unwrap(e);
        }
        recordProcessing(time.nanoTime() - t0, chunk.size());
        if (failure instanceof StaleOffsetException s) {
            throw s;
        }
        if (failure != null && StoreException.isOutage(failure)) {
            waitForDatabase(failure, worker);
            return BatchOutcome.DATABASE_OUT;
        }
        if (failure != null) {
            LOG.warn("batch {}..{} of {} failed, running its {} event(s) one at a time: {}", chunk.get(0).offset(),
                    next - 1, worker.partition(), chunk.size(), describe(failure));
            return BatchOutcome.FAILED;
        }
        worker.committed(next);
        metrics.processed.increment(chunk.size());
        return BatchOutcome.COMMITTED;
    }

    /** Records a batch's time as that many events of its average time, so the timer counts events. */
    private void recordProcessing(long nanos, int events) {
        long each = nanos / events;
        for (int k = 0; k < events; k++) {
            metrics.processing.record(each, TimeUnit.NANOSECONDS);
        }
    }

    /** {@link #commit}, with a failure of the chunk's first event returned rather than thrown. */
    private EventFailure commitOrFailure(PartitionWorker worker, List<ConsumerRecord<byte[], byte[]>> chunk)
            throws Exception {
        try {
            return commit(worker, chunk);
        } catch (EventFailure f) {
            return f;
        }
    }

    /**
     * One transaction: the records through the step, each after a savepoint, then the stored
     * offset. When the step throws for a record, its writes are rolled back to the savepoint and
     * the records before it are committed, the offset moved up to the failing one.
     *
     * @return null when every record was applied, else the failure (its index is the number of
     *         records committed); thrown instead when the failing record is the first
     */
    private EventFailure commit(PartitionWorker worker, List<ConsumerRecord<byte[], byte[]>> chunk) throws Exception {
        EventFailure failed;
        try {
            failed = store.inBatchTransaction(() -> {
                for (int k = 0; k < chunk.size(); k++) {
                    ConsumerRecord<byte[], byte[]> record = chunk.get(k);
                    int index = k;
                    if (k == 0) {
                        // the first record needs no savepoint: its failure rolls the whole transaction back
                        apply(record, index);
                        continue;
                    }
                    try {
                        store.withSavepoint(() -> {
                            apply(record, index);
                            return null;
                        });
                    } catch (EventFailure f) {
                        advance(worker, record.offset());
                        return f;
                    }
                }
                advance(worker, chunk.get(chunk.size() - 1).offset() + 1);
                return null;
            });
        } catch (Exception e) {
            throw unwrap(e);
        }
        int done = failed == null ? chunk.size() : failed.index;
        worker.committed(chunk.get(done - 1).offset() + 1);
        metrics.processed.increment(done);
        return failed;
    }

    private void apply(ConsumerRecord<byte[], byte[]> record, int index) {
        MDC.put("offset", Long.toString(record.offset()));
        long t0 = time.nanoTime();
        try {
            step.processEvent(toEvent(record));
            if (LOG.isDebugEnabled()) {
                LOG.debug("processed event {}", where(record));
            }
        } catch (Exception e) {
            throw new EventFailure(index, e);
        } finally {
            metrics.processing.record(time.nanoTime() - t0, TimeUnit.NANOSECONDS);
        }
    }

    private void advance(PartitionWorker worker, long next) {
        offsets.advance(group, worker.partition(), worker.storedNext(), next);
    }

    /** Retries a failed event alone; dead-letters it when attempts run out (or it is malformed). */
    private void retryOrDeadLetter(PartitionWorker worker, ConsumerRecord<byte[], byte[]> record, Throwable cause) {
        MDC.put("offset", Long.toString(record.offset()));
        int attempts = 1;
        while (settings.onFailure() == EventSettings.FailureMode.BLOCK
                || (attempts < settings.retryAttempts() && !(cause instanceof EventFormatException))) {
            RetrySleep.sleep(time, settings.retryDelay(attempts), worker::isActive);
            metrics.retried.increment();
            try {
                commit(worker, List.of(record));
                LOG.info("event {} succeeded on attempt {}", where(record), attempts + 1);
                return;
            } catch (EventFailure f) {
                if (StoreException.isOutage(f.getCause())) {
                    waitForDatabase(f, worker);
                    continue;
                }
                cause = f.getCause();
            } catch (StaleOffsetException e) {
                throw e;
            } catch (Exception e) {
                if (StoreException.isOutage(e)) {
                    waitForDatabase(e, worker);
                    continue;
                }
                cause = e;
            }
            attempts++;
            metrics.failed.increment();
            LOG.warn("event {} failed on attempt {}: {}", where(record), attempts, describe(cause),
                    ERRORS.firstTime(step.name(), cause));
        }
        deadLetter(worker, record, cause, attempts);
    }

    private void deadLetter(PartitionWorker worker, ConsumerRecord<byte[], byte[]> record, Throwable cause,
                            int attempts) {
        deadLetters.send(step.name(), record, cause, attempts, worker::isActive);
        LOG.error("event {} sent to dead-letter topic {} after {} attempt(s): {}", where(record),
                deadLetters.topic(), attempts, describe(cause));
        metrics.deadLettered.increment();
        long next = record.offset() + 1;
        while (true) {
            try {
                store.inTransaction(() -> {
                    advance(worker, next);
                    return null;
                });
                worker.committed(next);
                return;
            } catch (StaleOffsetException e) {
                throw e;
            } catch (Exception e) {
                Exception u = unwrap(e);
                if (u instanceof StaleOffsetException s) {
                    throw s;
                }
                waitForDatabase(u, worker);
            }
        }
    }

    private void waitForDatabase(Exception e, PartitionWorker worker) {
        metrics.storeWaits.increment();
        if (dbOutage.due()) {
            LOG.warn("database unavailable for step {} on {} (retrying, nothing is lost): {}", step.name(),
                    worker.partition(), describe(e));
        }
        RetrySleep.sleep(time, settings.retryMax(), worker::isActive);
    }

    private static Exception unwrap(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EventFailure f) {
                return f;
            }
            if (t instanceof StaleOffsetException s) {
                return s;
            }
        }
        return e;
    }

    /** The record as the step sees it. */
    static Event toEvent(ConsumerRecord<byte[], byte[]> r) {
        Instant ts = r.timestamp() >= 0 ? Instant.ofEpochMilli(r.timestamp()) : null;
        return new Event(r.topic(), r.partition(), r.offset(), r.key(), r.value(), ts, headers(r.headers()));
    }

    private static Map<String, byte[]> headers(Headers headers) {
        Header[] array = headers.toArray();
        if (array.length == 0) {
            return null; // Event treats null as no headers, without copying a map per event
        }
        Map<String, byte[]> map = new LinkedHashMap<>();
        for (Header h : array) {
            map.put(h.key(), h.value());
        }
        return map;
    }

    private static String where(ConsumerRecord<?, ?> r) {
        return r.topic() + "-" + r.partition() + "@" + r.offset();
    }

    private static String describe(Throwable t) {
        Throwable root = Causes.unwrapped(t);
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private enum BatchOutcome { COMMITTED, FAILED, DATABASE_OUT }

    /** The step threw while processing the {@code index}-th event of a transaction. */
    static final class EventFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int index;

        EventFailure(int index, Throwable cause) {
            super(cause.toString(), cause, false, false);
            this.index = index;
        }
    }
}
