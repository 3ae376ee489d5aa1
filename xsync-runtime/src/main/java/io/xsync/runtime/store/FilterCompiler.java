package io.xsync.runtime.store;

import io.xsync.api.ModelException;
import io.xsync.api.ModelObject;
import io.xsync.runtime.schema.FieldDef;
import io.xsync.runtime.schema.FieldType;
import io.xsync.runtime.schema.ManyToMany;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Turns filter criteria ({@code {"site": 3, "name__startswith": "a"}}) into a WHERE clause with
 * bound parameters. Keys are checked against the model; values are converted to the field type
 * (text is parsed, so query-string values work). A manytomany link ({@code <link>} or
 * {@code <link>_ids}) matches objects linked to the given peer id ({@code __in}: to any of the ids).
 * Deleted objects are excluded unless a key names {@code deleted}.
 */
final class FilterCompiler {
    /** A compiled filter: the WHERE clause (without the keyword) and its parameters in order. */
    record Compiled(String where, List<Param> params) {
    }

    /** One bound parameter. */
    record Param(FieldType type, Object value) {
    }

    private enum Op { EQ, NE, GT, GTE, LT, LTE, IN, CONTAINS, STARTSWITH, ISNULL }

    private FilterCompiler() {
    }

    static Compiled compile(Table table, Map<String, ?> criteria) {
        List<String> clauses = new ArrayList<>();
        List<Param> params = new ArrayList<>();
        boolean namesDeleted = false;
        for (Map.Entry<String, ?> e : criteria.entrySet()) {
            String key = e.getKey();
            String linkClause = manyToMany(table, key, e.getValue(), params);
            if (linkClause != null) {
                clauses.add(linkClause);
                continue;
            }
            Op op = Op.EQ;
            FieldDef field = table.find(key);
            int sep = key.lastIndexOf("__");
            if (field == null && sep > 0) {
                op = operator(table, key, key.substring(sep + 2));
                field = table.field(key.substring(0, sep));
            } else if (field == null) {
                table.field(key); // throws UNKNOWN_FIELD naming model and field
            }
            namesDeleted |= "deleted".equals(field.name());
            clauses.add(clause(table, field, op, e.getValue(), params));
        }
        if (!namesDeleted) {
            clauses.add("\"deleted\" = FALSE");
        }
        return new Compiled(clauses.isEmpty() ? "1 = 1" : String.join(" AND ", clauses), params);
    }

    /**
     * A manytomany criterion: {@code <link>} or {@code <link>_ids} equal to one peer id (objects linked
     * to it), or with {@code __in} a collection of ids (linked to any); null when {@code key} is not one.
     */
    private static String manyToMany(Table table, String key, Object raw, List<Param> params) {
        boolean in = key.endsWith("__in");
        ManyToMany m = table.manyToMany(in ? key.substring(0, key.length() - 4) : key);
        if (m == null) {
            return null;
        }
        Collection<?> values = in && raw instanceof Collection<?> c ? c : in ? null : Collections.singletonList(raw);
        if (values == null) {
            throw new ModelException(ModelException.Kind.INVALID_VALUE, "filter on " + table.model().name() + "."
                    + m.idsField() + ": __in expects a collection");
        }
        if (values.isEmpty()) {
            return "1 = 0";
        }
        FieldDef idField = table.field("id");
        for (Object v : values) {
            if (v == null) {
                throw new ModelException(ModelException.Kind.INVALID_VALUE, "filter on " + table.model().name()
                        + "." + m.idsField() + ": a peer id may not be null");
            }
            params.add(param(table, idField, v instanceof ModelObject o ? o.id() : v));
        }
        return ManyToManyValues.linkedTo(m, values.size());
    }

    private static Op operator(Table table, String key, String suffix) {
        switch (suffix) {
            case "ne": return Op.NE;
            case "gt": return Op.GT;
            case "gte": return Op.GTE;
            case "lt": return Op.LT;
            case "lte": return Op.LTE;
            case "in": return Op.IN;
            case "contains": return Op.CONTAINS;
            case "startswith": return Op.STARTSWITH;
            case "isnull": return Op.ISNULL;
            default:
                throw new ModelException(ModelException.Kind.UNKNOWN_FIELD, "unknown field '" + key + "' of model "
                        + table.model().name() + " (no field of that name, and '__" + suffix
                        + "' is not an operator: ne gt gte lt lte in contains startswith isnull)");
        }
    }

