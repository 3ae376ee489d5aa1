package io.xsync.runtime.store;

import io.xsync.api.ModelException;
import io.xsync.api.ModelObject;
import io.xsync.api.Save;
import io.xsync.runtime.schema.FieldDef;
import io.xsync.runtime.schema.LinkDef;
import io.xsync.runtime.schema.LinkKind;
import io.xsync.runtime.schema.ManyToMany;
import io.xsync.runtime.schema.Schema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One row held in memory: the current values (by column) and the values as last loaded or saved,
 * which the save rules compare against. The values of manytomany links (lists of peer ids) are read
 * when first asked for; a list set on the object is written when it is saved.
 */
final class ModelObjectImpl implements ModelObject {
    private final ModelImpl model;
    private final Map<String, Object> values;
    private Map<String, Object> loaded;
    private final Map<String, List<Long>> links = new LinkedHashMap<>();
    private final Map<String, List<Long>> pendingLinks = new LinkedHashMap<>();

    ModelObjectImpl(ModelImpl model, Map<String, Object> values, Map<String, Object> loaded) {
        this.model = model;
        this.values = new LinkedHashMap<>(values);
        this.loaded = new LinkedHashMap<>(loaded == null ? values : loaded);
    }

    @Override
    public ModelImpl model() {
        return model;
    }

    @Override
    public long id() {
        Object id = values.get("id");
        return id == null ? 0 : (Long) id;
    }

    @Override
    public boolean isNew() {
        return values.get("id") == null;
    }

    @Override
    public Object get(String field) {
        ManyToMany m = model.table().manyToMany(field);
        if (m != null) {
            return linkIds(m);
        }
        return values.get(column(field));
    }

    /** The peer ids of a manytomany link: as set, else as stored (read once). */
    private List<Long> linkIds(ManyToMany m) {
        String key = m.link().field();
        List<Long> pending = pendingLinks.get(key);
        if (pending != null) {
            return pending;
        }
        if (isNew()) {
            return List.of();
        }
        return links.computeIfAbsent(key, k -> List.copyOf(model.store().manyToMany().read(m, id())));
    }

    @Override
    public String getString(String field) {
        Object v = get(field);
        return v == null ? null : v.toString();
    }

    @Override
    public long getLong(String field) {
        Object v = get(field);
        if (v == null) {
            return 0;
        }
        if (v instanceof Number) {
            return ((Number) v).longValue();
        }
        throw notA(field, "a number", v);
    }

    @Override
    public boolean getBoolean(String field) {
        Object v = get(field);
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        throw notA(field, "a boolean", v);
    }

    @Override
    public Instant getInstant(String field) {
        Object v = get(field);
        if (v == null || v instanceof Instant) {
            return (Instant) v;
        }
        throw notA(field, "a timestamp", v);
    }

