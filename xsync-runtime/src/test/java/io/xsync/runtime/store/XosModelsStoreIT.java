package io.xsync.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsync.api.ModelException;
import io.xsync.api.ModelObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The store with models written like a real XOS deployment (the xoslike fixtures): manytomany
 * values kept in automatic join tables or as objects of a defined through model, and multi-table
 * inheritance across files (Service, AccessService, OLTService), on H2 and PostgreSQL.
 */
class XosModelsStoreIT extends StoreTestSupport {

    private JdbcStore store;

    private JdbcStore openXos(String dialect) {
        store = open(dialect, TestSchemas.xosLike());
        return store;
    }

    private ModelObject create(String model, Object... fieldsAndValues) {
        ModelObject o = api(store).get(model).newObject();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            o.set((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        o.save();
        return o;
    }

    private ModelObject site(String name) {
        return create("Site", "name", name, "login_base", name);
    }

    private long joinRows(String table) throws Exception {
        try (Connection c = store.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM \"" + table + "\"")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A Network owned by slice {@code owner} that permits slices {@code a} and {@code b}. */
    private record Permitted(ModelObject owner, ModelObject a, ModelObject b, ModelObject network) {
    }

    private Permitted permittedWorld(String dialect) {
        openXos(dialect);
        ModelObject site = site("s");
        ModelObject owner = create("Slice", "name", "owner", "site", site);
        ModelObject a = create("Slice", "name", "a", "site", site);
        ModelObject b = create("Slice", "name", "b", "site", site);
        ModelObject net = create("Network", "name", "n", "owner", owner, "permitted_slices_ids", List.of(a.id(), b.id()));
        return new Permitted(owner, a, b, net);
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void manyToManyThroughAnUndefinedModelIsAJoinTableTheStoreKeeps(String dialect) throws Exception {
        Permitted w = permittedWorld(dialect);
        ModelObject owner = w.owner();
        ModelObject a = w.a();
        ModelObject b = w.b();
        ModelObject net = w.network();

        ModelObject back = reload(store, net);
        assertThat(back.get("permitted_slices_ids")).isEqualTo(List.of(a.id(), b.id()));
        assertThat(back.get("permitted_slices")).as("the link name reads the same list").isEqualTo(back.get("permitted_slices_ids"));
        assertThat(back.fields()).containsEntry("permitted_slices_ids", List.of(a.id(), b.id()));
        assertThat(joinRows("xs_network_permitted_slices")).isEqualTo(2);

        assertThat(api(store).get("Network").filter(Map.of("permitted_slices_ids", b.id()))).containsExactly(back);
        assertThat(api(store).get("Network").filter(Map.of("permitted_slices", owner.id()))).isEmpty();
        assertThat(api(store).get("Network").count(Map.of("permitted_slices__in", List.of(owner.id(), a.id())))).isOne();

        back.set("permitted_slices_ids", List.of(b)).save();
        assertThat(reload(store, net).get("permitted_slices_ids")).isEqualTo(List.of(b.id()));
        assertThat(joinRows("xs_network_permitted_slices")).isOne();
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void deletingEitherSideRemovesTheJoinRows(String dialect) throws Exception {
        Permitted w = permittedWorld(dialect);
        ModelObject a = w.a();
        ModelObject b = w.b();
        ModelObject net = w.network();
        a.delete();
        assertThat(reload(store, net).get("permitted_slices_ids")).isEqualTo(List.of(b.id()));
        assertThat(reload(store, net).getBoolean("deleted")).as("a manytomany peer's delete does not cascade").isFalse();
        net.delete();
        assertThat(joinRows("xs_network_permitted_slices")).isZero();
        assertThat(reload(store, b).getBoolean("deleted")).isFalse();
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void linkingADeletedOrMissingPeerIsRefusedAndNothingIsWritten(String dialect) throws Exception {
        openXos(dialect);
        ModelObject site = site("s");
        ModelObject owner = create("Slice", "name", "owner", "site", site);
        ModelObject gone = create("Slice", "name", "gone", "site", site);
        gone.delete();
        ModelObject net = api(store).get("Network").newObject().set("name", "n").set("owner", owner)
                .set("permitted_slices_ids", List.of(owner.id(), gone.id()));
        assertThatThrownBy(net::save).isInstanceOf(ModelException.class)
                .hasMessageContaining("Network.permitted_slices_ids names Slice " + gone.id() + ", which is deleted");
        assertThat(api(store).get("Network").all()).as("the insert rolled back with the links").isEmpty();
        assertThat(joinRows("xs_network_permitted_slices")).isZero();
        assertThatThrownBy(() -> api(store).get("Network").newObject().set("permitted_slices_ids", "3"))
                .isInstanceOf(ModelException.class).hasMessageContaining("takes a list of Slice ids");
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void manyToManyThroughADefinedModelCreatesAndDeletesItsObjects(String dialect) {
        openXos(dialect);
        ModelObject site = site("s");
        ModelObject slice = create("Slice", "name", "x", "site", site);
        ModelObject n1 = create("Network", "name", "n1", "owner", slice);
        ModelObject n2 = create("Network", "name", "n2", "owner", slice);
        slice.set("networks_ids", List.of(n1.id(), n2.id())).save();
        assertThat(reload(store, slice).get("networks_ids")).isEqualTo(List.of(n1.id(), n2.id()));
        List<ModelObject> pairs = api(store).get("NetworkSlice").filter(Map.of("slice", slice.id()));
        assertThat(pairs).extracting(p -> p.get("network_id")).containsExactly(n1.id(), n2.id());

        slice.set("networks_ids", List.of(n2.id())).save();
        assertThat(reload(store, slice).get("networks_ids")).isEqualTo(List.of(n2.id()));
        assertThat(api(store).get("NetworkSlice").filter(Map.of("slice", slice.id(), "deleted", true)))
                .extracting(p -> p.get("network_id")).containsExactly(n1.id());
        assertThat(api(store).get("Slice").filter(Map.of("networks_ids", n2.id()))).extracting(ModelObject::id)
                .containsExactly(slice.id());
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void anObjectOfASubclassIsAnObjectOfEveryAncestor(String dialect) {
        openXos(dialect);
        ModelObject plain = create("Service", "name", "plain");
        ModelObject olt = create("OLTService", "name", "olt", "controller_url", "http://c", "access_profile", "gpon");
        assertThat(olt.getString("leaf_model_name")).isEqualTo("OLTService");

        assertThat(api(store).get("Service").all()).extracting(ModelObject::id).containsExactly(plain.id(), olt.id());
        assertThat(api(store).get("AccessService").all()).extracting(ModelObject::id).containsExactly(olt.id());
        ModelObject asService = api(store).get("Service").get(olt.id()).orElseThrow();
        assertThat(asService.model().name()).isEqualTo("Service");
        assertThat(asService.getString("leaf_model_name")).isEqualTo("OLTService");
        assertThat(asService.fields()).containsKeys("name", "enabled").doesNotContainKey("controller_url");
        assertThat(api(store).get("Service").filter(Map.of("name__startswith", "ol"))).containsExactly(asService);
        assertThat(api(store).get("Service").count(Map.of())).isEqualTo(2);

        asService.set("description", "via parent").save();
        ModelObject leaf = api(store).get("OLTService").get(olt.id()).orElseThrow();
        assertThat(leaf.getString("description")).isEqualTo("via parent");
        assertThat(leaf.getString("controller_url")).isEqualTo("http://c");
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void linksToAParentAcceptASubclassObjectAndItsDeleteCascades(String dialect) {
        openXos(dialect);
        ModelObject olt = create("OLTService", "name", "olt", "controller_url", "http://c");
        ModelObject si = create("ServiceInstance", "name", "si", "owner", olt.id());
        ModelObject dep = create("ServiceDependency", "provider_service", olt, "subscriber_service", olt);
        assertThat(si.related("owner")).get().extracting(ModelObject::id).isEqualTo(olt.id());

        api(store).get("Service").get(olt.id()).orElseThrow().delete();
        assertThat(reload(store, olt).getBoolean("deleted")).isTrue();
        assertThat(reload(store, si).getBoolean("deleted")).isTrue();
        assertThat(reload(store, dep).getBoolean("deleted")).isTrue();
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void engineQueriesOfAParentHandOverSubclassObjectsAsTheirLeafModel(String dialect) {
        openXos(dialect);
        ModelObject plain = create("Service", "name", "plain");
        ModelObject olt = create("OLTService", "name", "olt", "controller_url", "http://c");
        List<ModelObject> dirty = store.dirtyForSync("Service");
        assertThat(dirty).extracting(o -> o.model().name() + "#" + o.id())
                .containsExactlyInAnyOrder("Service#" + plain.id(), "OLTService#" + olt.id());
        ModelObject leaf = dirty.stream().filter(o -> o.id() == olt.id()).findFirst().orElseThrow();
        assertThat(leaf.getString("controller_url")).isEqualTo("http://c");
        assertThat(store.dirtyForPolicy("AccessService")).extracting(o -> o.model().name()).containsExactly("OLTService");
    }
}
