package io.xsync.runtime.sync;

import io.xsync.runtime.store.ObjectRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the sync engine did, for {@link OrderChecker}: every step call (object, phase, the
 * version of the object it was handed, start and end, thread, outcome) and the start of every
 * pass's read of its pending objects. Times are {@link System#nanoTime()}. Thread-safe; one log
 * may collect the calls of several engines (replicas).
 */
public final class OrderLog {

    /** One {@code syncRecord} or {@code deleteRecord} call. */
    public record Call(String source, ObjectRef ref, boolean deletion, Instant version, long start, long end,
                       String thread, boolean ok) {
        @Override
        public String toString() {
            return (deletion ? "delete " : "sync ") + ref + " (updated " + version + ", " + (ok ? "ok" : "failed")
                    + ", " + source + "/" + thread + ")";
        }
    }

    /** The start of a pass phase's read by the engine {@code source}. */
    public record Read(String source, long start) {
    }

    private final List<Call> calls = new ArrayList<>();
    private final List<Read> reads = new ArrayList<>();

    /** Records a call. */
    public synchronized void call(Call c) {
        calls.add(c);
    }

    /** Records that a pass phase of the engine {@code source} starts reading its pending objects. */
    public synchronized void readStarts(String source, long nanoTime) {
        reads.add(new Read(source, nanoTime));
    }

    /** The calls so far, in the order they were recorded. */
    public synchronized List<Call> calls() {
        return new ArrayList<>(calls);
    }

    /** Read start times so far. */
    public synchronized List<Read> reads() {
        return new ArrayList<>(reads);
    }
}
