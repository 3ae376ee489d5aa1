package io.xsync.runtime.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Loads the fixtures written like a real XOS deployment (src/test/resources/xproto/xoslike: a
 * core file and a service file building on it) and checks every construct of the grammar that XOS
 * accepts: kept, or ignored with one warning.
 */
class XosLikeModelsTest {
    private static Schema schema;

    @BeforeAll
    static void load() {
        schema = XprotoLoader.load(Fixtures.xproto("xoslike"));
    }

    private static List<String> warningsOfKind(String kind) {
        return schema.warningList().stream().filter(w -> w.kind().equals(kind)).map(SchemaWarning::toString).toList();
    }

    @Test
    void everyMessageButTheBaseIsAModelAcrossBothFiles() {
        assertThat(schema.models()).extracting(ModelDef::name).containsExactly("Account", "Deployment",
                "Controller", "Site", "ControllerSite", "Image", "ControllerImages", "Node", "NodeLabel", "Slice",
                "ControllerSlice", "Network", "NetworkSlice", "Service", "AccessService", "ServiceInstance",
                "ServiceDependency", "OLTService", "OLTServiceInstance", "OLTDevice", "ONUDevice");
    }

    @Test
    void derivedDependencyGraphEqualsWhatXosGenerates() throws Exception {
        Path golden = Path.of(getClass().getResource("/model-deps/xoslike.json").toURI());
        assertThat(DependencyGraph.derive(schema).toJson()).isEqualTo(Files.readString(golden));
    }

    @Test
    void undefinedThroughModelsAreJoinTablesTheStoreKeeps() {
        LinkDef permitted = schema.model("Network").link("permitted_slices");
        assertThat(permitted.autoThrough()).isTrue();
        assertThat(permitted.through()).isEqualTo("Network_permitted_slices");
        ManyToMany m2m = ManyToMany.of(schema, permitted);
        assertThat(m2m.sourceColumn()).isEqualTo("network_id");
        assertThat(m2m.peerColumn()).isEqualTo("slice_id");
        assertThat(m2m.idsField()).isEqualTo("permitted_slices_ids");
        LinkDef withoutThrough = schema.model("OLTDevice").link("slices");
        assertThat(withoutThrough.autoThrough()).isTrue();
        assertThat(withoutThrough.through()).isEqualTo("OLTDevice_slices");
        assertThat(schema.model("NodeLabel").link("node").through()).isEqualTo("NodeLabel_node");
    }

    @Test
    void definedThroughModelsAreModelsWhoseRowsAreTheLinks() {
        LinkDef networks = schema.model("Slice").link("networks");
        assertThat(networks.autoThrough()).isFalse();
        ManyToMany m2m = ManyToMany.of(schema, networks);
        assertThat(m2m.through()).isEqualTo("NetworkSlice");
        assertThat(m2m.sourceColumn()).isEqualTo("slice_id");
        assertThat(m2m.peerColumn()).isEqualTo("network_id");
    }

    @Test
    void inheritanceCrossesFilesThroughThreeLevels() {
        ModelDef olt = schema.model("OLTService");
        assertThat(olt.parents()).containsExactly("AccessService");
        assertThat(olt.fieldNames()).contains("name", "kind", "enabled", "access_profile", "max_subscribers",
                "controller_url", "provisioning");
        assertThat(schema.selfAndAncestors("OLTService")).containsExactly("OLTService", "AccessService", "Service");
        assertThat(schema.descendants("Service")).containsExactly("AccessService", "OLTService");
    }

    @Test
    void xosBaseFieldsMergeIntoEveryModel() {
        ModelDef site = schema.model("Site");
        assertThat(site.field("xos_managed").defaultValue()).isEqualTo(Boolean.TRUE);
        assertThat(site.field("created").type()).isEqualTo(FieldType.TIMESTAMP);
        assertThat(site.field("backend_handle").feedbackState()).isTrue();
    }

