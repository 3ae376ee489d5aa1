package io.xsync.api.typed;

import io.xsync.api.ModelObject;
import io.xsync.api.Save;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The root of the generated model classes: a typed view of one {@link ModelObject}. Getters and
 * setters read and write the object underneath ({@link #object()}), so the typed and the string
 * API can be mixed on the same object; nothing is written until {@link #save()}.
 */
public abstract class TypedObject {
    private final ModelObject object;

    /** A typed view of {@code object}. */
    protected TypedObject(ModelObject object) {
        this.object = Objects.requireNonNull(object, "object");
    }

    /** The object underneath, for the string API. */
    public final ModelObject object() {
        return object;
    }

    /** The primary key; 0 until the first save. */
    public final long id() {
        return object.id();
    }

    /** Whether the object has not been saved yet. */
    public final boolean isNew() {
        return object.isNew();
    }

    /** Saves with default options. */
    public final void save() {
        object.save();
    }

    /** Saves with the given options ({@code Save.alwaysUpdateTimestamp()}, ...). */
    public final void save(Save options) {
        object.save(options);
    }

    /** Soft delete: marks this object and the objects whose links point at it as deleted. */
    public final void delete() {
        object.delete();
    }

    /** Reloads every field from the store. */
    public final void refresh() {
        object.refresh();
    }

    /** A text field. */
    protected final String text(String field) {
        Object v = object.get(field);
        return v == null ? null : v.toString();
    }

    /** An int32/uint32 field. */
    protected final Integer int32(String field) {
        Object v = object.get(field);
        return v == null ? null : ((Number) v).intValue();
    }

    /** An int64 field or a link's id column. */
    protected final Long int64(String field) {
        Object v = object.get(field);
        return v == null ? null : ((Number) v).longValue();
    }

    /** A float field. */
    protected final Float float32(String field) {
        Object v = object.get(field);
        return v == null ? null : ((Number) v).floatValue();
    }

    /** A double field. */
    protected final Double float64(String field) {
        Object v = object.get(field);
        return v == null ? null : ((Number) v).doubleValue();
    }

    /** A bool field. */
    protected final Boolean bool(String field) {
        return (Boolean) object.get(field);
    }

    /** A timestamp field. */
    protected final Instant instant(String field) {
        return object.getInstant(field);
    }

    /** The peer ids of a manytomany link ({@code <field>_ids}). */
    protected final List<Long> ids(String field) {
        Object v = object.get(field);
        List<Long> out = new ArrayList<>();
        if (v instanceof List<?> list) {
            for (Object o : list) {
                out.add(((Number) o).longValue());
            }
        }
        return out;
    }

    /** Sets a field of the object underneath. */
    protected final void put(String field, Object value) {
        object.set(field, value);
    }

    /** The object underneath of a peer, or null. */
    protected static ModelObject objectOf(TypedObject peer) {
        return peer == null ? null : peer.object;
    }

    @Override
    public final boolean equals(Object other) {
        return other instanceof TypedObject t && t.object.equals(object);
    }

    @Override
    public final int hashCode() {
        return object.hashCode();
    }

    @Override
    public String toString() {
        return object.toString();
    }
}
