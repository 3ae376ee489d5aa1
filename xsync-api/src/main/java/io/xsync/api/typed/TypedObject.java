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
 * API can be mixed on the same object; nothing is written until {@link #save()}. The getters of
 * the base fields and their {@link Field} constants are here; each generated class adds its own
 * fields and the setters (which return the generated type).
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

    // --- the base fields every model has (docs/semantics.md); setters are generated per class ---

    /** Base field {@code id}, for filters: the primary key (0 until the first save; see also {@link #id()}). */
    public static final Field<TypedObject, Long> ID = Field.of("id", Long.class);

    /** Base field {@code created}, for filters: when the object was created. */
    public static final Field<TypedObject, Instant> CREATED = Field.of("created", Instant.class);

    /** Base field {@code updated}, for filters: when the object last changed in a way that counts (it is dirty while {@code updated > enacted}). */
    public static final Field<TypedObject, Instant> UPDATED = Field.of("updated", Instant.class);

    /** Base field {@code enacted}, for filters: the {@code updated} a sync step last brought the backend to. */
    public static final Field<TypedObject, Instant> ENACTED = Field.of("enacted", Instant.class);

    /** Base field {@code policed}, for filters: the change the model policies last handled. */
    public static final Field<TypedObject, Instant> POLICED = Field.of("policed", Instant.class);

    /** Base field {@code changed_by_step}, for filters: when synchronizer steps last saved the object. */
    public static final Field<TypedObject, Instant> CHANGED_BY_STEP = Field.of("changed_by_step", Instant.class);

    /** Base field {@code changed_by_policy}, for filters: when a model policy last saved the object. */
    public static final Field<TypedObject, Instant> CHANGED_BY_POLICY = Field.of("changed_by_policy", Instant.class);

    /** Base field {@code deleted}, for filters: soft-deleted, waiting for its backend deletion. */
    public static final Field<TypedObject, Boolean> DELETED = Field.of("deleted", Boolean.class);

    /** Base field {@code write_protect}, for filters: writes through the API are refused. */
    public static final Field<TypedObject, Boolean> WRITE_PROTECT = Field.of("write_protect", Boolean.class);

    /** Base field {@code lazy_blocked}, for filters: not synchronized until unblocked. */
    public static final Field<TypedObject, Boolean> LAZY_BLOCKED = Field.of("lazy_blocked", Boolean.class);

    /** Base field {@code no_sync}, for filters: sync steps leave the object alone. */
    public static final Field<TypedObject, Boolean> NO_SYNC = Field.of("no_sync", Boolean.class);

    /** Base field {@code no_policy}, for filters: model policies leave the object alone. */
    public static final Field<TypedObject, Boolean> NO_POLICY = Field.of("no_policy", Boolean.class);

    /** Base field {@code backend_status}, for filters: what the last sync said. */
    public static final Field<TypedObject, String> BACKEND_STATUS = Field.of("backend_status", String.class);

    /** Base field {@code backend_code}, for filters: 0 not synced yet, 1 synced, 2 failed. */
    public static final Field<TypedObject, Integer> BACKEND_CODE = Field.of("backend_code", Integer.class);

    /** Base field {@code backend_register}, for filters: backend bookkeeping as JSON (retries, backoff). */
    public static final Field<TypedObject, String> BACKEND_REGISTER = Field.of("backend_register", String.class);

    /** Base field {@code backend_need_delete}, for filters: the backend deletion is still to do. */
    public static final Field<TypedObject, Boolean> BACKEND_NEED_DELETE = Field.of("backend_need_delete", Boolean.class);

    /** Base field {@code backend_need_reap}, for filters: the row may be removed once its backend deletion is done. */
    public static final Field<TypedObject, Boolean> BACKEND_NEED_REAP = Field.of("backend_need_reap", Boolean.class);

    /** Base field {@code policy_status}, for filters: what the last policy run said. */
    public static final Field<TypedObject, String> POLICY_STATUS = Field.of("policy_status", String.class);

    /** Base field {@code policy_code}, for filters: 0 not policed yet, 1 done, 2 failed. */
    public static final Field<TypedObject, Integer> POLICY_CODE = Field.of("policy_code", Integer.class);

    /** Base field {@code leaf_model_name}, for filters: the model the object really belongs to (a subclass's, read through its parent). */
    public static final Field<TypedObject, String> LEAF_MODEL_NAME = Field.of("leaf_model_name", String.class);

    /** {@code id}: the primary key (0 until the first save; see also {@link #id()}). */
    public final Long getId() {
        return int64("id");
    }

    /** {@code created}: when the object was created. */
    public final Instant getCreated() {
        return instant("created");
    }

    /** {@code updated}: when the object last changed in a way that counts (it is dirty while {@code updated > enacted}). */
    public final Instant getUpdated() {
        return instant("updated");
    }

    /** {@code enacted}: the {@code updated} a sync step last brought the backend to. */
    public final Instant getEnacted() {
        return instant("enacted");
    }

    /** {@code policed}: the change the model policies last handled. */
    public final Instant getPoliced() {
        return instant("policed");
    }

    /** {@code changed_by_step}: when synchronizer steps last saved the object. */
    public final Instant getChangedByStep() {
        return instant("changed_by_step");
    }

    /** {@code changed_by_policy}: when a model policy last saved the object. */
    public final Instant getChangedByPolicy() {
        return instant("changed_by_policy");
    }

    /** {@code deleted}: soft-deleted, waiting for its backend deletion. */
    public final Boolean getDeleted() {
        return bool("deleted");
    }

    /** {@code write_protect}: writes through the API are refused. */
    public final Boolean getWriteProtect() {
        return bool("write_protect");
    }

    /** {@code lazy_blocked}: not synchronized until unblocked. */
    public final Boolean getLazyBlocked() {
        return bool("lazy_blocked");
    }

    /** {@code no_sync}: sync steps leave the object alone. */
    public final Boolean getNoSync() {
        return bool("no_sync");
    }

    /** {@code no_policy}: model policies leave the object alone. */
    public final Boolean getNoPolicy() {
        return bool("no_policy");
    }

    /** {@code backend_status}: what the last sync said. */
    public final String getBackendStatus() {
        return text("backend_status");
    }

    /** {@code backend_code}: 0 not synced yet, 1 synced, 2 failed. */
    public final Integer getBackendCode() {
        return int32("backend_code");
    }

    /** {@code backend_register}: backend bookkeeping as JSON (retries, backoff). */
    public final String getBackendRegister() {
        return text("backend_register");
    }

    /** {@code backend_need_delete}: the backend deletion is still to do. */
    public final Boolean getBackendNeedDelete() {
        return bool("backend_need_delete");
    }

    /** {@code backend_need_reap}: the row may be removed once its backend deletion is done. */
    public final Boolean getBackendNeedReap() {
        return bool("backend_need_reap");
    }

    /** {@code policy_status}: what the last policy run said. */
    public final String getPolicyStatus() {
        return text("policy_status");
    }

    /** {@code policy_code}: 0 not policed yet, 1 done, 2 failed. */
    public final Integer getPolicyCode() {
        return int32("policy_code");
    }

    /** {@code leaf_model_name}: the model the object really belongs to (a subclass's, read through its parent). */
    public final String getLeafModelName() {
        return text("leaf_model_name");
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
