package io.xsync.runtime.sync;

import io.xsync.api.ModelObject;
import io.xsync.runtime.schema.DependencyGraph;
import io.xsync.runtime.schema.Schema;
import io.xsync.runtime.schema.XprotoLoader;
import io.xsync.runtime.store.Actor;
import io.xsync.runtime.store.ObjectRef;
import io.xsync.runtime.store.Store;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An XOS-shaped model set for order tests ({@code xproto/order}), and the writes a test makes to
 * it through the API, remembered for {@link OrderChecker}. Models: Deployment &lt;- Site &lt;-
 * Slice &lt;- Network (owner), NetworkSlice (network, slice: a diamond), Image, Tag, Instance
 * (slice, optional image, manytomany tags), Port (instance, network: a diamond), Service and its
 * subclass VRouterService, Tenant (provider: a Service, owner: a Slice). Every model has
 * {@code name} and {@code counter}.
 */
public final class OrderWorld {
    /** Models in dependency order. */
    public static final List<String> MODELS = List.of("Deployment", "Site", "Slice", "Image", "Tag", "Network",
            "NetworkSlice", "Instance", "Port", "Service", "VRouterService", "Tenant");
    /** Models whose objects also count as objects of a parent model. */
    public static final Map<String, List<String>> SUBCLASSES = Map.of("Service", List.of("VRouterService"));
    /** Each model's links: field to peer model (optional ones marked '?', manytomany ones '*'). */
    public static final Map<String, Map<String, String>> LINKS = links();

    private final Store store;
    private final Map<ObjectRef, OrderChecker.Written> written = new ConcurrentHashMap<>();

    public OrderWorld(Store store) {
        this.store = store;
    }

    /** The schema of the model set. */
    public static Schema schema() {
        try {
            return XprotoLoader.load(Path.of(OrderWorld.class.getResource("/xproto/order").toURI()));
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The dependency graph XOS would derive from the schema. */
    public static DependencyGraph graph(Schema schema) {
        return DependencyGraph.derive(schema);
    }

    private static Map<String, Map<String, String>> links() {
        Map<String, Map<String, String>> l = new LinkedHashMap<>();
        for (String m : MODELS) {
            l.put(m, new LinkedHashMap<>());
        }
        l.get("Site").put("deployment", "Deployment");
        l.get("Slice").put("site", "Site");
        l.get("Network").put("owner", "Slice");
        l.get("NetworkSlice").put("network", "Network");
        l.get("NetworkSlice").put("slice", "Slice");
        l.get("Instance").put("slice", "Slice");
        l.get("Instance").put("image", "?Image");
        l.get("Instance").put("tags", "*Tag");
        l.get("Tenant").put("provider", "Service");
        l.get("Tenant").put("owner", "Slice");
        l.get("Port").put("instance", "Instance");
        l.get("Port").put("network", "Network");
        return l;
    }

    /** Creates an object linking to {@code links} (field to object); remembers its first version. */
    public ModelObject create(String model, String name, Map<String, ModelObject> links) {
        return create(model, name, links, Map.of());
    }

    /**
     * Creates an object linking to {@code links} (field to object) and, through manytomany
     * links, to {@code many} (field to objects); remembers its first version.
     */
    public ModelObject create(String model, String name, Map<String, ModelObject> links,
                              Map<String, List<ModelObject>> many) {
        ModelObject o = store.models(Actor.API).get(model).newObject().set("name", name);
        List<ObjectRef> refs = new ArrayList<>();
        links.forEach((field, target) -> {
            if (target != null) {
                o.set(field, target.id());
                refs.add(ref(target));
            }
        });
        many.forEach((field, targets) -> {
            o.set(field + "_ids", targets.stream().map(ModelObject::id).toList());
            targets.forEach(t -> refs.add(ref(t)));
        });
        retryingDeadlocks(o::save);
        OrderChecker.Written w = new OrderChecker.Written(refs);
        w.versions.add(new OrderChecker.Version(o.getInstant("updated"), System.nanoTime()));
        written.put(ref(o), w);
        return o;
    }

    /** Changes a field that is not a link (the object becomes dirty); remembers the version. */
    public void touch(ModelObject o) {
        ModelObject fresh = reload(o);
        fresh.set("counter", fresh.getLong("counter") + 1);
        retryingDeadlocks(fresh::save);
        written.get(ref(o)).versions.add(new OrderChecker.Version(fresh.getInstant("updated"), System.nanoTime()));
    }

    /** Deletes the object (the store cascades to what links to it). */
    public void delete(ModelObject o) {
        ModelObject fresh = reload(o);
        retryingDeadlocks(fresh::delete);
    }

    /**
     * Runs a write as a client would: again when PostgreSQL chose it as a deadlock victim (a save
     * locks the rows it links to, while the engine's bookkeeping updates rows of several models in
     * one transaction). The write was rolled back, so nothing of it is remembered yet.
     */
    private static void retryingDeadlocks(Runnable write) {
        for (int attempt = 1; ; attempt++) {
            try {
                write.run();
                return;
            } catch (RuntimeException e) {
                if (attempt >= 5 || !String.valueOf(e.getMessage()).contains("deadlock detected")) {
                    throw e;
                }
            }
        }
    }

    public ModelObject reload(ModelObject o) {
        return store.models(Actor.API).get(o.model().name()).get(o.id()).orElseThrow();
    }

    /** A checker of everything written so far. */
    public OrderChecker checker() {
        return new OrderChecker(new LinkedHashMap<>(written));
    }

    /** How many objects were created. */
    public int created() {
        return written.size();
    }

    public static ObjectRef ref(ModelObject o) {
        return new ObjectRef(o.model().name(), o.id());
    }
}
