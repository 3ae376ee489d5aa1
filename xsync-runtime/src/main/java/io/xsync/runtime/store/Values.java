package io.xsync.runtime.store;

import io.xsync.api.ModelException;
import io.xsync.api.ModelObject;
import io.xsync.runtime.schema.FieldDef;
import io.xsync.runtime.schema.FieldType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Date;

/**
 * Field values: conversion of what callers pass to the Java type of a field (strict: a wrong type is
 * {@link ModelException} INVALID_VALUE naming field and expected type), parsing of text input, and
 * JDBC binding and reading.
 */
public final class Values {
    private Values() {
    }

    /**
     * {@code value} as the Java type of {@code field}: String, Integer (int32, uint32), Long (int64,
     * links; a saved {@link ModelObject} gives its id), Boolean, Float, Double or Instant (micro
     * precision). Numbers convert when the value fits exactly.
     */
    public static Object convert(String model, FieldDef field, Object value) {
        if (value == null) {
            return null;
        }
        switch (field.type()) {
            case STRING:
                if (value instanceof CharSequence) {
                    return checkText(model, field, value.toString());
                }
                throw wrongType(model, field, value);
            case INT32:
            case UINT32:
                return toInt(model, field, value);
            case INT64:
                return toLong(model, field, value);
            case LINK:
                if (value instanceof ModelObject) {
                    ModelObject o = (ModelObject) value;
                    if (o.isNew()) {
                        throw new ModelException(ModelException.Kind.INVALID_VALUE, "field " + model + "."
                                + field.name() + " cannot link to an unsaved " + o.model().name());
                    }
                    return o.id();
                }
                return toLong(model, field, value);
            case BOOL:
                if (value instanceof Boolean) {
                    return value;
                }
                throw wrongType(model, field, value);
            case FLOAT:
                if (value instanceof Number) {
                    return ((Number) value).floatValue();
                }
                throw wrongType(model, field, value);
            case DOUBLE:
                if (value instanceof Number) {
                    return ((Number) value).doubleValue();
                }
                throw wrongType(model, field, value);
            case TIMESTAMP:
                return toInstant(model, field, value);
            default:
                throw new IllegalStateException("unhandled type " + field.type());
        }
    }

    /** Parses text input (query strings, command lines) into the Java type of {@code field}. */
    public static Object parse(String model, FieldDef field, String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        try {
            switch (field.type()) {
                case STRING: return checkText(model, field, text);
                case INT32: case UINT32: return convert(model, field, Long.parseLong(t));
                case INT64: case LINK: return Long.parseLong(t);
                case BOOL:
                    if ("true".equalsIgnoreCase(t) || "1".equals(t)) {
                        return Boolean.TRUE;
                    }
                    if ("false".equalsIgnoreCase(t) || "0".equals(t)) {
                        return Boolean.FALSE;
                    }
                    throw wrongType(model, field, text);
                case FLOAT: return Float.parseFloat(t);
                case DOUBLE: return Double.parseDouble(t);
                case TIMESTAMP: return toInstant(model, field, OffsetDateTime.parse(t));
                default: throw new IllegalStateException("unhandled type " + field.type());
            }
        } catch (NumberFormatException | DateTimeException e) {
            throw wrongType(model, field, text);
        }
    }

    /** Earliest timestamp stored: 0001-01-01T00:00:00Z (both databases hold it exactly). */
    public static final Instant MIN_TIMESTAMP = Instant.parse("0001-01-01T00:00:00Z");
    /** Latest timestamp stored: the last microsecond of 9999. */
    public static final Instant MAX_TIMESTAMP = Instant.parse("9999-12-31T23:59:59.999999Z");

