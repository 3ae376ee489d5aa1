package io.xsync.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One model of the schema, as step code sees it: lookups and new objects.
 *
 * <p>Filters take field names as the xproto file spells them; a link is named by its field
 * ({@code site}) or its column ({@code site_id}). A key may carry an operator suffix in XOS
 * (Django) style: {@code __ne}, {@code __gt}, {@code __gte}, {@code __lt}, {@code __lte},
 * {@code __in} (a collection), {@code __contains}, {@code __startswith}, {@code __isnull}
 * (a boolean). Unknown fields raise {@link ModelException}; values are always bound as
 * parameters. Deleted (soft-deleted) objects are excluded unless the filter names
 * {@code deleted}.
 */
public interface Model {

    /** The model name as declared in xproto, e.g. {@code MyModel}. */
    String name();

    /** The names of every field, base fields included, in declaration order. */
    List<String> fieldNames();

    /** The object with this id, deleted or not, if it exists. */
    Optional<ModelObject> get(long id);

    /** Objects whose fields match every entry. */
    List<ModelObject> filter(Map<String, ?> criteria);

    /**
     * One page of {@link #filter(Map)}: objects matching the criteria, ordered by id, skipping the
     * first {@code offset} and at most {@code limit} of them. The database does the paging, so
     * memory does not grow with the table.
     */
    default List<ModelObject> page(Map<String, ?> criteria, int limit, long offset) {
        List<ModelObject> all = filter(criteria);
        int from = (int) Math.min(offset, all.size());
        return all.subList(from, (int) Math.min(all.size(), from + (long) limit));
    }

    /** Every live (not deleted) object. */
    List<ModelObject> all();

    /** Number of objects matching the criteria (see {@link #filter(Map)}). */
    long count(Map<String, ?> criteria);

    /**
     * Number of objects matching the criteria, counting no further than {@code atMost}: the result
     * is {@code min(count(criteria), atMost)}, and the database stops reading rows once it has
     * found {@code atMost} of them, so the cost stays bounded however large the table grows.
     */
    default long count(Map<String, ?> criteria, long atMost) {
        return Math.min(count(criteria), atMost);
    }

    /** A new unsaved object carrying the field defaults. */
    ModelObject newObject();
}
