package io.xsync.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.xsync.api.Model;
import io.xsync.api.ModelObject;
import io.xsync.api.Models;
import io.xsync.runtime.schema.ModelDef;
import io.xsync.runtime.schema.Schema;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.MDC;

/**
 * REST access to model objects under {@code /api/models}, as a non-synchronizer (API) caller:
 * list with filters and paging, read, create, update, soft delete. Sets the MDC keys
 * {@code model} and {@code object} for the request's log lines (cleared by the caller).
 */
final class ModelsResource {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 10_000;
    /** Above this many matches a listing's {@code total} is left out unless {@code count=exact}. */
    static final long COUNT_CAP = 10_000;

    private final Models models;
    private final Schema schema;

    ModelsResource(Models models, Schema schema) {
        this.models = models;
        this.schema = schema;
    }

    /** Handles {@code /api/models[/{model}[/{id}]]}; {@code segments} start after "models". */
    void handle(Exchange ex, List<String> segments) {
        String method = ex.method();
        if (segments.isEmpty()) {
            requireMethod(method, "GET");
            ex.json(200, Map.of("models", models.names()));
            return;
        }
        ModelDef def = schema.model(segments.get(0));
        Model model = models.get(def.name());
        MDC.put("model", def.name());
        if (segments.size() == 1) {
            switch (method) {
                case "GET" -> list(ex, def, model);
                case "POST" -> create(ex, def, model);
                default -> throw notAllowed(method, "GET, POST");
            }
        } else if (segments.size() == 2) {
            MDC.put("object", segments.get(1));
            ModelObject object = find(model, segments.get(1));
            switch (method) {
                case "GET" -> ex.json(200, FieldValues.toJson(object));
                case "PATCH", "PUT" -> update(ex, def, object);
                case "DELETE" -> delete(ex, object);
                default -> throw notAllowed(method, "GET, PATCH, PUT, DELETE");
            }
        } else {
            throw HttpError.notFound("no such resource: " + ex.path());
        }
    }

    private void list(Exchange ex, ModelDef def, Model model) {
        Map<String, String> query = new LinkedHashMap<>(ex.query());
        int limit = intParam(query.remove("limit"), "limit", DEFAULT_LIMIT);
        String offsetParam = query.remove("offset");
        int offset = intParam(offsetParam, "offset", 0);
        String after = query.remove("after");
        String count = query.remove("count");
        if (count != null && !count.equals("exact") && !count.equals("capped")) {
            throw HttpError.badRequest("bad value for 'count': '" + count + "' (expected exact or capped)");
        }
        if (limit > MAX_LIMIT) {
            throw HttpError.badRequest("limit must be at most " + MAX_LIMIT);
        }
        Map<String, Object> criteria = new LinkedHashMap<>();
        query.forEach((k, v) -> criteria.put(k, FieldValues.criterion(def, k, v)));
        Map<String, Object> counted = new LinkedHashMap<>(criteria);
        if (after != null) {
            if (offsetParam != null || criteria.containsKey("id__gt")) {
                throw HttpError.badRequest("'after' pages by id: leave out 'offset' and 'id__gt'");
            }
            criteria.put("id__gt", longParam(after, "after", 0));
        }
        List<ModelObject> page = model.page(criteria, limit, offset);
        List<Map<String, Object>> items = new ArrayList<>();
        for (ModelObject o : page) {
            items.add(FieldValues.toJson(o));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", items);
        putTotal(body, model, counted, "exact".equals(count));
        body.put("limit", limit);
        body.put("offset", offset);
        if (limit > 0 && page.size() == limit) {
            body.put("next_after", page.get(page.size() - 1).id());
        }
        ex.json(200, body);
    }

    /**
     * The number of matches, counted by the database up to {@link #COUNT_CAP} so that a listing
     * costs the same on a large table: beyond it, {@code total} is null and {@code total_over}
     * says so ({@code count=exact} counts them all).
     */
    private static void putTotal(Map<String, Object> body, Model model, Map<String, Object> criteria, boolean exact) {
        if (exact) {
            body.put("total", model.count(criteria));
            return;
        }
        long counted = model.count(criteria, COUNT_CAP + 1);
        body.put("total", counted > COUNT_CAP ? null : counted);
        if (counted > COUNT_CAP) {
            body.put("total_over", COUNT_CAP);
        }
    }

    private void create(Exchange ex, ModelDef def, Model model) {
        JsonNode body = objectBody(ex);
        JsonNode id = body.get("id");
        if (id != null && !id.isNull()) {
            throw HttpError.badRequest("'id' is generated; leave it out when creating");
        }
        ModelObject object = model.newObject();
        apply(def, object, body);
        object.save();
        ex.json(201, FieldValues.toJson(object));
    }

    private void update(Exchange ex, ModelDef def, ModelObject object) {
        JsonNode body = objectBody(ex);
        JsonNode id = body.get("id");
        if (id != null && !id.isNull() && id.asLong() != object.id()) {
            throw HttpError.badRequest("'id' in the body (" + id.asText() + ") differs from the path ("
                    + object.id() + ")");
        }
        apply(def, object, body);
        object.save();
        ex.json(200, FieldValues.toJson(object));
    }

    private void delete(Exchange ex, ModelObject object) {
        object.delete();
        object.refresh();
        ex.json(200, FieldValues.toJson(object));
    }

    private static void apply(ModelDef def, ModelObject object, JsonNode body) {
        Iterator<Map.Entry<String, JsonNode>> it = body.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("id")) {
                continue;
            }
            object.set(e.getKey(), FieldValues.fromJson(def, e.getKey(), e.getValue()));
        }
    }

    private static JsonNode objectBody(Exchange ex) {
        JsonNode body = ex.jsonBody();
        if (!body.isObject()) {
            throw HttpError.badRequest("expected a JSON object of field values");
        }
        return body;
    }

    private static ModelObject find(Model model, String idText) {
        long id;
        try {
            id = Long.parseLong(idText);
        } catch (NumberFormatException e) {
            throw HttpError.badRequest("bad id '" + idText + "': expected an integer");
        }
        return model.get(id).orElseThrow(() -> HttpError.notFound("no " + model.name() + " with id " + id));
    }

    private static int intParam(String text, String name, int def) {
        long v = longParam(text, name, def);
        if (v > Integer.MAX_VALUE) {
            throw HttpError.badRequest("bad value for '" + name + "': '" + text + "' is not an integer");
        }
        return (int) v;
    }

    private static long longParam(String text, String name, long def) {
        if (text == null) {
            return def;
        }
        try {
            long v = Long.parseLong(text);
            if (v < 0) {
                throw HttpError.badRequest(name + " must not be negative");
            }
            return v;
        } catch (NumberFormatException e) {
            throw HttpError.badRequest("bad value for '" + name + "': '" + text + "' is not an integer");
        }
    }

    private static void requireMethod(String method, String allowed) {
        if (!method.equals(allowed)) {
            throw notAllowed(method, allowed);
        }
    }

    static HttpError notAllowed(String method, String allowed) {
        return new HttpError(405, "method " + method + " not allowed here (allowed: " + allowed + ")");
    }
}
