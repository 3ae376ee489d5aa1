package io.xsync.runtime.sync;

import io.xsync.api.DeferredException;
import io.xsync.api.InnocuousException;
import io.xsync.api.ModelObject;
import io.xsync.api.XsyncException;
import io.xsync.runtime.internal.StepErrors;
import io.xsync.runtime.store.ObjectRef;
import io.xsync.runtime.sync.SyncOutcome.Kind;
import io.xsync.runtime.time.Time;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one cohort, in order, on the calling thread: calls the step for each object and records the
 * result through {@link Bookkeeping}. After the first failure (or an object still backing off)
 * every later object of the cohort is skipped with "Failed due to error in model M id N: ...",
 * recorded as a failure of the same kind. {@code enacted} moves only after success, so a crash mid-call leaves the object
 * dirty.
 */
final class CohortRunner {
    private static final Logger LOG = LoggerFactory.getLogger(CohortRunner.class);

    /** The object that stopped its cohort, the message it left and the kind of its failure. */
    private record Failure(ObjectRef ref, String message, Kind kind) {
    }

    private final Backoff backoff;
    private final Duration deferredRetry;
    private final SyncMetrics metrics;
    private final BooleanSupplier stopping;
    private final BooleanSupplier killed;
    private final Time time;

    /**
     * @param stopping true when the engine stops: the cohort ends after the current object
     * @param killed   true when the engine was killed (tests of crashes): nothing more is written
     * @param time     the clock of {@code next_run}, {@code last_success} and call durations
     */
    CohortRunner(Backoff backoff, Duration deferredRetry, SyncMetrics metrics, BooleanSupplier stopping,
                 BooleanSupplier killed, Time time) {
        this.time = time;
        this.backoff = backoff;
        this.deferredRetry = deferredRetry;
        this.metrics = metrics;
        this.stopping = stopping;
        this.killed = killed;
    }

    /**
     * Runs a cohort whose objects were just reloaded; results go to {@code book}. The caller
     * flushes {@code book}.
     */
    void run(List<WorkItem> cohort, boolean deletion, PassStats stats, Bookkeeping book) {
        Failure failure = null;
        Map<ObjectRef, Boolean> pending = new HashMap<>();
        for (WorkItem item : cohort) {
            if (stopping.getAsBoolean()) {
                return;
            }
            MDC.put("step", item.step().name());
            MDC.put("model", item.ref().model());
            MDC.put("object", Long.toString(item.ref().id()));
            try {
                if (failure != null) {
                    if (!failure.ref().equals(item.ref())) {
                        skip(item, failure, stats, book);
                    }
                    continue;
                }
                if (!pending.computeIfAbsent(item.ref(), r -> stillPending(item.object(), deletion))) {
                    LOG.debug("{} no longer needs {}", item.ref(), deletion ? "deletion" : "sync");
                    continue;
                }
                failure = waiting(item, stats);
                if (failure == null) {
                    failure = call(item, deletion, stats, book);
                }
            } catch (RuntimeException e) {
                LOG.warn("Bookkeeping of {} failed: {}", item.ref(), e.toString());
                failure = new Failure(item.ref(), SyncOutcome.message(e), Kind.ERROR);
            } finally {
                MDC.remove("step");
                MDC.remove("model");
                MDC.remove("object");
            }
        }
    }

    /** A failure standing for an object whose {@code next_run} lies ahead, or null when it is due. */
    private Failure waiting(WorkItem item, PassStats stats) {
        BackendRegister reg = BackendRegister.parse(item.object().getString("backend_register"));
        if (reg.due(time.now(), backoff)) {
            return null;
        }
        stats.waiting.incrementAndGet();
        stats.wakeAt(reg.nextRun());
        LOG.debug("{} backs off until {}", item.ref(), reg.nextRun());
        return new Failure(item.ref(), lastMessage(item.object().getString("backend_status")),
                kindOfCode((int) item.object().getLong("backend_code")));
    }

