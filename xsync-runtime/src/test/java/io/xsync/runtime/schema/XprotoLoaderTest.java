package io.xsync.runtime.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Loads the fixture service (src/test/resources/xproto/core) and checks the resulting schema. */
class XprotoLoaderTest {
    private static final List<String> BUILTIN = List.of("id", "created", "updated", "enacted", "policed",
            "changed_by_step", "changed_by_policy", "deleted", "write_protect", "lazy_blocked", "no_sync",
            "no_policy", "backend_status", "backend_code", "backend_register", "backend_need_delete",
            "backend_need_reap", "policy_status", "policy_code", "leaf_model_name");

    private static Path dir;
    private static Schema schema;

    @BeforeAll
    static void load() {
        dir = Fixtures.xproto("core");
        schema = XprotoLoader.load(dir);
    }

    private static List<String> withBase(String... own) {
        List<String> names = new ArrayList<>(BUILTIN);
        names.add("owner_tag"); // declared by the fixture's own XOSBase
        names.addAll(List.of(own));
        return names;
    }

    @Test
    void modelsAreInFileOrderAcrossFilesWithoutTheBaseModel() {
        assertThat(schema.models()).extracting(ModelDef::name).containsExactly("Site", "Image", "Network",
                "Slice", "NetworkSlice", "Instance", "InstanceConsole", "Tag", "Service", "ServiceInstance",
                "FabricPort", "FabricLink", "Empty");
        assertThat(schema.find("XOSBase")).isNull();
    }

    @Test
    void everyModelStartsWithTheBaseFieldsThenItsOwn() {
        assertThat(schema.model("Site").fieldNames()).isEqualTo(withBase("name", "login_base", "latitude",
                "longitude", "is_public", "max_instances", "site_url", "state"));
        assertThat(schema.model("Empty").fieldNames()).isEqualTo(withBase());
        assertThat(schema.model("Tag").fieldNames()).isEqualTo(withBase());
        assertThat(schema.model("Site").fields()).filteredOn(FieldDef::base).extracting(FieldDef::name)
                .containsExactlyElementsOf(BUILTIN);
    }

    @Test
    void builtInBaseFieldsHaveTheirTypesAndDefaults() {
        ModelDef site = schema.model("Site");
        assertThat(site.field("id").type()).isEqualTo(FieldType.INT64);
        assertThat(site.field("created").type()).isEqualTo(FieldType.TIMESTAMP);
        assertThat(site.field("created").nullable()).isFalse();
        assertThat(site.field("enacted").nullable()).isTrue();
        assertThat(site.field("no_sync").defaultValue()).isEqualTo(false);
        assertThat(site.field("backend_code").defaultValue()).isEqualTo(0);
        assertThat(site.field("backend_register").defaultValue()).isEqualTo("{}");
        assertThat(site.field("policy_status").defaultValue()).isEqualTo("Policy in process");
        assertThat(site.field("leaf_model_name").defaultValue()).isEqualTo("Site");
        assertThat(schema.model("Slice").field("leaf_model_name").defaultValue()).isEqualTo("Slice");
    }

    @Test
    void bookkeepingFieldsAreTheTimestampsBackendAndPolicyFields() {
        List<String> bookkeeping = schema.model("Empty").fields().stream().filter(FieldDef::bookkeepingState)
                .map(FieldDef::name).toList();
        assertThat(bookkeeping).containsExactly("created", "updated", "enacted", "policed", "changed_by_step",
                "changed_by_policy", "backend_status", "backend_code", "backend_register",
                "backend_need_delete", "backend_need_reap", "policy_status", "policy_code");
        assertThat(schema.model("Instance").field("boot_attempts").bookkeepingState()).isTrue();
        assertThat(schema.model("Instance").field("ip").bookkeepingState()).isFalse();
    }

    @Test
    void aFileDefinedXosBaseMergesWithTheBuiltInFields() {
        FieldDef status = schema.model("Site").field("backend_status");
        assertThat(status.base()).isTrue();
        assertThat(status.type()).isEqualTo(FieldType.STRING);
        assertThat(status.defaultValue()).isEqualTo("Provisioning in progress");
        assertThat(status.feedbackState()).isTrue();
        assertThat(status.option("max_length")).isEqualTo("1024");
        FieldDef tag = schema.model("Instance").field("owner_tag");
        assertThat(tag.base()).as("not built in").isFalse();
        assertThat(tag.defaultValue()).isEqualTo("unassigned");
        assertThat(tag.maxLength()).isEqualTo(64);
        assertThat(tag.option("help_text")).isEqualTo("who to page");
    }

