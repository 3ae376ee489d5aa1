package io.xsync.runtime.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inheritance and merging corner cases beyond the fixture service. */
class SchemaBuilderTest {
    @TempDir
    Path dir;

    private Schema load(String text) {
        Fixtures.write(dir, "m.xproto", text);
        return XprotoLoader.load(dir);
    }

    @Test
    void diamondInheritanceContributesSharedFieldsOnce() {
        Schema s = load("message Named { required string name = 1; }\n"
                + "message L (Named) { optional string left = 2; }\n"
                + "message R (Named) { optional string right = 2; }\n"
                + "message D (L, R) { optional string own = 3; }\n");
        assertThat(s.model("D").fields()).filteredOn(f -> !f.base()).extracting(FieldDef::name)
                .containsExactly("name", "left", "right", "own");
        assertThat(s.warnings()).isEmpty();
    }

    @Test
    void anOwnFieldOverridesAnInheritedOneWithAWarning() {
        Schema s = load("message P { optional string mode = 1 [default = \"a\"]; optional int32 n = 2; }\n"
                + "message C (P) { optional string mode = 1 [default = \"b\"]; }\n");
        assertThat(s.model("C").fields()).filteredOn(f -> !f.base()).extracting(FieldDef::name)
                .containsExactly("mode", "n");
        assertThat(s.model("C").field("mode").defaultValue()).isEqualTo("b");
        assertThat(s.warnings()).containsExactly(dir.resolve("m.xproto")
                + ":2:17: field 'mode' of 'C' overrides an inherited one");
    }

    @Test
    void aModelFieldNamedLikeABaseFieldIsIgnoredWithAWarning() {
        Schema s = load("message A { optional string backend_status = 1 [default = \"x\"]; }\n");
        assertThat(s.model("A").field("backend_status").defaultValue()).isEqualTo("Provisioning in progress");
        assertThat(s.warnings()).containsExactly(dir.resolve("m.xproto")
                + ":1:13: field 'backend_status' of model 'A' redeclares a base field; the declaration is ignored");
    }

    @Test
    void linksDeclaredByXosBaseAreBaseLinksOfEveryModel() {
        Schema s = load("message Owner {}\nmessage XOSBase { optional manytoone owner->Owner:+ = 30; }\n"
                + "message A (XOSBase) { required manytoone a_owner->Owner:as = 1; }\n");
        assertThat(s.model("A").links()).extracting(LinkDef::field).containsExactly("owner", "a_owner");
        assertThat(s.model("A").fieldNames().indexOf("owner_id")).isEqualTo(BaseFields.fields("A").size());
        assertThat(s.model("Owner").field("owner_id").nullable()).isTrue();
        assertThat(s.models()).extracting(ModelDef::name).containsExactly("Owner", "A");
    }

    @Test
    void aSelfLinkIsAllowed() {
        Schema s = load("message Node { optional manytoone parent->Node:children = 1:2; }\n");
        assertThat(s.model("Node").link("parent").peer()).isEqualTo("Node");
    }

    @Test
    void aLinkDefaultThatIsNotAnIdIsIgnoredWithAWarning() {
        Schema s = load("message U {}\nmessage A {\n required manytoone u->U:as = 1 [default = \"get_default_u\"];\n"
                + " optional manytoone v->U:vs = 2 [default = 7];\n}\n");
        assertThat(s.model("A").field("u_id").defaultValue()).isNull();
        assertThat(s.model("A").field("v_id").defaultValue()).isEqualTo(7L);
        assertThat(s.warnings()).containsExactly(dir.resolve("m.xproto")
                + ":3:44: default of link 'u' is not an object id; it is ignored");
    }

    @Test
    void boolDefaultsMayBeQuotedAndNoneMeansNoDefault() {
        Schema s = load("message A {\n optional bool a = 1 [default = \"True\"];\n optional bool b = 2 [default = false];\n"
                + " optional string c = 3 [default = None];\n optional int32 d = 4 [default = \"12\"];\n}\n");
        assertThat(s.model("A").field("a").defaultValue()).isEqualTo(true);
        assertThat(s.model("A").field("b").defaultValue()).isEqualTo(false);
        assertThat(s.model("A").field("c").defaultValue()).isNull();
        assertThat(s.model("A").field("c").nullable()).isTrue();
        assertThat(s.model("A").field("d").defaultValue()).isEqualTo(12);
    }

    @Test
    void textCanBeLoadedWithoutAFile() {
        Schema s = XprotoLoader.loadText("inline.xproto", "message A { optional string s = 1; }");
        assertThat(s.model("A").field("s").source()).hasToString("inline.xproto:1:13");
    }

    @Test
    void filesAreReadInFileNameOrder() {
        Fixtures.write(dir, "b.xproto", "message FromB {}\n");
        Fixtures.write(dir, "a.xproto", "message FromA (FromB) {}\n");
        Fixtures.write(dir, "c.txt", "not xproto");
        assertThat(XprotoLoader.load(dir).models()).extracting(ModelDef::name).containsExactly("FromA", "FromB");
    }
}
