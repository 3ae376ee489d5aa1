package io.xsync.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.xsync.api.ModelObject;
import io.xsync.runtime.schema.FieldDef;
import io.xsync.runtime.schema.FieldType;
import io.xsync.runtime.schema.ModelDef;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Converts between the wire (query strings, JSON) and typed field values of a model. */
final class FieldValues {
    /** Filter operator suffixes (see {@link io.xsync.api.Model}). */
    private static final List<String> OPERATORS = List.of("__ne", "__gte", "__gt", "__lte", "__lt", "__in",
            "__contains", "__startswith", "__isnull");
    private static final Set<String> TEXT_OPERATORS = Set.of("__contains", "__startswith");

    private FieldValues() {
    }

    /** Object fields as JSON-friendly values: instants become ISO-8601 strings. */
    static Map<String, Object> toJson(ModelObject object) {
        Map<String, Object> out = new LinkedHashMap<>();
        object.fields().forEach((k, v) -> out.put(k, v instanceof Instant i ? i.toString() : v));
        return out;
    }

    /** A filter criterion {@code name[__op]=text} converted to the field's type. */
    static Object criterion(ModelDef model, String key, String text) {
        String op = operatorOf(key);
        String name = key.substring(0, key.length() - op.length());
        if (model.manyToMany(name) != null) {
            return linkCriterion(key, op, text);
        }
        FieldDef field = field(model, name);
        if (op.equals("__isnull")) {
            return parseBool(key, text);
        }
        if (op.equals("__in")) {
            List<Object> values = new ArrayList<>();
            for (String part : text.split(",", -1)) {
                values.add(parse(field, key, part.trim()));
            }
            return values;
        }
        if (TEXT_OPERATORS.contains(op)) {
            return text;
        }
        return parse(field, key, text);
    }

    /** A manytomany criterion: one peer id, or with {@code __in} a comma-separated list of them. */
    private static Object linkCriterion(String key, String op, String text) {
        if (op.equals("__in")) {
            List<Long> ids = new ArrayList<>();
            for (String part : text.split(",", -1)) {
                ids.add(peerId(key, part.trim()));
            }
            return ids;
        }
        if (!op.isEmpty()) {
            throw HttpError.badRequest("'" + key + "': a manytomany link filters by a peer id or with __in");
        }
        return peerId(key, text);
    }

    private static Long peerId(String what, String text) {
        try {
            return Long.valueOf(text);
        } catch (NumberFormatException e) {
            throw HttpError.badRequest("bad value for '" + what + "': '" + text + "' is not an object id (int64)");
        }
    }

    /**
     * A JSON value for {@code field} converted to its type; JSON null gives null. A manytomany link
     * ({@code <link>_ids}) takes an array of peer ids.
     */
    static Object fromJson(ModelDef model, String name, JsonNode node) {
        if (model.manyToMany(name) != null) {
            return peerIds(model, name, node);
        }
        FieldDef field = field(model, name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isContainerNode()) {
            throw HttpError.badRequest("field '" + name + "' of " + model.name() + ": expected a "
                    + typeName(field.type()) + ", got " + node.getNodeType().toString().toLowerCase());
        }
        return parse(field, name, node.asText());
    }

    private static List<Long> peerIds(ModelDef model, String name, JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw HttpError.badRequest("field '" + name + "' of " + model.name() + ": expected an array of object ids, got "
                    + node.getNodeType().toString().toLowerCase());
        }
        List<Long> ids = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.canConvertToLong() || !item.isIntegralNumber()) {
                throw HttpError.badRequest("field '" + name + "' of " + model.name() + ": '" + item
                        + "' is not an object id (int64)");
            }
            ids.add(item.asLong());
        }
        return ids;
    }

    private static String operatorOf(String key) {
        for (String op : OPERATORS) {
            if (key.endsWith(op) && key.length() > op.length()) {
                return op;
            }
        }
        return "";
    }

    private static FieldDef field(ModelDef model, String name) {
        FieldDef f = model.field(name);
        if (f == null) {
            throw HttpError.badRequest("unknown field '" + name + "' of model " + model.name());
        }
        return f;
    }

    private static Object parse(FieldDef field, String what, String text) {
        try {
            switch (field.type()) {
                case STRING: return text;
                case INT32: case UINT32: return Integer.valueOf(text);
                case INT64: case LINK: return Long.valueOf(text);
                case BOOL: return parseBool(what, text);
                case FLOAT: return Float.valueOf(text);
                case DOUBLE: return Double.valueOf(text);
                case TIMESTAMP: return Instant.parse(text);
                default: throw new IllegalStateException("unhandled type " + field.type());
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            throw HttpError.badRequest("bad value for '" + what + "': '" + text + "' is not a "
                    + typeName(field.type()));
        }
    }

    private static Boolean parseBool(String what, String text) {
        if (text.equalsIgnoreCase("true") || text.equals("1")) {
            return Boolean.TRUE;
        }
        if (text.equalsIgnoreCase("false") || text.equals("0")) {
            return Boolean.FALSE;
        }
        throw HttpError.badRequest("bad value for '" + what + "': '" + text + "' is not a boolean");
    }

    private static String typeName(FieldType type) {
        switch (type) {
            case TIMESTAMP: return "timestamp (ISO-8601, e.g. 2024-01-31T12:00:00Z)";
            case LINK: return "object id (int64)";
            default: return type.name().toLowerCase();
        }
    }
}
