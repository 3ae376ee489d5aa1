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
}