    @Override
    public ModelObject set(String field, Object value) {
        ManyToMany m = model.table().manyToMany(field);
        if (m != null) {
            pendingLinks.put(m.link().field(), peerIds(m, value));
            return this;
        }
        FieldDef f = model.table().field(field);
        if ("id".equals(f.name())) {
            throw new ModelException(ModelException.Kind.INVALID_VALUE,
                    "field " + model.name() + ".id is generated and cannot be set");
        }
        if (f.link() != null && value instanceof ModelObject) {
            checkPeer(f, (ModelObject) value);
        }
        values.put(Table.columnName(f), Values.convert(model.name(), f, value));
        return this;
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, FieldDef> e : model.table().fieldsByColumn().entrySet()) {
            out.put(e.getValue().name(), values.get(e.getKey()));
        }
        for (ManyToMany m : model.table().manyToManyLinks()) {
            out.put(m.idsField(), linkIds(m));
        }
        return Collections.unmodifiableMap(out);
    }

    /** A manytomany value as a list of ids: a collection of ids or saved objects of the peer; null is empty. */
    private List<Long> peerIds(ManyToMany m, Object value) {
        if (value == null) {
            return List.of();
        }
        Collection<?> items;
        if (value instanceof Collection<?> c) {
            items = c;
        } else if (value instanceof Object[] a) {
            items = Arrays.asList(a);
        } else {
            throw new ModelException(ModelException.Kind.INVALID_VALUE, "field " + model.name() + "."
                    + m.idsField() + " takes a list of " + m.link().peer() + " ids, not "
                    + value.getClass().getSimpleName());
        }
        List<Long> ids = new ArrayList<>();
        for (Object item : items) {
            if (item instanceof ModelObject o) {
                checkPeer(m.link().peer(), m.idsField(), o);
                if (o.isNew()) {
                    throw new ModelException(ModelException.Kind.INVALID_VALUE, "field " + model.name() + "."
                            + m.idsField() + " cannot link to an unsaved " + o.model().name());
                }
                ids.add(o.id());
            } else if (item instanceof Number n && n.longValue() == n.doubleValue()) {
                ids.add(n.longValue());
            } else if (item instanceof String text && text.trim().matches("[0-9]+")) {
                ids.add(Long.parseLong(text.trim()));
            } else {
                throw new ModelException(ModelException.Kind.INVALID_VALUE, "field " + model.name() + "."
                        + m.idsField() + " takes " + m.link().peer() + " ids, not '" + item + "'");
            }
        }
        return List.copyOf(new LinkedHashSet<>(ids));
    }

    /** The manytomany values set since the last save, by link field. */
    Map<String, List<Long>> pendingLinks() {
        return pendingLinks;
    }

    /** Called after the pending manytomany values were written. */
    void linksSaved() {
        links.putAll(pendingLinks);
        pendingLinks.clear();
    }

    @Override
    public void save() {
        save(Save.defaults());
    }

    @Override
    public void save(Save options) {
        model.store().writer().save(this, options);
    }

    @Override
    public void delete() {
        model.store().cascade().delete(this);
    }

    @Override
    public Optional<ModelObject> related(String link) {
        LinkDef l = model.table().model().link(link);
        if (l == null) {
            FieldDef f = model.table().find(link);
            l = f == null ? null : f.link();
        }
        if (l == null || l.kind() == LinkKind.MANYTOMANY) {
            throw new ModelException(ModelException.Kind.UNKNOWN_FIELD, "'" + link + "' is not a manytoone or "
                    + "onetoone link of model " + model.name());
        }
        Object id = values.get(l.column().toLowerCase(Locale.ROOT));
        if (id == null) {
            return Optional.empty();
        }
        return model.store().findAnywhere(l.peer(), (Long) id, model.actor()).map(o -> o);
    }

    @Override
    public List<ModelObject> referrers(String reverseName) {
        if (isNew()) {
            throw new ModelException(ModelException.Kind.NOT_FOUND, "a new " + model.name() + " has no referrers yet");
        }
        Schema schema = model.store().schema();
        Object leaf = values.get("leaf_model_name");
        Set<String> targets = schema.selfAndAncestors(leaf instanceof String s && schema.find(s) != null ? s : model.name());
        List<LinkDef> links = new ArrayList<>();
        Set<String> known = new TreeSet<>();
        for (LinkDef l : schema.namedReverseLinksTo(targets)) {
            known.add(l.reverseName());
            if (l.reverseName().equals(reverseName)) {
                links.add(l);
            }
        }
        if (links.isEmpty()) {
            throw new ModelException(ModelException.Kind.UNKNOWN_FIELD, "'" + reverseName + "' is not the reverse name"
                    + " of a link to " + model.name() + (known.isEmpty() ? " (no link to it has one)"
                    : " (reverse names: " + String.join(", ", known) + ")"));
        }
        List<ModelObject> found = new ArrayList<>();
        for (LinkDef l : links) {
            found.addAll(model.store().models(model.actor()).get(l.declaredIn())
                    .filter(Map.of(l.field(), id(), "deleted", false)));
        }
        found.sort(Comparator.comparingLong(ModelObject::id));
        return found;
    }

    @Override
    public void refresh() {
        if (isNew()) {
            throw new ModelException(ModelException.Kind.NOT_FOUND, "a new " + model.name() + " has not been saved");
        }
        ModelObjectImpl fresh = (ModelObjectImpl) model.get(id()).orElseThrow(() -> new ModelException(
                ModelException.Kind.NOT_FOUND, model.name() + " " + id() + " no longer exists"));
        values.clear();
        values.putAll(fresh.values);
        loaded = new LinkedHashMap<>(fresh.values);
        links.clear();
        pendingLinks.clear();
    }

    private void checkPeer(FieldDef f, ModelObject target) {
        checkPeer(f.link().peer(), f.link().field(), target);
    }

    private void checkPeer(String peer, String field, ModelObject target) {
        String leaf = target.getString("leaf_model_name");
        String targetModel = leaf != null && model.store().schema().find(leaf) != null ? leaf : target.model().name();
        if (!model.store().catalog().selfAndAncestors(targetModel).contains(peer)) {
            throw new ModelException(ModelException.Kind.INVALID_VALUE, "field " + model.name() + "."
                    + field + " links to " + peer + ", not to " + target.model().name());
        }
    }

    /** Current values by column. */
    Map<String, Object> values() {
        return values;
    }

    /** Values as last loaded or saved (defaults for a new object). */
    Map<String, Object> loaded() {
        return loaded;
    }

    /** Called after a successful write: {@code written} are the columns now stored. */
    void saved(Map<String, Object> written) {
        values.putAll(written);
        loaded.putAll(written);
    }

    /** A copy of the in-memory state, for {@link #restore} when the transaction that saved it failed. */
    List<Map<String, Object>> snapshot() {
        return List.of(new LinkedHashMap<>(values), new LinkedHashMap<>(loaded));
    }

    /** Puts back the state of {@link #snapshot()}. */
    void restore(List<Map<String, Object>> snapshot) {
        values.clear();
        values.putAll(snapshot.get(0));
        loaded.clear();
        loaded.putAll(snapshot.get(1));
    }

    /** The same row seen by another actor (same values and loaded state). */
    ModelObjectImpl as(Actor actor) {
        return new ModelObjectImpl(model.as(actor), values, loaded);
    }

    private String column(String field) {
        return Table.columnName(model.table().field(field));
    }

    private ModelException notA(String field, String what, Object v) {
        return new ModelException(ModelException.Kind.INVALID_VALUE, "field " + model.name() + "." + field
                + " is not " + what + " (" + v.getClass().getSimpleName() + ")");
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ModelObjectImpl) || isNew()) {
            return this == o;
        }
        ModelObjectImpl other = (ModelObjectImpl) o;
        return other.model.name().equals(model.name()) && other.id() == id();
    }

    @Override
    public int hashCode() {
        return isNew() ? System.identityHashCode(this) : Objects.hash(model.name(), id());
    }

    @Override
    public String toString() {
        return model.name() + "#" + (isNew() ? "new" : Long.toString(id()));
    }
}