    /**
     * {@code text} unchanged, or INVALID_VALUE when it holds an unpaired UTF-16 surrogate: such a
     * string is not Unicode and cannot be encoded (in the database, in JSON, by step code).
     */
    private static String checkText(String model, FieldDef field, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new ModelException(ModelException.Kind.INVALID_VALUE, "field " + model + "." + field.name()
                        + " contains an unpaired UTF-16 surrogate (\\u" + Integer.toHexString(c)
                        + " at index " + i + "): not valid Unicode");
            }
        }
        return text;
    }

    /** The expected-type wording used in error messages. */
    static String typeName(FieldType type) {
        switch (type) {
            case STRING: return "a string";
            case INT32: return "an int32";
            case UINT32: return "a uint32";
            case INT64: return "an int64";
            case LINK: return "an object id (int64) or a saved object";
            case BOOL: return "a boolean";
            case FLOAT: return "a float";
            case DOUBLE: return "a double";
            case TIMESTAMP: return "a timestamp (Instant)";
            default: return type.name();
        }
    }

    static void bind(PreparedStatement st, int index, FieldType type, Object value) throws SQLException {
        if (value == null) {
            st.setNull(index, sqlType(type));
            return;
        }
        switch (type) {
            case STRING: st.setString(index, (String) value); break;
            case INT32: case UINT32: st.setInt(index, (Integer) value); break;
            case INT64: case LINK: st.setLong(index, (Long) value); break;
            case BOOL: st.setBoolean(index, (Boolean) value); break;
            case FLOAT: st.setFloat(index, (Float) value); break;
            case DOUBLE: st.setDouble(index, (Double) value); break;
            case TIMESTAMP: st.setObject(index, OffsetDateTime.ofInstant((Instant) value, ZoneOffset.UTC)); break;
            default: throw new IllegalStateException("unhandled type " + type);
        }
    }

    static Object read(ResultSet rs, int index, FieldType type) throws SQLException {
        Object v;
        switch (type) {
            case STRING: return rs.getString(index);
            case INT32: case UINT32: v = rs.getInt(index); break;
            case INT64: case LINK: v = rs.getLong(index); break;
            case BOOL: v = rs.getBoolean(index); break;
            case FLOAT: v = rs.getFloat(index); break;
            case DOUBLE: v = rs.getDouble(index); break;
            case TIMESTAMP:
                OffsetDateTime t = rs.getObject(index, OffsetDateTime.class);
                return t == null ? null : t.toInstant();
            default: throw new IllegalStateException("unhandled type " + type);
        }
        return rs.wasNull() ? null : v;
    }

    private static int sqlType(FieldType type) {
        switch (type) {
            case STRING: return Types.VARCHAR;
            case INT32: case UINT32: return Types.INTEGER;
            case INT64: case LINK: return Types.BIGINT;
            case BOOL: return Types.BOOLEAN;
            case FLOAT: return Types.REAL;
            case DOUBLE: return Types.DOUBLE;
            case TIMESTAMP: return Types.TIMESTAMP_WITH_TIMEZONE;
            default: throw new IllegalStateException("unhandled type " + type);
        }
    }

    private static Integer toInt(String model, FieldDef field, Object value) {
        Long l = integral(value);
        if (l == null || l < Integer.MIN_VALUE || l > Integer.MAX_VALUE
                || field.type() == FieldType.UINT32 && l < 0) {
            throw wrongType(model, field, value);
        }
        return l.intValue();
    }

    private static Long toLong(String model, FieldDef field, Object value) {
        Long l = integral(value);
        if (l == null) {
            throw wrongType(model, field, value);
        }
        return l;
    }

    /** The value as a long if it is a whole number that fits, else null. */
    private static Long integral(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        try {
            if (value instanceof BigInteger) {
                return ((BigInteger) value).longValueExact();
            }
            if (value instanceof BigDecimal) {
                return ((BigDecimal) value).longValueExact();
            }
        } catch (ArithmeticException e) {
            return null;
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 0x1p53) {
                return (long) d;
            }
        }
        return null;
    }

    private static Instant toInstant(String model, FieldDef field, Object value) {
        Instant i;
        if (value instanceof Instant) {
            i = (Instant) value;
        } else if (value instanceof OffsetDateTime) {
            i = ((OffsetDateTime) value).toInstant();
        } else if (value instanceof ZonedDateTime) {
            i = ((ZonedDateTime) value).toInstant();
        } else if (value instanceof Date) {
            i = ((Date) value).toInstant();
        } else {
            throw wrongType(model, field, value);
        }
        if (i.isBefore(MIN_TIMESTAMP) || i.isAfter(MAX_TIMESTAMP)) {
            throw new ModelException(ModelException.Kind.INVALID_VALUE, "field " + model + "." + field.name()
                    + ": timestamp " + i + " is out of range (years 0001 to 9999)");
        }
        return i.truncatedTo(ChronoUnit.MICROS);
    }

    private static ModelException wrongType(String model, FieldDef field, Object value) {
        String shown = String.valueOf(value);
        if (shown.length() > 60) {
            shown = shown.substring(0, 57) + "...";
        }
        return new ModelException(ModelException.Kind.INVALID_VALUE, "field " + model + "." + field.name()
                + " expects " + typeName(field.type()) + ", got " + value.getClass().getSimpleName()
                + " '" + shown + "'");
    }
}