    private static String clause(Table table, FieldDef field, Op op, Object raw, List<Param> params) {
        String col = Dialect.quote(Table.columnName(field));
        switch (op) {
            case EQ:
            case NE:
                if (raw == null) {
                    return col + (op == Op.EQ ? " IS NULL" : " IS NOT NULL");
                }
                params.add(param(table, field, raw));
                return op == Op.EQ ? col + " = ?" : "(" + col + " <> ? OR " + col + " IS NULL)";
            case GT: return compare(table, field, col, " > ?", raw, params);
            case GTE: return compare(table, field, col, " >= ?", raw, params);
            case LT: return compare(table, field, col, " < ?", raw, params);
            case LTE: return compare(table, field, col, " <= ?", raw, params);
            case IN: return in(table, field, col, raw, params);
            case CONTAINS: return like(table, field, col, raw, true, params);
            case STARTSWITH: return like(table, field, col, raw, false, params);
            case ISNULL:
                if (!(raw instanceof Boolean)) {
                    throw invalid(table, field, "__isnull expects a boolean");
                }
                return col + ((Boolean) raw ? " IS NULL" : " IS NOT NULL");
            default: throw new IllegalStateException("unhandled operator " + op);
        }
    }

    private static String compare(Table table, FieldDef field, String col, String sql, Object raw, List<Param> params) {
        if (raw == null) {
            throw invalid(table, field, "a comparison needs a value, not null");
        }
        params.add(param(table, field, raw));
        return col + sql;
    }

    private static String in(Table table, FieldDef field, String col, Object raw, List<Param> params) {
        Collection<?> values;
        if (raw instanceof Collection) {
            values = (Collection<?>) raw;
        } else if (raw instanceof Object[]) {
            values = List.of((Object[]) raw);
        } else {
            throw invalid(table, field, "__in expects a collection");
        }
        if (values.isEmpty()) {
            return "1 = 0";
        }
        StringBuilder sb = new StringBuilder(col).append(" IN (");
        boolean first = true;
        for (Object v : values) {
            if (v == null) {
                throw invalid(table, field, "__in values may not be null");
            }
            sb.append(first ? "?" : ", ?");
            first = false;
            params.add(param(table, field, v));
        }
        return sb.append(')').toString();
    }

    private static String like(Table table, FieldDef field, String col, Object raw, boolean anywhere,
                               List<Param> params) {
        if (field.type() != FieldType.STRING || !(raw instanceof String)) {
            throw invalid(table, field, (anywhere ? "__contains" : "__startswith") + " needs a string field and value");
        }
        String escaped = ((String) raw).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        params.add(new Param(FieldType.STRING, (anywhere ? "%" : "") + escaped + "%"));
        return col + " LIKE ? ESCAPE '\\'";
    }

    private static Param param(Table table, FieldDef field, Object raw) {
        String model = table.model().name();
        Object v = raw instanceof String && field.type() != FieldType.STRING
                ? Values.parse(model, field, (String) raw)
                : Values.convert(model, field, raw);
        return new Param(field.type(), v);
    }

    /** Types whose converted values compare in Java exactly as the database compares them. */
    private static final Set<FieldType> EXACT = EnumSet.of(FieldType.STRING, FieldType.INT32, FieldType.UINT32,
            FieldType.INT64, FieldType.BOOL, FieldType.LINK);

    /**
     * The criteria as a test of a row held in memory (column name to value, as saved), giving what
     * the compiled WHERE clause gives; null when they cannot be checked in memory (anything but
     * equality and {@code __in} on fields of exactly comparable types, manytomany criteria).
     * Call after {@link #compile}, which rejects invalid criteria.
     */
    static HeldMatch matcher(Table table, Map<String, ?> criteria) {
        List<String> cols = new ArrayList<>(criteria.size());
        List<Set<Object>> allowed = new ArrayList<>(criteria.size());
        boolean namesDeleted = false;
        for (Map.Entry<String, ?> e : criteria.entrySet()) {
            String key = e.getKey();
            boolean in = false;
            FieldDef field = table.manyToMany(key) == null ? table.find(key) : null;
            if (field == null && key.endsWith("__in")) {
                in = true;
                String name = key.substring(0, key.length() - "__in".length());
                field = table.manyToMany(name) == null ? table.find(name) : null;
            }
            if (field == null || !EXACT.contains(field.type())) {
                return null;
            }
            namesDeleted |= "deleted".equals(field.name());
            Set<Object> values = new HashSet<>();
            if (in) {
                for (Object v : e.getValue() instanceof Object[] a ? List.of(a) : (Collection<?>) e.getValue()) {
                    values.add(param(table, field, v).value());
                }
            } else {
                values.add(e.getValue() == null ? null : param(table, field, e.getValue()).value());
            }
            cols.add(Table.columnName(field));
            allowed.add(values);
        }
        return heldMatch(cols, allowed, namesDeleted);
    }

