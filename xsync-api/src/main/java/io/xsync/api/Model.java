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

    /**
     * Saves the objects with {@link Save#defaults()}; see {@link #saveAll(List, Save)}.
     */
    default void saveAll(List<? extends ModelObject> objects) {
        saveAll(objects, Save.defaults());
    }

    /**
     * Saves many objects at once, in one transaction (the caller's, when there is one): each
     * object is saved by exactly the rules of {@link ModelObject#save(Save)} (write permissions,
     * value checks, timestamps, link and unique checks), and the whole call fails, saving
     * nothing, when one object fails. New objects are inserted together: their ids come from the
     * id sequence in one query and their rows go to each table as one JDBC batch, which is much
     * faster than saving them one by one. Objects saved before are updated first, those whose
     * updates write the same columns as one JDBC batch (an update of a unique column, or of
     * many-to-many values, goes alone, so that its check sees the updates before it). Two new objects of the call that would hold the same unique
     * value are refused like a second save would be (CONFLICT). Changes are announced once.
     *
     * <p>The objects may belong to this model or to others; after the call each new object has
     * its id, as after {@link ModelObject#save()}.
     *
     * @throws ModelException as {@link ModelObject#save(Save)} would for the first failing
     *                        object; when the call had a transaction of its own, none of the
     *                        objects is then saved (inside the caller's transaction, such as an
     *                        event step's, let the exception roll that transaction back)
     */
    default void saveAll(List<? extends ModelObject> objects, Save options) {
        for (ModelObject o : objects) {
            o.save(options);
        }
    }
}
