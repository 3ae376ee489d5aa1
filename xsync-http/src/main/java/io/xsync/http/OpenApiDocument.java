package io.xsync.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.xsync.runtime.internal.XsyncVersion;
import io.xsync.runtime.schema.FieldDef;
import io.xsync.runtime.schema.FieldType;
import io.xsync.runtime.schema.LinkDef;
import io.xsync.runtime.schema.ModelDef;
import io.xsync.runtime.schema.Schema;
import io.xsync.runtime.store.ClientWrites;

/**
 * The OpenAPI 3.0 description of the HTTP API served at {@code /openapi.json}, built from the
 * synchronizer's models: one schema per model (fields typed as stored, client-read-only fields
 * marked {@code readOnly}, manytomany values as {@code <field>_ids} lists) and concrete paths per
 * model, so that a client generator gets typed models.
 */
final class OpenApiDocument {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenApiDocument() {
    }

    /** The document for a synchronizer named {@code name} over {@code schema}. */
    static ObjectNode of(String name, Schema schema) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("openapi", "3.0.3");
        doc.putObject("info").put("title", "xsync synchronizer '" + name + "'").put("version", XsyncVersion.get())
                .put("description", "Model API, status and health of an xsync synchronizer. Reads need"
                        + " credentials when http.auth.read is set; writes always do (HTTP Basic).");
        ObjectNode components = doc.putObject("components");
        components.putObject("securitySchemes").putObject("basic").put("type", "http").put("scheme", "basic");
        ObjectNode schemas = components.putObject("schemas");
        schemas.set("Error", object().set("properties", JSON.createObjectNode().set("error", type("string"))));
        ObjectNode paths = doc.putObject("paths");
        fixedPaths(paths);
        for (ModelDef model : schema.models()) {
            schemas.set(model.name(), modelSchema(model));
            modelPaths(paths, model.name());
        }
        return doc;
    }

    private static void fixedPaths(ObjectNode paths) {
        get(paths, "/healthz", "Liveness: 200 while the process runs", "health", null);
        get(paths, "/readyz", "Readiness: 200 when every check is ready, else 503, with the checks", "health", null);
        get(paths, "/metrics", "Prometheus metrics in text format", "operations", null);
        get(paths, "/", "The status page (HTML)", "operations", null);
        get(paths, "/api/status", "The status summary as JSON (what xsync status prints)", "operations", null);
        get(paths, "/api/models", "Names of the models", "models", null);
        get(paths, "/openapi.json", "This document", "operations", null);
    }

    private static void modelPaths(ObjectNode paths, String model) {
        String ref = "#/components/schemas/" + model;
        ObjectNode collection = paths.putObject("/api/models/" + model);
        ObjectNode list = operation(collection, "get", "List " + model + " objects; query parameters filter by"
                + " field (name=value, name__gt=..., name__in=a,b, name__isnull=true, ...)", "models");
        ArrayNode params = list.putArray("parameters");
        params.add(queryParam("limit", "How many objects to return (default 100)"));
        params.add(queryParam("offset", "How many matching objects to skip (the database reads them all)"));
        params.add(queryParam("after", "Keyset paging: only objects whose id is greater (pass the next_after of"
                + " the previous page); each page costs the same however deep", type("integer")));
        params.add(queryParam("count", "'capped' (default): total is counted up to 10000 and null above, with"
                + " total_over; 'exact': always count every match", type("string").set("enum",
                JSON.createArrayNode().add("capped").add("exact"))));
        ObjectNode page = object();
        page.putObject("properties").set("items", JSON.createObjectNode().put("type", "array")
                .set("items", JSON.createObjectNode().put("$ref", ref)));
        ((ObjectNode) page.get("properties")).set("total", type("integer")
                .put("description", "Matching objects; null when more than total_over (ask count=exact)"));
        ((ObjectNode) page.get("properties")).set("total_over", type("integer")
                .put("description", "Present when total is null: there are more matches than this"));
        ((ObjectNode) page.get("properties")).set("limit", type("integer"));
        ((ObjectNode) page.get("properties")).set("offset", type("integer"));
        ((ObjectNode) page.get("properties")).set("next_after", type("integer")
                .put("description", "Present when the page is full: the after of the next page"));
        respond(list, "200", "One page of objects", page);
        ObjectNode create = operation(collection, "post", "Create a " + model, "models");
        body(create, ref);
        respond(create, "201", "The created object", JSON.createObjectNode().put("$ref", ref));

        ObjectNode item = paths.putObject("/api/models/" + model + "/{id}");
        item.putArray("parameters").add(JSON.createObjectNode().put("name", "id").put("in", "path")
                .put("required", true).set("schema", type("integer")));
        respond(operation(item, "get", "One " + model, "models"), "200", "The object",
                JSON.createObjectNode().put("$ref", ref));
        for (String method : new String[] {"patch", "put"}) {
            ObjectNode update = operation(item, method, "Change fields of a " + model + " (only the fields given)",
                    "models");
            body(update, ref);
            respond(update, "200", "The updated object", JSON.createObjectNode().put("$ref", ref));
        }
        respond(operation(item, "delete", "Delete a " + model + " (soft delete with cascade)", "models"), "200",
                "The deleted object", JSON.createObjectNode().put("$ref", ref));
    }

    private static ObjectNode modelSchema(ModelDef model) {
        ObjectNode s = object();
        s.put("description", "Model " + model.name() + (model.parents().isEmpty() ? ""
                : " (inherits " + String.join(", ", model.parents()) + ")"));
        ObjectNode props = s.putObject("properties");
        for (FieldDef f : model.fields()) {
            props.set(f.name(), fieldSchema(f));
        }
        for (LinkDef l : model.manyToManyLinks()) {
            props.set(l.field() + "_ids", JSON.createObjectNode().put("type", "array")
                    .put("description", "ids of the linked " + l.peer() + " objects")
                    .set("items", JSON.createObjectNode().put("type", "integer").put("format", "int64")));
        }
        return s;
    }

    private static ObjectNode fieldSchema(FieldDef f) {
        ObjectNode s = JSON.createObjectNode();
        switch (f.type()) {
            case STRING -> s.put("type", "string");
            case TIMESTAMP -> s.put("type", "string").put("format", "date-time");
            case BOOL -> s.put("type", "boolean");
            case INT32 -> s.put("type", "integer").put("format", "int32");
            case UINT32 -> s.put("type", "integer").put("format", "int64").put("minimum", 0);
            case INT64 -> s.put("type", "integer").put("format", "int64");
            case LINK -> s.put("type", "integer").put("format", "int64")
                    .put("description", "id of the linked " + f.link().peer());
            case FLOAT -> s.put("type", "number").put("format", "float");
            case DOUBLE -> s.put("type", "number").put("format", "double");
        }
        if (f.maxLength() > 0) {
            s.put("maxLength", f.maxLength());
        }
        if (!f.choices().isEmpty()) {
            ArrayNode e = s.putArray("enum");
            f.choices().forEach(e::add);
        }
        if (f.nullable() || f.type() == FieldType.TIMESTAMP) {
            s.put("nullable", true);
        }
        String help = f.option("help_text");
        if (help != null && !help.isBlank()) {
            s.put("description", help);
        }
        if (ClientWrites.refusal(f) != null) {
            s.put("readOnly", true);
        }
        return s;
    }

    private static void get(ObjectNode paths, String path, String summary, String tag, ObjectNode schema) {
        ObjectNode op = operation(paths.putObject(path), "get", summary, tag);
        respond(op, "200", "OK", schema);
    }

    private static ObjectNode operation(ObjectNode path, String method, String summary, String tag) {
        ObjectNode op = path.putObject(method);
        op.put("summary", summary);
        op.putArray("tags").add(tag);
        ObjectNode responses = op.putObject("responses");
        ObjectNode error = JSON.createObjectNode().put("description", "An error, with its message");
        error.putObject("content").putObject("application/json").putObject("schema")
                .put("$ref", "#/components/schemas/Error");
        responses.set("default", error);
        return op;
    }

    private static void respond(ObjectNode op, String status, String description, ObjectNode schema) {
        ObjectNode r = ((ObjectNode) op.get("responses")).putObject(status).put("description", description);
        if (schema != null) {
            r.putObject("content").putObject("application/json").set("schema", schema);
        }
    }

    private static void body(ObjectNode op, String ref) {
        op.putArray("security").addObject().putArray("basic");
        op.putObject("requestBody").put("required", true).putObject("content").putObject("application/json")
                .putObject("schema").put("$ref", ref);
    }

    private static ObjectNode queryParam(String name, String description) {
        return queryParam(name, description, type("integer"));
    }

    private static ObjectNode queryParam(String name, String description, ObjectNode schema) {
        return JSON.createObjectNode().put("name", name).put("in", "query").put("description", description)
                .set("schema", schema);
    }

    private static ObjectNode object() {
        return JSON.createObjectNode().put("type", "object");
    }

    private static ObjectNode type(String type) {
        return JSON.createObjectNode().put("type", type);
    }
}
