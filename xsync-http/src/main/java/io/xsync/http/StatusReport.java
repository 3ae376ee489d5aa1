package io.xsync.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.xsync.api.Model;
import io.xsync.api.ModelObject;
import io.xsync.api.Models;
import io.xsync.runtime.Readiness;
import io.xsync.runtime.StatusContributor;
import io.xsync.runtime.store.Actor;
import io.xsync.runtime.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status summary behind {@code GET /api/status}, the status page and {@code xsync status}:
 * per-model counts and the latest errors read from the store, plus the sections and readiness
 * checks that engines contribute. Produces plain maps and lists, ready for JSON.
 *
 * <p>Counts: {@code ok} = live, {@code backend_code} 1 and not dirty for sync; {@code error} =
 * live with {@code backend_code} 2; {@code pending} = every other live object; {@code deleted} =
 * soft-deleted rows not purged yet.
 */
public final class StatusReport {
    /** How many of the latest errors the summary lists. */
    public static final int MAX_ERRORS = 20;
    private static final Logger LOG = LoggerFactory.getLogger(StatusReport.class);

    private final String name;
    private final Store store;
    private final Supplier<List<StatusContributor>> contributors;
    private final Supplier<List<Readiness>> readiness;

    /**
     * @param name         the synchronizer name
     * @param store        the model store
     * @param contributors the engines' status sections (asked on every collect)
     * @param readiness    readiness checks to include (asked on every collect)
     */
    public StatusReport(String name, Store store, Supplier<List<StatusContributor>> contributors,
                        Supplier<List<Readiness>> readiness) {
        this.name = name;
        this.store = store;
        this.contributors = contributors;
        this.readiness = readiness;
    }

    /** Collects the summary now. */
    public Map<String, Object> collect() {
        Models models = store.models(Actor.API);
        List<Map<String, Object>> counts = new ArrayList<>();
        List<Map<String, Object>> errors = new ArrayList<>();
        for (String modelName : store.schema().models().stream().map(d -> d.name()).toList()) {
            Model model = models.get(modelName);
            counts.add(counts(model));
            errors.addAll(errors(model));
        }
        errors.sort(Comparator.comparing((Map<String, Object> e) -> instantOf(e.get("when")),
                Comparator.nullsFirst(Comparator.naturalOrder())).reversed());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("generated", Instant.now().toString());
        out.put("models", counts);
        out.put("errors", errors.size() > MAX_ERRORS ? errors.subList(0, MAX_ERRORS) : errors);
        out.put("sections", sections());
        out.put("readiness", readinessChecks(readiness.get()));
        return out;
    }

    private Map<String, Object> counts(Model model) {
        long live = model.count(Map.of());
        long deleted = model.count(Map.of("deleted", true));
        long error = model.count(Map.of("backend_code", 2));
        long code1 = model.count(Map.of("backend_code", 1));
        long dirtyCode1 = store.dirtyForSync(model.name()).stream()
                .filter(o -> o.getLong("backend_code") == 1).count();
        long ok = code1 - dirtyCode1;
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("model", model.name());
        row.put("total", live);
        row.put("ok", ok);
        row.put("pending", live - ok - error);
        row.put("error", error);
        row.put("deleted", deleted);
        return row;
    }

    private static List<Map<String, Object>> errors(Model model) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ModelObject o : model.filter(Map.of("backend_code", 2))) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("model", model.name());
            e.put("id", o.id());
            e.put("message", o.getString("backend_status"));
            e.put("when", failureTime(o));
            out.add(e);
        }
        return out;
    }

    /** {@code last_failure} from the retry bookkeeping when it is there, else {@code updated}. */
    static String failureTime(ModelObject o) {
        String register = o.getString("backend_register");
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
                LOG.debug("unreadable backend_register of {} {}: {}", o.model().name(), o.id(), e.getMessage());
            }
        }
        Instant updated = o.getInstant("updated");
        return updated == null ? null : updated.toString();
    }

    private static Instant instantOf(Object when) {
        try {
            return when == null ? null : Instant.parse(when.toString());
        } catch (java.time.format.DateTimeParseException e) {
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
                    s.values().forEach((k, v) -> row.put(k, v instanceof Instant i ? i.toString() : v));
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
