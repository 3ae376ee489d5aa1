package io.xsync.kafka;

import io.xsync.api.Event;
import io.xsync.runtime.store.JdbcStore;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link RecordingStep} that overrides {@link #processEvents(List)}: it writes a whole batch as
 * one JDBC batch of {@code seen} rows, then throws when any event of the batch matches the
 * failure predicate (so the batch's rows are rolled back). It notes the size of every batch.
 */
public class BatchRecordingStep extends RecordingStep {
    private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();

    public BatchRecordingStep(String name, List<String> topics, JdbcStore store) {
        super(name, topics, null, store);
    }

    private volatile long pauseMs;

    /** Sleeps {@code ms} at the start of every batch (a step that takes its time). */
    public BatchRecordingStep pacedBy(long ms) {
        this.pauseMs = ms;
        return this;
    }

    /** The size of every batch handed to {@link #processEvents(List)}, in call order. */
    public List<Integer> batchSizes() {
        return batchSizes;
    }

    @Override
    public void processEvents(List<Event> events) throws Exception {
        batchSizes.add(events.size());
        if (pauseMs > 0) {
            Thread.sleep(pauseMs);
        }
        try (PreparedStatement ps = insert()) {
            for (Event event : events) {
                bind(ps, event);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        for (Event event : events) {
            if (fails(event)) {
                throw new IllegalStateException("refusing " + event.text());
            }
        }
    }
}
