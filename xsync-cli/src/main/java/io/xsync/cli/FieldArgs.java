package io.xsync.cli;

import io.xsync.api.ModelException;
import io.xsync.runtime.schema.FieldDef;
import io.xsync.runtime.schema.FieldType;
import io.xsync.runtime.schema.ModelDef;
import io.xsync.runtime.store.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;

/**
 * Turns {@code field=value} command-line arguments into typed values after the model's schema.
 * Filters may carry an operator suffix ({@code name__startswith=J}, {@code id__in=1,2,3}).
 */
final class FieldArgs {
    private static final String IN = "__in";
    private static final String ISNULL = "__isnull";

    private FieldArgs() {
    }

    /** Assignments for create/update: every key must be a field of the model. */
    static Map<String, Object> values(CommandLine cl, ModelDef model, List<String> args) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String arg : args) {
            String[] kv = split(cl, arg);
            if (model.manyToMany(kv[0]) != null) {
                values.put(kv[0], ids(kv[1])); // peers=1,2,3 (empty: none); the store checks each id
            } else {
                values.put(kv[0], convert(model, field(model, kv[0]), kv[1]));
            }
        }
        return values;
    }

    /** Filter criteria for list: keys may carry an operator suffix. */
    static Map<String, Object> criteria(CommandLine cl, ModelDef model, List<String> args) {
        Map<String, Object> criteria = new LinkedHashMap<>();
        for (String arg : args) {
            String[] kv = split(cl, arg);
            String key = kv[0];
            if (model.manyToMany(key.endsWith(IN) ? key.substring(0, key.length() - IN.length()) : key) != null) {
                criteria.put(key, key.endsWith(IN) ? ids(kv[1]) : kv[1].trim());
                continue;
            }
            int op = key.indexOf("__");
            FieldDef field = field(model, op < 0 ? key : key.substring(0, op));
            if (key.endsWith(ISNULL)) {
                criteria.put(key, parseBool(model, field, kv[1]));
            } else if (key.endsWith(IN)) {
                List<Object> items = new ArrayList<>();
                for (String item : kv[1].split(",")) {
                    items.add(convert(model, field, item.trim()));
                }
                criteria.put(key, items);
            } else {
                criteria.put(key, convert(model, field, kv[1]));
            }
        }
        return criteria;
    }

    /** A comma-separated list of ids as text items; empty text is the empty list. */
    private static List<String> ids(String text) {
        List<String> out = new ArrayList<>();
        for (String item : text.split(",")) {
            if (!item.isBlank()) {
                out.add(item.trim());
            }
        }
        return out;
    }

    private static String[] split(CommandLine cl, String arg) {
        int eq = arg.indexOf('=');
        if (eq <= 0) {
            throw new CommandLine.ParameterException(cl, "expected field=value, got '" + arg + "'");
        }
        return new String[] {arg.substring(0, eq), arg.substring(eq + 1)};
    }

    private static FieldDef field(ModelDef model, String name) {
        FieldDef f = model.field(name);
        if (f == null) {
            throw new ModelException(ModelException.Kind.UNKNOWN_FIELD, "model " + model.name() + " has no field '"
                    + name + "' (fields: " + String.join(", ", model.fieldNames()) + ")");
        }
        return f;
    }

    /** The text converted to the field's Java type; an empty text is null for every type but string. */
    static Object convert(ModelDef model, FieldDef field, String text) {
        if (text.isEmpty() && field.type() != FieldType.STRING) {
            return null;
        }
        return Values.parse(model.name(), field, text);
    }

    private static Boolean parseBool(ModelDef model, FieldDef field, String text) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "true": return Boolean.TRUE;
            case "false": return Boolean.FALSE;
            default: throw invalid(model, field, text);
        }
    }

    private static ModelException invalid(ModelDef model, FieldDef field, String text) {
        return new ModelException(ModelException.Kind.INVALID_VALUE, "field " + model.name() + "." + field.name()
                + ": '" + text + "' is not a boolean");
    }
}