    @Test
    void inheritedFieldsComeDepthFirstInParentOrderBeforeOwnFields() {
        assertThat(schema.model("FabricPort").fieldNames()).isEqualTo(withBase("name", "owner_id", "site_id",
                "port_no", "mac", "vlan", "vlan_id"));
        assertThat(schema.model("FabricLink").fieldNames()).isEqualTo(withBase("name", "owner_id", "site_id",
                "port_no", "mac", "vlan", "vlan_id", "peer_id"));
        assertThat(schema.model("FabricLink").links()).extracting(LinkDef::field)
                .containsExactly("owner", "site", "peer", "tags");
        assertThat(schema.model("FabricLink").link("owner").declaredIn()).isEqualTo("ServiceInstance");
    }

    @Test
    void parentsNoFileDefinesEarnWarningsAndContributeNothing() {
        assertThat(schema.model("Service").parents()).containsExactly("XOSBase", "AttributeMixin");
        assertThat(schema.model("Service").fieldNames()).isEqualTo(withBase("name", "kind", "enabled"));
        Path services = dir.resolve("20-services.xproto");
        assertThat(schema.warnings()).contains(
                services + ":5:27: parent 'AttributeMixin' of message 'Service' is not defined by any"
                        + " xproto file; it contributes no fields",
                services + ":11:46: parent 'ServiceInstanceMixin' of message 'ServiceInstance' is not"
                        + " defined by any xproto file; it contributes no fields");
    }

    @Test
    void repeatedFieldNumbersInOneMessageEarnAWarningButReuseAcrossInheritanceDoesNot() {
        Path services = dir.resolve("20-services.xproto");
        assertThat(schema.warnings()).contains(services + ":22:30: field number 3 of 'vlan_id' in message"
                + " 'FabricPort' is also used by 'vlan'");
        assertThat(schema.warnings()).hasSize(3);
        assertThat(schema.model("FabricPort").field("port_no").number()).isEqualTo(1);
    }

    @Test
    void policySuffixOfAMessageIsKept() {
        assertThat(schema.model("Slice").policy()).isEqualTo("slice_policy");
        assertThat(schema.model("ServiceInstance").policy()).isEqualTo("si_policy");
        assertThat(schema.model("Site").policy()).isNull();
    }

    @Test
    void messageOptionsOverrideFileOptionsWhichAllValueFormsKeepUnquoted() {
        ModelDef site = schema.model("Site");
        assertThat(site.options()).containsEntry("app_label", "core").containsEntry("legacy", "False")
                .containsEntry("version", "3").containsEntry("owner", "ops_team")
                .containsEntry("verbose_name", "Edge site");
        assertThat(schema.model("Service").options()).containsEntry("app_label", "fabric");
    }

    @Test
    void defaultsAreConvertedToTheJavaTypeOfTheField() {
        ModelDef site = schema.model("Site");
        assertThat(site.field("longitude").defaultValue()).isEqualTo(0.0d);
        assertThat(site.field("is_public").defaultValue()).isEqualTo(Boolean.TRUE);
        assertThat(site.field("max_instances").defaultValue()).isEqualTo(10);
        ModelDef image = schema.model("Image");
        assertThat(image.field("size_bytes").defaultValue()).isEqualTo(-1L);
        assertThat(image.field("min_cpu").defaultValue()).isEqualTo(0.5f);
        assertThat(image.field("kind").defaultValue()).isEqualTo("vm");
        assertThat(schema.model("Instance").field("userdata").defaultValue()).isEqualTo("");
        assertThat(schema.model("Instance").field("name").defaultValue()).isNull();
        assertThat(schema.model("FabricPort").field("vlan").defaultValue()).isEqualTo("untagged");
    }

    @Test
    void scalarTypesMapToFieldTypes() {
        ModelDef image = schema.model("Image");
        assertThat(image.fields().subList(image.fields().size() - 6, image.fields().size()))
                .extracting(FieldDef::type).containsExactly(FieldType.STRING, FieldType.STRING,
                        FieldType.INT64, FieldType.FLOAT, FieldType.UINT32, FieldType.STRING);
        assertThat(schema.model("Site").field("is_public").type()).isEqualTo(FieldType.BOOL);
        assertThat(schema.model("Site").field("max_instances").type()).isEqualTo(FieldType.INT32);
        assertThat(schema.model("Site").field("latitude").type()).isEqualTo(FieldType.DOUBLE);
    }

    @Test
    void nullabilityFollowsRequiredDefaultAndNullOption() {
        ModelDef image = schema.model("Image");
        assertThat(image.field("checksum").nullable()).as("optional, no default").isTrue();
        assertThat(image.field("min_ram_mb").nullable()).as("optional, empty options").isTrue();
        assertThat(image.field("kind").nullable()).as("optional with default").isFalse();
        assertThat(image.field("name").nullable()).as("required").isFalse();
        assertThat(schema.model("ServiceInstance").field("name").nullable()).as("required, null=True").isTrue();
        assertThat(schema.model("Site").field("latitude").nullable()).as("optional, null=True").isTrue();
        assertThat(schema.model("Instance").field("name").nullable()).as("required, default None").isFalse();
    }

