package io.xsync.http;

import io.xsync.api.Model;
import io.xsync.api.ModelException;
import io.xsync.api.ModelObject;
import io.xsync.api.Models;
import io.xsync.api.Save;
import io.xsync.runtime.schema.FieldDef;
import io.xsync.runtime.schema.FieldType;
import io.xsync.runtime.schema.ModelDef;
import io.xsync.runtime.schema.Schema;
import io.xsync.runtime.store.Actor;
import io.xsync.runtime.store.Store;
import java.sql.Connection;
import java.time.Instant;
import java.util.*;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** SCRATCH: throwaway in-memory store for developing the HTTP layer before JdbcStore lands. */
final class MemoryStore implements Store {
    final Schema schema;
    final Map<String, Map<Long, Map<String, Object>>> rows = new HashMap<>();
    final AtomicLong ids = new AtomicLong();
    final JdbcDataSource ds = new JdbcDataSource();

    MemoryStore() {
        List<FieldDef> f = new ArrayList<>();
        f.add(fd("id", FieldType.INT64, 0L, true, false));
        f.add(fd("created", FieldType.TIMESTAMP, null, true, false));
        f.add(fd("updated", FieldType.TIMESTAMP, null, true, false));
        f.add(fd("enacted", FieldType.TIMESTAMP, null, true, false));
        f.add(fd("changed_by_policy", FieldType.TIMESTAMP, null, true, false));
        f.add(fd("deleted", FieldType.BOOL, false, true, false));
        f.add(fd("write_protect", FieldType.BOOL, false, true, false));
        f.add(fd("backend_status", FieldType.STRING, "Provisioning in progress", true, false));
        f.add(fd("backend_code", FieldType.INT32, 0, true, false));
        f.add(fd("backend_register", FieldType.STRING, "{}", true, false));
        f.add(fd("first_name", FieldType.STRING, null, false, false));
        f.add(fd("last_name", FieldType.STRING, null, false, false));
        f.add(fd("secret", FieldType.STRING, null, false, true));
        schema = new Schema(List.of(new ModelDef("Person", null, List.of(), Map.of(), f, List.of(), null)), List.of());
        rows.put("Person", new TreeMap<>());
        ds.setURL("jdbc:h2:mem:scratch");
    }

    static FieldDef fd(String n, FieldType t, Object def, boolean base, boolean feedback) {
        return new FieldDef(n, t, 0, false, Map.of(), def, true, 0, List.of(), feedback, false, base, null, null);
    }

    public Schema schema() { return schema; }
    public String dialect() { return "h2"; }
    public DataSource dataSource() { return ds; }
    public <T> T inTransaction(Callable<T> work) throws Exception { return work.call(); }
    public Connection currentConnection() { return null; }
    public List<ModelObject> dirtyForSync(String model) {
        List<ModelObject> out = new ArrayList<>();
        for (Map<String, Object> r : rows.get(model).values()) {
            Instant e = (Instant) r.get("enacted");
            if (!(Boolean) r.get("deleted") && (e == null || e.isBefore((Instant) r.get("updated")))) {
                out.add(new Obj(model, Actor.API, r));
            }
        }
        return out;
    }
    public List<ModelObject> deletedForSync(String model) { return List.of(); }
    public List<ModelObject> dirtyForPolicy(String model) { return List.of(); }
    public int reap(String model) { return 0; }
    public void addChangeListener(Consumer<Set<String>> l) { }
    public void close() { }

    public Models models(Actor actor) {
        return new Models() {
            public Model get(String name) { schema.model(name); return new M(name, actor); }
            public Set<String> names() { return rows.keySet(); }
        };
    }

    final class M implements Model {
        final String name; final Actor actor;
        M(String name, Actor actor) { this.name = name; this.actor = actor; }
        public String name() { return name; }
        public List<String> fieldNames() { return schema.model(name).fieldNames(); }
        public Optional<ModelObject> get(long id) {
            Map<String, Object> r = rows.get(name).get(id);
            return r == null ? Optional.empty() : Optional.of(new Obj(name, actor, new LinkedHashMap<>(r)));
        }
        public synchronized List<ModelObject> filter(Map<String, ?> c) {
            List<ModelObject> out = new ArrayList<>();
            for (Map<String, Object> r : rows.get(name).values()) {
                if (matches(r, c)) out.add(new Obj(name, actor, new LinkedHashMap<>(r)));
            }
            return out;
        }
        boolean matches(Map<String, Object> r, Map<String, ?> c) {
            if (!c.containsKey("deleted") && (Boolean) r.get("deleted")) return false;
            for (Map.Entry<String, ?> e : c.entrySet()) {
                String k = e.getKey();
                if (k.endsWith("__gt")) {
                    String f = k.substring(0, k.length() - 4);
                    Object v = r.get(f);
                    if (v == null || ((Comparable) v).compareTo(e.getValue()) <= 0) return false;
                } else {
                    if (schema.model(name).field(k) == null) throw new ModelException(ModelException.Kind.UNKNOWN_FIELD, "unknown field " + k);
                    if (!Objects.equals(r.get(k), e.getValue())) return false;
                }
            }
            return true;
        }
        public List<ModelObject> all() { return filter(Map.of()); }
        public long count(Map<String, ?> c) { return filter(c).size(); }
        public ModelObject newObject() {
            Map<String, Object> r = new LinkedHashMap<>();
            for (FieldDef f : schema.model(name).fields()) r.put(f.name(), f.defaultValue());
            return new Obj(name, actor, r);
        }
    }

    final class Obj implements ModelObject {
        final String model; final Actor actor; Map<String, Object> r;
        Obj(String model, Actor actor, Map<String, Object> r) { this.model = model; this.actor = actor; this.r = r; }
        public Model model() { return new M(model, actor); }
        public long id() { return (Long) r.get("id"); }
        public boolean isNew() { return id() == 0; }
        public Object get(String f) { return r.get(f); }
        public String getString(String f) { Object v = r.get(f); return v == null ? null : v.toString(); }
        public long getLong(String f) { Object v = r.get(f); return v == null ? 0 : ((Number) v).longValue(); }
        public boolean getBoolean(String f) { return Boolean.TRUE.equals(r.get(f)); }
        public Instant getInstant(String f) { return (Instant) r.get(f); }
        public ModelObject set(String f, Object v) {
            FieldDef d = schema.model(model).field(f);
            if (d == null) throw new ModelException(ModelException.Kind.UNKNOWN_FIELD, "unknown field " + f);
            if (d.feedbackState() && !actor.isSynchronizer()) throw new ModelException(ModelException.Kind.PERMISSION, "field " + f + " is feedback_state");
            r.put(f, v); return this;
        }
        public Map<String, Object> fields() { return r; }
        public void save() { save(Save.defaults()); }
        public void save(Save o) {
            synchronized (MemoryStore.this) {
                if (isNew()) { r.put("id", ids.incrementAndGet()); r.put("created", Instant.now()); }
                if (!actor.isSynchronizer()) r.put("updated", Instant.now());
                rows.get(model).put(id(), new LinkedHashMap<>(r));
            }
        }
        public void delete() {
            if (getBoolean("write_protect")) throw new ModelException(ModelException.Kind.CONFLICT, model + " " + id() + " is write-protected");
            r.put("deleted", true); rows.get(model).put(id(), new LinkedHashMap<>(r));
        }
        public Optional<ModelObject> related(String link) { return Optional.empty(); }
        public void refresh() { r = new LinkedHashMap<>(rows.get(model).get(id())); }
    }
}
