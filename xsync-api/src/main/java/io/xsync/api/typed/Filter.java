package io.xsync.api.typed;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One criterion on objects of model {@code M}, made by a {@link Field} or {@link Link} constant of a
 * generated class ({@code MyModel.FIRST_NAME.eq("John")}); {@link TypedModel#filter(Filter[])}
 * takes several, all of which must match.
 *
 * @param <M> the generated class whose field this filters on
 */
public final class Filter<M> {
    private final String key;
    private final Object value;

    Filter(String key, Object value) {
        this.key = key;
        this.value = value;
    }

    /** The criteria key of the string API ({@code first_name}, {@code site_id__in}). */
    public String key() {
        return key;
    }

    /** The value compared with. */
    public Object value() {
        return value;
    }

    /** The criteria map of {@link io.xsync.api.Model#filter(Map)} for these filters, in order. */
    @SafeVarargs
    public static Map<String, Object> criteria(Filter<?>... filters) {
        Map<String, Object> criteria = new LinkedHashMap<>();
        for (Filter<?> f : filters) {
            criteria.put(f.key, f.value);
        }
        return criteria;
    }

    @Override
    public String toString() {
        return key + "=" + value;
    }
}
