package io.xsync.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.xsync.api.ModelObject;
import io.xsync.runtime.schema.FieldDef;
import io.xsync.runtime.schema.FieldType;
import io.xsync.runtime.schema.ModelDef;
import io.xsync.runtime.store.Values;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
                values.add(parse(model, field, part.trim()));
            }
            return values;
        }
        if (TEXT_OPERATORS.contains(op)) {
            return text;
        }
        return parse(model, field, text);
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
     * A JSON value for {@code field} converted to its type; JSON null gives null. The JSON type must
     * match the field's: a string for string and timestamp fields, a number for numeric fields and
     * links, true/false for booleans (400 naming the field otherwise). A manytomany link
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
        return scalar(model, field, node);
    }

    /** One JSON scalar as the Java value of {@code field}'s type; 400 when the JSON type does not fit. */
    static Object scalar(ModelDef model, FieldDef field, JsonNode node) {
        FieldType type = field.type();
        boolean fits = switch (type) {
            case STRING, TIMESTAMP -> node.isTextual();
            case BOOL -> node.isBoolean();
            case INT32, UINT32, INT64, LINK -> node.isIntegralNumber();
            case FLOAT, DOUBLE -> node.isNumber();
        };
        if (!fits) {
            throw HttpError.badRequest("field '" + field.name() + "' of " + model.name() + ": expected "
                    + jsonTypeOf(type) + ", got " + describe(node));
        }
        if (type == FieldType.TIMESTAMP) {
            return Values.parse(model.name(), field, node.textValue());
        }
        Object value = node.isTextual() ? node.textValue() : node.isBoolean() ? node.booleanValue() : node.numberValue();
        return Values.convert(model.name(), field, value);
    }

    private static String jsonTypeOf(FieldType type) {
        return switch (type) {
            case STRING -> "a JSON string";
            case TIMESTAMP -> "a JSON string holding an ISO-8601 timestamp (e.g. 2024-01-31T12:00:00Z)";
            case BOOL -> "true or false";
            case INT32, UINT32, INT64 -> "a whole JSON number";
            case LINK -> "an object id (a whole JSON number)";
            case FLOAT, DOUBLE -> "a JSON number";
        };
    }

    private static String describe(JsonNode node) {
        String text = node.toString();
        if (text.length() > 40) {
            text = text.substring(0, 37) + "...";
        }
        return node.getNodeType().toString().toLowerCase(Locale.ROOT) + " " + text;
    }

    private static List<Long> peerIds(ModelDef model, String name, JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw HttpError.badRequest("field '" + name + "' of " + model.name() + ": expected an array of object ids, got "
                    + node.getNodeType().toString().toLowerCase(Locale.ROOT));
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

    private static Object parse(ModelDef model, FieldDef field, String text) {
        return Values.parse(model.name(), field, text);
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
}
