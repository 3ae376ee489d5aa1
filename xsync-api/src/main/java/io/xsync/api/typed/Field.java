package io.xsync.api.typed;

import java.util.Collection;
import java.util.List;

/**
 * A typed reference to a stored field of model {@code M} with values of type {@code T}, as the
 * generated classes declare them ({@code MyModel.FIRST_NAME}). Its methods make {@link Filter}s;
 * a misspelled field or a value of the wrong type is a compile error instead of a run-time one.
 *
 * @param <M> the generated class declaring the field
 * @param <T> the Java type of the field's values
 */
public final class Field<M, T> {
    private final String name;
    private final Class<T> type;

    private Field(String name, Class<T> type) {
        this.name = name;
        this.type = type;
    }

    /** The field {@code name} (as xproto spells it) of values of {@code type}. */
    public static <M, T> Field<M, T> of(String name, Class<T> type) {
        return new Field<>(name, type);
    }

    /** The field name as xproto spells it. */
    public String name() {
        return name;
    }

    /** The Java type of the values. */
    public Class<T> type() {
        return type;
    }

    /** Equal to {@code value}. */
    public Filter<M> eq(T value) {
        return new Filter<>(name, value);
    }

    /** Not equal to {@code value}. */
    public Filter<M> ne(T value) {
        return new Filter<>(name + "__ne", value);
    }

    /** Greater than {@code value}. */
    public Filter<M> gt(T value) {
        return new Filter<>(name + "__gt", value);
    }

    /** Greater than or equal to {@code value}. */
    public Filter<M> gte(T value) {
        return new Filter<>(name + "__gte", value);
    }

    /** Less than {@code value}. */
    public Filter<M> lt(T value) {
        return new Filter<>(name + "__lt", value);
    }

    /** Less than or equal to {@code value}. */
    public Filter<M> lte(T value) {
        return new Filter<>(name + "__lte", value);
    }

    /** One of {@code values}. */
    public Filter<M> in(Collection<? extends T> values) {
        return new Filter<>(name + "__in", List.copyOf(values));
    }

    /** Text containing {@code value}. */
    public Filter<M> contains(T value) {
        return new Filter<>(name + "__contains", value);
    }

    /** Text starting with {@code value}. */
    public Filter<M> startsWith(T value) {
        return new Filter<>(name + "__startswith", value);
    }

    /** Null (unset) when {@code isNull} is true, set when it is false. */
    public Filter<M> isNull(boolean isNull) {
        return new Filter<>(name + "__isnull", isNull);
    }

    @Override
    public String toString() {
        return name;
    }
}
