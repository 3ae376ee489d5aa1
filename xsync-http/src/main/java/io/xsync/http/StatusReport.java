package io.xsync.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.xsync.runtime.internal.XsyncVersion;
import io.xsync.runtime.spi.Readiness;
import io.xsync.runtime.spi.StatusContributor;
import io.xsync.runtime.store.FailedObject;
import io.xsync.runtime.store.ModelCounts;
import io.xsync.runtime.store.RecentScan;
import io.xsync.runtime.store.Store;
import io.xsync.runtime.time.SystemTime;
import io.xsync.runtime.time.Time;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status summary behind {@code GET /api/status}, the status page and {@code xsync status}:
 * per-model counts and the latest errors read from the store, plus the sections and readiness
 * checks that engines contribute. Produces plain maps and lists, ready for JSON.
 *
 * <p>Counts partition the rows (see {@link ModelCounts}): {@code ok}, {@code pending},
 * {@code error}, {@code no_sync} (left alone by the sync loop: {@code no_sync} or
 * {@code lazy_blocked}) and {@code deleted}; {@code total} is every live object.
 */
public final class StatusReport {
    /** How many of the latest errors the summary lists. */
    public static final int MAX_ERRORS = 20;
    private static final Logger LOG = LoggerFactory.getLogger(StatusReport.class);

