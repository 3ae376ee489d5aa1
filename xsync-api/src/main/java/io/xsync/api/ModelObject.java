package io.xsync.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One row of a model. Values are typed after the xproto field: {@code String}, {@code Integer}
 * (int32, uint32 and the base int fields), {@code Long} (int64, ids, link columns),
 * {@code Boolean}, {@code Float}, {@code Double}, {@link Instant} (timestamps); null when unset.
 * A {@code manytoone} or {@code onetoone} link {@code site} is stored as {@code site_id}. A
 * {@code manytomany} link {@code peers} reads and takes a {@code List<Long>} of peer ids under
 * {@code peers_ids} (or {@code peers}); a list set on the object is written when it is saved.
 *
 * <p>An object read through a model that others inherit from (a {@code Service} that is really a
 * {@code VOLTService}) has that model's fields; {@code leaf_model_name} names its real model, and
 * reading the same id through that model shows every field.
 */
public interface ModelObject {

    /** The model this object belongs to. */
    Model model();

    /** The primary key; 0 until the first save. */
    long id();

    /** Whether the object has not been saved yet. */
    boolean isNew();

    /** The value of a field; {@link ModelException} for an unknown field. */
    Object get(String field);

    /** The value as text, or null. */
    String getString(String field);

    /** The value as a long (0 when null). */
    long getLong(String field);

    /** The value as a boolean (false when null). */
    boolean getBoolean(String field);

    /** The value as an instant, or null. */
    Instant getInstant(String field);

    /**
     * Sets a field (in memory until {@link #save()}). A link may be set by field name with a
     * {@link ModelObject} or an id, or by its {@code _id} column with an id.
     */
    ModelObject set(String field, Object value);

    /** All fields and values, base fields included, in declaration order. */
    Map<String, Object> fields();

    /** Saves with default options. */
    void save();

    /** Saves with the given options (see {@link Save}). */
    void save(Save options);

    /** Soft delete: marks this object and the objects whose links point at it as deleted. */
    void delete();

    /** The object a {@code manytoone}/{@code onetoone} link points at, if any. */
    Optional<ModelObject> related(String link);

    /**
     * The live objects that link to this one through the link whose reverse name is
     * {@code reverseName}, in id order: for {@code optional manytoone site->Site:services} in
     * model {@code Service}, {@code site.referrers("services")} lists the site's services
     * (objects of models inheriting from {@code Service} included, read as {@code Service}
     * objects whose {@code leaf_model_name} names their own model). A link
     * to a model this object's model inherits from counts too. Works for {@code manytoone},
     * {@code onetoone} and {@code manytomany} links; each call queries the store.
     *
     * @throws ModelException UNKNOWN_FIELD when no link to this object's model (or a model it
     *     inherits from) has that reverse name; NOT_FOUND when this object is new
     */
    List<ModelObject> referrers(String reverseName);

    /** Reloads every field from the store. */
    void refresh();
}
