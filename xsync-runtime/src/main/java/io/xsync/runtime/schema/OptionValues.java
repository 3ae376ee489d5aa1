package io.xsync.runtime.schema;

import io.xsync.runtime.schema.XprotoAst.Field;
import io.xsync.runtime.schema.XprotoAst.Option;
import io.xsync.runtime.schema.XprotoAst.ValueKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Converts the field options that matter into typed values, with positioned errors. */
final class OptionValues {
    private OptionValues() {
    }

    /** Every option as written (values unquoted); a repeated option keeps its last value. */
    static Map<String, String> asMap(List<Option> options) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Option o : options) {
            m.put(o.name(), o.value());
        }
        return m;
    }

    /** Whether the option is present and True. */
    static boolean isTrue(Field f, String key) {
        Option o = f.option(key);
        return o != null && o.isTrue();
    }

    /** {@code max_length} as an int, 0 when absent. */
    static int maxLength(Field f) {
        Option o = f.option("max_length");
        if (o == null) {
            return 0;
        }
        try {
            int n = Integer.parseInt(o.value());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new XprotoException(o.valueSource(), "max_length of field '" + f.name()
                + "' must be a non-negative integer, found '" + o.value() + "'");
    }

    /** The stored values of {@code choices}, empty when absent. */
    static List<String> choices(Field f) {
        Option o = f.option("choices");
        return o == null ? List.of() : ChoicesParser.values(o.value(), o.valueSource());
    }

    /**
     * The {@code default} converted to the Java type of {@code type}: String, Integer (int32,
     * uint32), Long (int64 and links), Boolean, Float, Double; null when absent or {@code None}.
     */
    static Object defaultValue(Field f) {
        Option o = f.option("default");
        if (o == null || (o.kind() == ValueKind.IDENT && o.value().equals("None"))) {
            return null;
        }
        if (f.type() == FieldType.LINK && !isInteger(o.value())) {
            return null; // e.g. the name of a Python function; the builder warns
        }
        try {
            Object v = convert(f.type(), o);
            if (v != null) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new XprotoException(o.valueSource(), "bad default for " + f.typeKeyword() + " field '"
                + f.name() + "': expected " + expectation(f.type()) + ", found " + describe(o));
    }

    /** Whether a link field's default is something other than an object id or None (ignored). */
    static boolean hasIgnoredLinkDefault(Field f) {
        Option o = f.option("default");
        return f.type() == FieldType.LINK && o != null && !o.value().equals("None") && !isInteger(o.value());
    }

    private static boolean isInteger(String v) {
        return v.matches("-?[0-9]+");
    }

    private static Object convert(FieldType type, Option o) {
        String v = o.value();
        switch (type) {
            case STRING:
                if (o.kind() == ValueKind.IDENT && ("true".equalsIgnoreCase(v) || "false".equalsIgnoreCase(v))) {
                    return v.toLowerCase(Locale.ROOT); // as XOS translates default = False
                }
                return o.kind() == ValueKind.IDENT ? null : v;
            case BOOL:
                return "true".equalsIgnoreCase(v) ? Boolean.TRUE
                        : "false".equalsIgnoreCase(v) ? Boolean.FALSE : null;
            case INT32:
                return Integer.valueOf(v);
            case UINT32:
                int u = Integer.parseInt(v);
                return u >= 0 ? u : null;
            case INT64:
            case LINK:
                return Long.valueOf(v);
            case FLOAT:
                return o.kind() == ValueKind.IDENT ? null : Float.valueOf(v);
            case DOUBLE:
                return o.kind() == ValueKind.IDENT ? null : Double.valueOf(v);
            default:
                return null;
        }
    }

    private static String expectation(FieldType type) {
        switch (type) {
            case STRING: return "a quoted string or None";
            case BOOL: return "True, False or None";
            case INT32: return "an int32 number or None";
            case UINT32: return "a number from 0 to 2147483647 or None";
            case INT64: return "an int64 number or None";
            case LINK: return "an object id or None";
            default: return "a number or None";
        }
    }

    private static String describe(Option o) {
        return o.kind() == ValueKind.STRING ? "\"" + o.value() + "\"" : o.value();
    }
}