    @Test
    void otherProtobufScalarNamesMapToTheNearestStoredType() {
        ModelDef site = schema.model("Site");
        assertThat(site.field("quota_bytes").type()).isEqualTo(FieldType.INT64);
        assertThat(site.field("rack_offset").type()).isEqualTo(FieldType.INT32);
        assertThat(site.field("rack_offset").defaultValue()).isEqualTo(-2);
        assertThat(site.field("logo").type()).isEqualTo(FieldType.STRING);
        assertThat(site.field("rack_units").type()).isEqualTo(FieldType.UINT32);
        assertThat(warningsOfKind("approximate type")).hasSize(2)
                .anyMatch(w -> w.contains("'uint64' of field 'quota_bytes'"))
                .anyMatch(w -> w.contains("'bytes' of field 'logo'"));
    }

    @Test
    void nestedEnumValuesBecomeTheFieldsChoices() {
        FieldDef tier = schema.model("Site").field("tier");
        assertThat(tier.type()).isEqualTo(FieldType.STRING);
        assertThat(tier.choices()).containsExactly("BRONZE", "SILVER", "GOLD");
        assertThat(tier.defaultValue()).isEqualTo("SILVER");
    }

    @Test
    void aRequiredStringThatMayBeBlankStartsOutEmptyAsInDjango() {
        assertThat(schema.model("NetworkSlice").field("ip").defaultValue()).isNull();
        FieldDef subnet = schema.model("Network").field("subnet");
        assertThat(subnet.defaultValue()).isEqualTo("");
        assertThat(subnet.nullable()).isFalse();
        assertThat(schema.model("Site").field("login_base").defaultValue()).as("blank not allowed").isNull();
    }

    @Test
    void topLevelEnumsOfAnotherFileAreChoicesToo() {
        FieldDef mode = schema.model("OLTDevice").field("pon_mode");
        assertThat(mode.choices()).containsExactly("GPON", "XGSPON");
        assertThat(mode.defaultValue()).isEqualTo("GPON");
    }

    @Test
    void stringDefaultFalseIsTheTextFalseAndLowercaseBooleansWork() {
        assertThat(schema.model("Site").field("mode").defaultValue()).isEqualTo("false");
        assertThat(schema.model("Network").field("permit_all_slices").defaultValue()).isEqualTo(Boolean.FALSE);
        assertThat(schema.model("Account").field("is_admin").defaultValue()).isEqualTo(Boolean.FALSE);
    }

    @Test
    void policySuffixesOnMessagesFieldsAndLinksAreAccepted() {
        assertThat(schema.model("Account").policy()).isEqualTo("site_member");
        assertThat(schema.model("ServiceInstance").link("master").peer()).isEqualTo("ServiceInstance");
        assertThat(schema.model("ServiceInstance").field("service_specific_id")).isNotNull();
    }

    @Test
    void ignoredConstructsEarnOneWarningEach() {
        assertThat(warningsOfKind("ignored nested message")).singleElement().asString()
                .contains("core.xproto:").contains("message 'Checksum' nested in 'Image' is ignored");
        assertThat(warningsOfKind("ignored extensions")).singleElement().asString()
                .contains("extension range of message 'Site' is ignored");
        assertThat(warningsOfKind("ignored service")).singleElement().asString()
                .contains("service 'CoreApi' is ignored");
        assertThat(warningsOfKind("ignored repeated field")).singleElement().asString()
                .contains("repeated field 'aliases' of message 'Slice' is ignored");
        assertThat(schema.model("Slice").field("aliases")).isNull();
    }

    @Test
    void redeclaredBaseFieldsOfOneModelAreOneWarning() {
        assertThat(warningsOfKind("redeclared base field")).singleElement().asString().contains(
                "fields 'created', 'updated', 'enacted', 'deleted' of model 'Account' redeclare base fields;"
                        + " the declarations are ignored");
    }

    @Test
    void reusedFieldNumbersAndMixinParentsAreWarningsNotErrors() {
        assertThat(warningsOfKind("reused field number")).singleElement().asString()
                .contains("field number 1 of 'serial_number' in message 'ONUDevice' is also used by 'olt_device'");
        assertThat(warningsOfKind("undefined parent")).hasSize(4);
    }
}
