package io.xsync.runtime.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsync.api.ModelException;
import io.xsync.api.ModelObject;
import io.xsync.api.Models;
import io.xsync.runtime.store.Actor;
import io.xsync.runtime.store.JdbcStore;
import io.xsync.runtime.store.TestStores;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The schema the parser builds from the fixture service works in a real store (H2 and PostgreSQL). */
class XprotoStoreIT {

    static java.util.List<String> dialects() {
        return TestStores.dialects();
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void fixtureServiceStoresObjectsWithXprotoDefaults(String dialect) {
        Schema schema = XprotoLoader.load(Fixtures.xproto("core"));
        try (JdbcStore store = TestStores.open(dialect, schema)) {
            Models api = store.models(Actor.API);
            ModelObject site = api.get("Site").newObject().set("name", "edge-1");
            site.save();
            ModelObject image = api.get("Image").newObject().set("name", "ubuntu");
            image.save();
            ModelObject slice = api.get("Slice").newObject().set("name", "s1").set("site", site)
                    .set("default_image", image);
            slice.save();
            ModelObject instance = api.get("Instance").newObject().set("name", "vm1").set("slice", slice)
                    .set("image", image);
            instance.save();

            ModelObject s = api.get("Site").get(site.id()).orElseThrow();
            assertThat(s.get("state")).isEqualTo("online");
            assertThat(s.getBoolean("is_public")).isTrue();
            assertThat(((Number) s.get("max_instances")).intValue()).isEqualTo(10);
            assertThat(((Number) s.get("longitude")).doubleValue()).isEqualTo(0.0);
            assertThat(s.get("owner_tag")).isEqualTo("unassigned");
            assertThat(s.get("leaf_model_name")).isEqualTo("Site");
            assertThat(((Number) api.get("Image").get(image.id()).orElseThrow().get("min_cpu")).floatValue())
                    .isEqualTo(0.5f);
            ModelObject i = api.get("Instance").get(instance.id()).orElseThrow();
            assertThat(i.related("slice")).contains(api.get("Slice").get(slice.id()).orElseThrow());
            assertThat(i.get("console")).isNull();

            assertThatThrownBy(() -> api.get("Site").newObject().set("name", "edge-2").set("state", "gone").save())
                    .isInstanceOf(ModelException.class).hasMessageContaining("choices");
        }
    }
}
