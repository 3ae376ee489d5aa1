package io.xsync.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsync.api.ModelException;
import io.xsync.api.ModelObject;
import io.xsync.runtime.schema.Schema;
import io.xsync.runtime.schema.XprotoLoader;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link ModelObject#referrers}: the objects linking to one object, found by the link's reverse name. */
class ReferrersIT extends StoreTestSupport {
    private static final Schema SCHEMA = XprotoLoader.loadText("t.xproto", """
            message Site (XOSBase) {
                required string name = 1;
            }
            message Service (XOSBase) {
                required string name = 1;
                optional manytoone site->Site:services = 2;
                optional manytomany peers->Site/Service_peers:peered = 3 [blank = True];
            }
            message VOLTService (Service) {
                optional int32 onu_count = 1;
            }
            message EdgeSite (Site) {
                optional string region = 1;
            }
            message Note (XOSBase) {
                optional manytoone about->Site:+ = 1;
            }
            """);

    @ParameterizedTest
    @MethodSource("dialects")
    void listsTheLiveObjectsLinkingThroughTheReverseNameSubclassesIncluded(String dialect) {
        JdbcStore store = open(dialect, SCHEMA);
        ModelObject site = create(store, "Site", "s1");
        ModelObject other = create(store, "Site", "s2");
        ModelObject a = create(store, "Service", "a").set("site", site);
        a.save();
        ModelObject volt = create(store, "VOLTService", "volt").set("site", site).set("onu_count", 4);
        volt.save();
        ModelObject gone = create(store, "Service", "gone").set("site", site);
        gone.save();
        gone.delete();
        create(store, "Service", "elsewhere").set("site", other).save();

        List<ModelObject> services = reload(store, site).referrers("services");
        assertThat(services).extracting(ModelObject::id).containsExactly(a.id(), volt.id());
        assertThat(services).extracting(o -> o.getString("name")).containsExactly("a", "volt");
        assertThat(services).extracting(o -> o.model().name() + "/" + o.getString("leaf_model_name"))
                .as("read through the linking model; leaf_model_name names the subclass")
                .containsExactly("Service/Service", "Service/VOLTService");
        assertThat(reload(store, other).referrers("services")).extracting(o -> o.getString("name"))
                .containsExactly("elsewhere");
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void aLinkToAParentModelReachesObjectsOfItsSubclassesAndManyToManyLinksCount(String dialect) {
        JdbcStore store = open(dialect, SCHEMA);
        ModelObject edge = create(store, "EdgeSite", "edge");
        ModelObject site = create(store, "Site", "plain");
        ModelObject svc = create(store, "Service", "svc").set("site", edge).set("peers_ids", List.of(edge.id(), site.id()));
        svc.save();

        ModelObject edgeAsLeaf = api(store).get("EdgeSite").get(edge.id()).orElseThrow();
        assertThat(edgeAsLeaf.referrers("services")).extracting(ModelObject::id).containsExactly(svc.id());
        assertThat(edgeAsLeaf.referrers("peered")).extracting(ModelObject::id).containsExactly(svc.id());
        assertThat(reload(store, site).referrers("peered")).extracting(ModelObject::id).containsExactly(svc.id());
        assertThat(reload(store, site).referrers("services")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void anUnknownReverseNameOrANewObjectIsAClearError(String dialect) {
        JdbcStore store = open(dialect, SCHEMA);
        ModelObject site = create(store, "Site", "s");
        assertThatThrownBy(() -> site.referrers("servces")).isInstanceOf(ModelException.class)
                .hasMessage("'servces' is not the reverse name of a link to Site (reverse names: peered, services)")
                .extracting(e -> ((ModelException) e).kind()).isEqualTo(ModelException.Kind.UNKNOWN_FIELD);
        assertThatThrownBy(() -> api(store).get("Site").newObject().referrers("services"))
                .isInstanceOf(ModelException.class).hasMessage("a new Site has no referrers yet");
    }

    private static ModelObject create(JdbcStore store, String model, String name) {
        ModelObject o = api(store).get(model).newObject().set("name", name);
        o.save();
        return o;
    }
}