    @Test
    void optionsThatMatterAreExposedAndTheRestKept() {
        ModelDef site = schema.model("Site");
        assertThat(site.field("name").maxLength()).isEqualTo(200);
        assertThat(site.field("name").unique()).isTrue();
        assertThat(site.field("name").option("db_index")).isEqualTo("True");
        assertThat(site.field("name").option("help_text")).isEqualTo("Site name");
        assertThat(site.field("login_base").option("blank")).isEqualTo("True");
        assertThat(site.field("site_url").option("content_type")).isEqualTo("url");
        assertThat(schema.model("Slice").field("name").option("unique_with")).isEqualTo("site");
        assertThat(schema.model("Slice").field("description").option("text")).isEqualTo("True");
        assertThat(schema.model("Image").field("name").option("tosca_key")).isEqualTo("True");
        assertThat(schema.model("Image").field("checksum").options()).isEmpty();
        assertThat(schema.model("Instance").field("ip").feedbackState()).isTrue();
        assertThat(schema.model("Instance").field("name").feedbackState()).isFalse();
    }

    @Test
    void choicesYieldTheStoredValuesForEitherQuoteStyle() {
        assertThat(schema.model("Site").field("state").choices()).containsExactly("online", "maintenance",
                "retired");
        assertThat(schema.model("Image").field("kind").choices()).containsExactly("vm", "container");
        assertThat(schema.model("Image").field("name").choices()).isEmpty();
    }

    @Test
    void manyToOneLinksBecomeALinkAndAnIdColumn() {
        ModelDef slice = schema.model("Slice");
        LinkDef site = slice.link("site");
        assertThat(site).isEqualTo(new LinkDef(LinkKind.MANYTOONE, "site", "Site", "slices", null, "Slice",
                site.source(), "slices", false));
        FieldDef column = slice.field("site_id");
        assertThat(column.type()).isEqualTo(FieldType.LINK);
        assertThat(column.link()).isSameAs(site);
        assertThat(column.nullable()).isFalse();
        assertThat(column.number()).isEqualTo(2);
        assertThat(column.option("db_index")).isEqualTo("True");
        assertThat(slice.field("site")).isSameAs(column);
        assertThat(slice.field("default_image_id").nullable()).as("optional link").isTrue();
        assertThat(slice.field("parent_id").nullable()).isTrue();
        assertThat(schema.model("Instance").field("image_id").nullable()).as("no options").isFalse();
    }

    @Test
    void reverseNamePlusOrAbsentMeansNone() {
        assertThat(schema.model("Slice").link("default_image").reverseName()).isEmpty();
        assertThat(schema.model("FabricLink").link("peer").reverseName()).isEmpty();
        assertThat(schema.model("FabricLink").link("tags").reverseName()).isEmpty();
        assertThat(schema.model("ServiceInstance").link("site").reverseName()).isEqualTo("service_instances");
    }

    @Test
    void manyToManyLinksHaveNoColumnAndKeepTheThroughModel() {
        ModelDef slice = schema.model("Slice");
        LinkDef networks = slice.link("networks");
        assertThat(networks.kind()).isEqualTo(LinkKind.MANYTOMANY);
        assertThat(networks.peer()).isEqualTo("Network");
        assertThat(networks.through()).isEqualTo("NetworkSlice");
        assertThat(networks.reverseName()).isEqualTo("slices");
        assertThat(networks.column()).isNull();
        assertThat(slice.fieldNames()).doesNotContain("networks", "networks_id");
        assertThat(slice.links()).extracting(LinkDef::field)
                .containsExactly("site", "default_image", "networks", "parent");
    }

    @Test
    void oneToOneLinksHaveAColumnLikeManyToOne() {
        LinkDef console = schema.model("Instance").link("console");
        assertThat(console.kind()).isEqualTo(LinkKind.ONETOONE);
        assertThat(console.peer()).isEqualTo("InstanceConsole");
        assertThat(schema.model("Instance").field("console_id").type()).isEqualTo(FieldType.LINK);
    }

    @Test
    void sourcesNameFileLineAndColumn() {
        assertThat(schema.model("Site").source()).hasToString(dir.resolve("10-core.xproto") + ":17:1");
        assertThat(schema.model("Site").field("name").source().line()).isEqualTo(19);
        assertThat(schema.model("Site").field("name").source().column()).isEqualTo(5);
    }

    @Test
    void aSingleFileCanBeLoaded() {
        Schema one = XprotoLoader.load(dir.resolve("00-base.xproto"));
        assertThat(one.models()).isEmpty();
    }
}
