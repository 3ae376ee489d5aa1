package io.xsync.runtime.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsync.api.ModelObject;
import io.xsync.runtime.schema.DependencyGraph;
import io.xsync.runtime.schema.DependencyGraph.Edge;
import io.xsync.runtime.store.JdbcStore;
import io.xsync.runtime.store.ObjectRef;
import io.xsync.runtime.store.TestStores;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How {@link LinkWalker} follows the kinds of dependency edges, on both stores. */
class LinkWalkerIT {

    private static ObjectRef ref(ModelObject o) {
        return OrderWorld.ref(o);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void followsLinksManyToManyReverseEntriesAndSubclassesThroughTheirParent(String dialect) {
        try (JdbcStore store = TestStores.open(dialect, OrderWorld.schema())) {
            OrderWorld world = new OrderWorld(store);
            ModelObject dep = world.create("Deployment", "d", Map.of());
            ModelObject site = world.create("Site", "s", Map.of("deployment", dep));
            ModelObject slice1 = world.create("Slice", "a", Map.of("site", site));
            ModelObject slice2 = world.create("Slice", "b", Map.of("site", site));
            ModelObject tag1 = world.create("Tag", "t1", Map.of());
            ModelObject tag2 = world.create("Tag", "t2", Map.of());
            ModelObject inst = world.create("Instance", "i", Map.of("slice", slice1), Map.of("tags", List.of(tag1, tag2)));
            ModelObject vrouter = world.create("VRouterService", "v", Map.of());
            ModelObject tenant = world.create("Tenant", "t", Map.of("provider", vrouter, "owner", slice2));
            world.delete(slice2); // deleted objects are still walked through (and take the tenant along)

            // Site -> its Slices through the reverse name "slices" (as XOS's controller entries do)
            DependencyGraph g = new DependencyGraph(Map.of(
                    "Site", List.of(new Edge("Slice", "slices", "site")),
                    "Instance", List.of(new Edge("Slice", "slice", "instances"), new Edge("Tag", "tags", "instances")),
                    "Tenant", List.of(new Edge("Service", "provider", "tenants"))));
            LinkWalker walker = new LinkWalker(store, g);
            List<ObjectRef> from = List.of(ref(site), ref(inst), ref(tenant));
            walker.know(ref(site), world.reload(site));
            walker.know(ref(inst), world.reload(inst));
            walker.know(ref(tenant), store.models(io.xsync.runtime.store.Actor.SYNC_STEP).get("Tenant")
                    .filter(Map.of("id", tenant.id(), "deleted", true)).get(0));

            Map<ObjectRef, List<ObjectRef>> deps = walker.of(from);
            assertThat(deps.get(ref(site))).containsExactlyInAnyOrder(ref(slice1), ref(slice2));
            assertThat(deps.get(ref(inst))).containsExactlyInAnyOrder(ref(slice1), ref(tag1), ref(tag2));
            assertThat(deps.get(ref(tenant))).as("the Service link reaches the subclass object as itself")
                    .containsExactly(new ObjectRef("VRouterService", vrouter.id()));
            // the objects reached are loaded: the walk can go on from them
            assertThat(walker.of(List.of(ref(slice1)))).isEmpty(); // Slice has no edge in this graph
        }
    }
}
