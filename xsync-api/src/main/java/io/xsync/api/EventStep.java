package io.xsync.api;

import java.util.List;

/**
 * Feeds events from an event bus into the model. Declare {@link #topics()} or a
 * {@link #pattern()} (a regular expression over topic names), not both. Every event step sees
 * every event of its topics; events of one partition arrive in order. Model writes made in
 * {@link #processEvent(Event)} commit together with the event's offset; an exception rolls them
 * back and the event is retried, then dead-lettered. Partitions are processed in parallel by
 * the one instance of the step, so {@link #processEvent(Event)} may run on several threads at
 * once (for different partitions): keep per-event state in local variables.
 *
 * <p>A step that can handle many events at once more cheaply (one lookup for a whole batch
 * instead of one per event) may also override {@link #processEvents(List)}; see there.
 */
public abstract class EventStep extends Step {

    /** The event bus technology; only {@code kafka} exists today. */
    public String technology() {
        return "kafka";
    }

    /** The topics to listen on; empty when {@link #pattern()} is used. */
    public List<String> topics() {
        return List.of();
    }

    /** A regular expression over topic names, or null when {@link #topics()} is used. */
    public String pattern() {
        return null;
    }

    /** Handles one event. */
    public abstract void processEvent(Event event) throws Exception;

    /**
     * Handles a batch of events of one partition, in offset order (optional). The engine calls it
     * only when a step overrides it; it then hands each batch (up to {@code events.batch_size}
     * events) over in one call, and the batch's model writes commit in one transaction with the
     * partition's offset moved past the batch.
     *
     * <p>When this method throws, or the batch's transaction fails, the whole batch is rolled
     * back and its events run again one at a time through {@link #processEvent(Event)}, with the
     * usual retries and dead letters. So {@link #processEvent(Event)} must do for one event what
     * this method does for it, and an event that breaks the batch costs only itself. Database
     * outages are waited out and the same batch is tried again.
     *
     * <p>The default handles the events one after the other through {@link #processEvent(Event)}.
     *
     * @param events one or more events of one partition, in offset order; not to be modified
     */
    public void processEvents(List<Event> events) throws Exception {
        for (Event event : events) {
            processEvent(event);
        }
    }
}
