package io.xsync.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsync.api.ModelObject;
import io.xsync.runtime.schema.FieldType;
import io.xsync.runtime.schema.Schema;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Creating and migrating tables across restarts, on H2 and PostgreSQL. */
class MigrationIT extends StoreTestSupport {

    private static Schema v1() {
        return TestSchemas.builder()
                .model("Site").field("name", FieldType.STRING).field("size", FieldType.INT32)
                .build();
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void reopeningKeepsData(String dialect) {
        TestStores.Database db = closeLater(TestStores.database(dialect));
        long id;
        try (JdbcStore s = db.open(v1())) {
            ModelObject o = api(s).get("Site").newObject().set("name", "a");
            o.save();
            id = o.id();
        }
        try (JdbcStore s = db.open(v1())) {
            assertThat(api(s).get("Site").get(id).orElseThrow().get("name")).isEqualTo("a");
            ModelObject o = api(s).get("Site").newObject().set("name", "b");
            o.save();
            assertThat(o.id()).as("the id sequence goes on").isGreaterThan(id);
        }
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void addedModelsAndFieldsMigrateInPlace(String dialect) {
        TestStores.Database db = closeLater(TestStores.database(dialect));
        long id;
        try (JdbcStore s = db.open(v1())) {
            ModelObject o = api(s).get("Site").newObject().set("name", "a");
            o.save();
            id = o.id();
        }
        Schema v2 = TestSchemas.builder()
                .model("Site").field("name", FieldType.STRING).field("size", FieldType.INT32)
                .field("region", FieldType.STRING).def("eu")
                .field("enabled", FieldType.BOOL).def(true)
                .field("note", FieldType.STRING)
                .model("Zone").field("label", FieldType.STRING).link("site", "Site")
                .build();
        try (JdbcStore s = db.open(v2)) {
            ModelObject old = api(s).get("Site").get(id).orElseThrow();
            assertThat(old.get("region")).isEqualTo("eu");
            assertThat(old.get("enabled")).isEqualTo(true);
            assertThat(old.get("note")).isNull();
            ModelObject z = api(s).get("Zone").newObject().set("label", "z").set("site", old);
            z.save();
            assertThat(api(s).get("Zone").filter(Map.of("site", id))).containsExactly(z);
            assertThat(api(s).get("Site").filter(Map.of("region", "eu"))).containsExactly(old);
        }
        try (JdbcStore s = db.open(v2)) {
            assertThat(api(s).get("Zone").count(Map.of())).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void destructiveChangesRefuseToStartNamingEveryDifference(String dialect) {
        TestStores.Database db = closeLater(TestStores.database(dialect));
        try (JdbcStore s = db.open(v1())) {
            api(s).get("Site").newObject().set("name", "a").save();
        }
        Schema changed = TestSchemas.builder()
                .model("Site").field("size", FieldType.STRING)
                .build();
        assertThatThrownBy(() -> db.open(changed)).isInstanceOf(StoreException.class)
                .hasMessageContaining("Site.name: field removed (was string)")
                .hasMessageContaining("Site.size: type changed int32 -> string");
        try (JdbcStore s = db.open(v1())) {
            assertThat(api(s).get("Site").count(Map.of())).as("nothing was changed").isEqualTo(1);
        }
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void aModelLeftOutKeepsItsTable(String dialect) {
        TestStores.Database db = closeLater(TestStores.database(dialect));
        Schema two = TestSchemas.builder().model("Site").field("name", FieldType.STRING)
                .field("size", FieldType.INT32)
                .model("Extra").field("x", FieldType.INT32).build();
        try (JdbcStore s = db.open(two)) {
            api(s).get("Extra").newObject().set("x", 1).save();
        }
        try (JdbcStore s = db.open(v1())) {
            assertThat(api(s).names()).containsExactly("Site");
        }
        try (JdbcStore s = db.open(two)) {
            assertThat(api(s).get("Extra").count(Map.of())).isEqualTo(1);
        }
    }
}