    /** When this process started (the JVM's start time). */
    private static final Instant STARTED = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime())
            .truncatedTo(ChronoUnit.MILLIS);

    private final String name;
    private final Store store;
    private final Supplier<List<StatusContributor>> contributors;
    private final Supplier<List<Readiness>> readiness;
    private final Time time;
    private final RecentScan<StoreScan> storeScan;

    /** The part of the summary read from the model tables: counts by state and latest errors. */
    private record StoreScan(List<Map<String, Object>> counts, List<Map<String, Object>> errors) {
    }

    /**
     * @param name         the synchronizer name
     * @param store        the model store
     * @param contributors the engines' status sections (asked on every collect)
     * @param readiness    readiness checks to include (asked on every collect)
     */
    public StatusReport(String name, Store store, Supplier<List<StatusContributor>> contributors,
                        Supplier<List<Readiness>> readiness) {
        this(name, store, contributors, readiness, SystemTime.INSTANCE);
    }

    /** As {@link #StatusReport(String, Store, Supplier, Supplier)}, with "now" (generated, uptime) from {@code time}. */
    public StatusReport(String name, Store store, Supplier<List<StatusContributor>> contributors,
                        Supplier<List<Readiness>> readiness, Time time) {
        this.time = time;
        this.name = name;
        this.store = store;
        this.contributors = contributors;
        this.readiness = readiness;
        this.storeScan = new RecentScan<>("status", this::scanStore, () -> store.health().ready(), time);
    }

    /** The synchronizer's name. */
    String name() {
        return name;
    }

    /** Collects the summary now. */
    public Map<String, Object> collect() {
        RecentScan.Reading<StoreScan> scan = storeScan.get();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        Instant now = time.now();
        out.put("generated", now.truncatedTo(ChronoUnit.MILLIS).toString());
        out.put("version", XsyncVersion.get());
        out.put("started", STARTED.toString());
        out.put("uptime_s", Duration.between(STARTED, now).toSeconds());
        out.put("counted", scan.takenAt().truncatedTo(ChronoUnit.MILLIS).toString());
        out.put("models", scan.value().counts());
        out.put("errors", scan.value().errors());
        out.put("sections", sections());
        out.put("readiness", readinessChecks(readiness.get()));
        return out;
    }

    /**
     * Reads counts and failures of every model. Its cost grows with the tables, so
     * {@link RecentScan} decides when it runs: on every collect while it is cheap, otherwise at
     * most a tenth of the time, in the background, the summary showing when it was taken.
     */
    private StoreScan scanStore() {
        List<Map<String, Object>> counts = new ArrayList<>();
        LatestErrors errors = new LatestErrors(MAX_ERRORS);
        Map<String, String> owners = owners();
        for (String modelName : store.schema().models().stream().map(d -> d.name()).toList()) {
            Map<String, Object> row = counts(store.counts(modelName));
            row.put("owner", owners.get(modelName));
            counts.add(row);
            store.scanFailed(modelName, errors::offer);
        }
        return new StoreScan(counts, errors.newestFirst());
    }

    /** Model to owning synchronizer, from the store's registry (empty when it cannot be read). */
    private Map<String, String> owners() {
        try {
            return store.registry().owners();
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    private static Map<String, Object> counts(ModelCounts c) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("model", c.model());
        row.put("total", c.live());
        row.put("ok", c.ok());
        row.put("pending", c.pending());
        row.put("error", c.error());
        row.put("no_sync", c.noSync());
        row.put("deleted", c.deleted());
        return row;
    }

    /** The newest failures seen so far, at most {@code max} of them (memory does not grow with the rows). */
    static final class LatestErrors {
        private static final Comparator<Map<String, Object>> OLDEST_FIRST = Comparator.comparing(
                (Map<String, Object> e) -> instantOf(e.get("when")), Comparator.nullsFirst(Comparator.naturalOrder()));
        private final int max;
        private final PriorityQueue<Map<String, Object>> kept = new PriorityQueue<>(OLDEST_FIRST);

        LatestErrors(int max) {
            this.max = max;
        }

        void offer(FailedObject o) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("model", o.model());
            e.put("id", o.id());
            e.put("message", o.backendStatus());
            e.put("when", failureTime(o.backendRegister(), o.updated(), o.model(), o.id()));
            kept.add(e);
            if (kept.size() > max) {
                kept.poll();
            }
        }

        List<Map<String, Object>> newestFirst() {
            List<Map<String, Object>> out = new ArrayList<>(kept);
            out.sort(OLDEST_FIRST.reversed());
            return out;
        }
    }

    /** {@code last_failure} from the retry bookkeeping when it is there, else {@code updated}. */
    static String failureTime(String register, Instant updated, String model, long id) {
        if (register != null && !register.isBlank()) {
            try {
                JsonNode last = Exchange.JSON.readTree(register).get("last_failure");
                if (last != null && last.isNumber()) {
                    return Instant.ofEpochMilli((long) (last.asDouble() * 1000)).toString();
                }
                if (last != null && last.isTextual() && !last.asText().isEmpty()) {
                    return last.asText();
                }
            } catch (Exception e) {
                LOG.debug("unreadable backend_register of {} {}: {}", model, id, e.getMessage());
            }
        }
        return updated == null ? null : updated.toString();
    }

    private static Instant instantOf(Object when) {
        try {
            return when == null ? null : Instant.parse(when.toString());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private List<Map<String, Object>> sections() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (StatusContributor c : contributors.get()) {
            Map<String, Object> section = new LinkedHashMap<>();
            section.put("name", c.statusSection());
            List<Map<String, Object>> rows = new ArrayList<>();
            try {
                for (StatusContributor.StepStatus s : c.stepStatus()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("step", s.step());
                    s.values().forEach((k, v) -> row.put(k, v instanceof Instant i
                            ? i.truncatedTo(ChronoUnit.MILLIS).toString() : v));
                    rows.add(row);
                }
            } catch (RuntimeException e) {
                LOG.warn("status section {} failed: {}", c.statusSection(), e.toString());
                section.put("error", String.valueOf(e.getMessage()));
            }
            section.put("rows", rows);
            out.add(section);
        }
        return out;
    }

    /** Runs each check, turning a failing check into "not ready" with the failure as detail. */
    static List<Map<String, Object>> readinessChecks(List<Readiness> checks) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Readiness r : checks) {
            boolean ready;
            String detail;
            try {
                ready = r.ready();
                detail = r.detail();
            } catch (RuntimeException e) {
                ready = false;
                detail = "check failed: " + e;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", r.name());
            row.put("ready", ready);
            row.put("detail", detail);
            out.add(row);
        }
        return out;
    }
}