    private Failure call(WorkItem item, boolean deletion, PassStats stats, Bookkeeping book) {
        ModelObject obj = item.object();
        if (!deletion && !obj.getBoolean("backend_need_delete")) {
            // normally marked for the whole unit beforehand; this covers a failed bulk mark
            Bookkeeping.writeNow(obj, Map.of("backend_need_delete", true));
        }
        long t0 = time.nanoTime();
        Throwable error = null;
        Kind kind = Kind.SUCCESS;
        try {
            if (deletion) {
                item.step().deleteRecord(obj);
            } else {
                item.step().syncRecord(obj);
            }
        } catch (DeferredException e) {
            kind = Kind.DEFERRED;
            error = e;
        } catch (InnocuousException e) {
            kind = Kind.INNOCUOUS;
            error = e;
        } catch (Exception | LinkageError | AssertionError e) {
            kind = Kind.ERROR;
            error = e;
        }
        metrics.recordDuration(item.ref().model(), item.step().name(), deletion, Duration.ofNanos(time.nanoTime() - t0),
                time.now());
        if (killed.getAsBoolean()) {
            return new Failure(item.ref(), "engine killed", Kind.ERROR);
        }
        Instant now = time.now();
        SyncOutcome.State state = state(obj);
        if (kind == Kind.SUCCESS) {
            book.add(obj, deletion ? SyncOutcome.deleted(state, now) : SyncOutcome.synced(state, now));
            stats.synced.incrementAndGet();
            metrics.countSuccess(item.step().name());
            LOG.debug("{} of {} by {} done", deletion ? "Deletion" : "Sync", item.ref(), item.step().name());
            return null;
        }
        String message = SyncOutcome.message(error);
        Map<String, Object> fields = SyncOutcome.failed(state, kind, message, now, backoff);
        book.add(obj, fields);
        metrics.countFailure(item.ref().model(), item.step().name(), kind, message);
        logFailure(item, deletion, kind, message, error);
        if (kind == Kind.DEFERRED) {
            stats.deferred.incrementAndGet();
            stats.wakeAt(now.plus(deferredRetry));
        } else {
            stats.failed.incrementAndGet();
            stats.wakeAt(BackendRegister.parse((String) fields.get("backend_register")).nextRun());
        }
        return new Failure(item.ref(), message, kind);
    }

    /**
     * Records an object skipped after {@code failure} as a failure of its own of the same kind
     * (its message joins the object's last one, the code is the failing object's, errors and
     * innocuous failures count and back off). An object that is itself still backing off is left
     * as it is.
     */
    private void skip(WorkItem item, Failure failure, PassStats stats, Bookkeeping book) {
        stats.skipped.incrementAndGet();
        Instant now = time.now();
        ModelObject obj = item.object();
        if (!BackendRegister.parse(obj.getString("backend_register")).due(now, backoff)) {
            LOG.debug("{} skipped: {} failed; it backs off itself", item.ref(), failure.ref());
            return;
        }
        book.add(obj, SyncOutcome.skipped(state(obj), failure.ref(), failure.kind(), failure.message(), now, backoff));
        LOG.debug("{} skipped: {} failed", item.ref(), failure.ref());
    }

    /** The failure kind a {@code backend_code} stands for. */
    private static Kind kindOfCode(int code) {
        return switch (code) {
            case SyncOutcome.CODE_PENDING -> Kind.DEFERRED;
            case SyncOutcome.CODE_OK -> Kind.INNOCUOUS;
            default -> Kind.ERROR;
        };
    }

    /** The newest message of a {@code backend_status} that may hold two. */
    private static String lastMessage(String status) {
        if (status == null) {
            return null;
        }
        int i = status.lastIndexOf(SyncOutcome.SEPARATOR);
        return i < 0 ? status : status.substring(i + SyncOutcome.SEPARATOR.length());
    }

    private static final StepErrors ERRORS = new StepErrors();

    private static void logFailure(WorkItem item, boolean deletion, Kind kind, String message, Throwable error) {
        String what = deletion ? "deleteRecord" : "syncRecord";
        switch (kind) {
            case DEFERRED -> LOG.debug("{} of {} by {} deferred: {}", what, item.ref(), item.step().name(), message);
            case INNOCUOUS -> LOG.info("{} of {} by {} failed (innocuous): {}", what, item.ref(),
                    item.step().name(), message);
            default -> {
                LOG.warn("{} of {} by {} failed: {}", what, item.ref(), item.step().name(),
                        error instanceof XsyncException ? message : error.toString(),
                        ERRORS.firstTime(item.step().name(), error));
            }
        }
    }

    /** Whether the object still needs this phase (another replica may have done it meanwhile). */
    static boolean stillPending(ModelObject o, boolean deletion) {
        if (deletion) {
            return o.getBoolean("deleted") && !o.getBoolean("backend_need_reap");
        }
        if (o.getBoolean("deleted") || o.getBoolean("no_sync") || o.getBoolean("lazy_blocked")) {
            return false;
        }
        Instant enacted = o.getInstant("enacted");
        Instant updated = o.getInstant("updated");
        Instant byPolicy = o.getInstant("changed_by_policy");
        return enacted == null || (updated != null && enacted.isBefore(updated))
                || (byPolicy != null && enacted.isBefore(byPolicy));
    }

    static SyncOutcome.State state(ModelObject o) {
        return new SyncOutcome.State(o.getInstant("updated"), o.getInstant("changed_by_policy"),
                o.getString("backend_status"), (int) o.getLong("backend_code"), o.getString("backend_register"));
    }
}