    /**
     * The test of held rows for criteria whose column {@code cols[i]} must hold one of
     * {@code allowed[i]}, and {@code deleted} must be false unless the criteria name it; keyed by
     * the column with the fewest values.
     */
    private static HeldMatch heldMatch(List<String> cols, List<Set<Object>> allowed, boolean namesDeleted) {
        int key = -1;
        for (int i = 0; i < cols.size(); i++) {
            if (key < 0 || allowed.get(i).size() < allowed.get(key).size()) {
                key = i;
            }
        }
        Predicate<Map<String, Object>> test = row -> {
            for (int i = 0; i < cols.size(); i++) {
                if (!allowed.get(i).contains(row.get(cols.get(i)))) {
                    return false;
                }
            }
            return namesDeleted || Boolean.FALSE.equals(row.get("deleted"));
        };
        return key < 0 ? new HeldMatch(test, null, null) : new HeldMatch(test, cols.get(key), allowed.get(key));
    }

    /**
     * Criteria that are all equalities to values on stored fields (the usual lookup, {@code
     * {"first_name": f, "last_name": l}}), compiled once for their keys: the WHERE clause is what
     * {@link #compile} gives for them; per call only the values are converted. A call with a null
     * value (an {@code IS NULL} test) goes through {@link #compile}.
     *
     * @param keys           the criteria's keys, in the order of the clause's parameters
     * @param fields         the field of each key
     * @param where          the WHERE clause
     * @param heldMatchable  whether held rows can be tested in memory (see {@link #matcher})
     * @param namesDeleted   whether a key names {@code deleted} (else deleted objects are excluded)
     */
    record Equalities(List<String> keys, List<FieldDef> fields, String where, boolean heldMatchable,
                      boolean namesDeleted) {
        /** The parameters for {@code criteria}'s values, converted as {@link #compile} converts them. */
        List<Param> params(Table table, Map<String, ?> criteria) {
            List<Param> params = new ArrayList<>(keys.size());
            for (int i = 0; i < keys.size(); i++) {
                params.add(param(table, fields.get(i), criteria.get(keys.get(i))));
            }
            return params;
        }

        /** What {@link #matcher} gives for the criteria whose converted values are {@code params}; null when not {@link #heldMatchable}. */
        HeldMatch matcher(List<Param> params) {
            if (!heldMatchable) {
                return null;
            }
            List<String> cols = new ArrayList<>(fields.size());
            List<Set<Object>> allowed = new ArrayList<>(fields.size());
            for (int i = 0; i < fields.size(); i++) {
                cols.add(Table.columnName(fields.get(i)));
                allowed.add(Collections.singleton(params.get(i).value()));
            }
            return heldMatch(cols, allowed, namesDeleted);
        }
    }

    /**
     * {@code criteria} as {@link Equalities} (for their keys, to be kept and reused), or null when
     * they are not all equalities to non-null values on stored fields. Call after {@link #compile},
     * which rejects invalid criteria.
     */
    static Equalities equalities(Table table, Map<String, ?> criteria) {
        if (criteria.isEmpty()) {
            return null;
        }
        List<String> keys = new ArrayList<>(criteria.size());
        List<FieldDef> fields = new ArrayList<>(criteria.size());
        boolean matchable = true;
        boolean namesDeleted = false;
        for (Map.Entry<String, ?> e : criteria.entrySet()) {
            FieldDef field = table.manyToMany(e.getKey()) == null ? table.find(e.getKey()) : null;
            if (field == null || e.getValue() == null) {
                return null;
            }
            keys.add(e.getKey());
            fields.add(field);
            matchable &= EXACT.contains(field.type());
            namesDeleted |= "deleted".equals(field.name());
        }
        Compiled c = compile(table, criteria);
        return new Equalities(List.copyOf(keys), List.copyOf(fields), c.where(), matchable, namesDeleted);
    }

    /**
     * A test of held rows: {@code test} is the whole criteria; a row can only pass when its
     * {@code keyColumn} holds one of {@code keyValues} (both null: no such column among the criteria).
     */
    record HeldMatch(Predicate<Map<String, Object>> test, String keyColumn, Set<Object> keyValues) {
    }

    private static ModelException invalid(Table table, FieldDef field, String why) {
        return new ModelException(ModelException.Kind.INVALID_VALUE,
                "filter on " + table.model().name() + "." + field.name() + ": " + why);
    }
}
