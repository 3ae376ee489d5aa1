package io.xsync.runtime.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsync.api.Model;
import io.xsync.api.ModelObject;
import io.xsync.api.Save;
import io.xsync.api.XsyncException;
import io.xsync.api.typed.Field;
import io.xsync.api.typed.Filter;
import io.xsync.api.typed.Link;
import io.xsync.api.typed.TypedObject;
import io.xsync.runtime.schema.Schema;
import io.xsync.runtime.schema.XprotoLoader;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelClassGeneratorTest {
    private static final String XPROTO = """
            option app_label = "t";
            message Site (XOSBase) {
                required string name = 1 [max_length = 64, help_text = "The site's name <b>"];
            }
            message Service (XOSBase) {
                required string kind = 1 [choices = "(('vrouter', 'vRouter'), ('3rd-party', 'Third'))", max_length = 30];
                optional manytoone site->Site:services = 2 [help_text = "Where it runs"];
                optional manytomany peers->Site/Service_peers:peered = 3 [blank = True];
            }
            message VOLTService (Service) {
                optional int32 onu_count = 1;
            }
            """;

    @TempDir
    Path dir;

    /** Writes the classes of {@code xproto}, compiles them with javac and loads them. */
    private ClassLoader compiled(String xproto, String pkg) throws Exception {
        Path models = Files.writeString(dir.resolve("t.xproto"), xproto);
        List<Path> written = ModelClassGenerator.generate(List.of(models), dir.resolve("src"), pkg);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-Xlint:all", "-Werror",
                "-classpath", System.getProperty("java.class.path")));
        written.forEach(p -> args.add(p.toString()));
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = javac.run(null, errors, errors, args.toArray(String[]::new));
        assertThat(rc).as("javac of the generated sources: %s", errors).isZero();
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
    }

    @Test
    void generatesOneCompilingClassPerModelMirroringInheritance() throws Exception {
        ClassLoader cl = compiled(XPROTO, "t.models");
        Class<?> site = cl.loadClass("t.models.Site");
        Class<?> service = cl.loadClass("t.models.Service");
        Class<?> volt = cl.loadClass("t.models.VOLTService");
        assertThat(site.getSuperclass()).isEqualTo(TypedObject.class);
        assertThat(service.getSuperclass()).isEqualTo(TypedObject.class);
        assertThat(volt.getSuperclass()).isEqualTo(service);
        assertThat(Files.readString(dir.resolve("src/t/models/Site.java")))
                .contains("package t.models;", "The site's name &lt;b&gt;");
    }

    @Test
    void accessorsAreTypedAfterTheFieldsLinksAndBaseFields() throws Exception {
        ClassLoader cl = compiled(XPROTO, "t.models");
        Class<?> site = cl.loadClass("t.models.Site");
        Class<?> service = cl.loadClass("t.models.Service");
        Class<?> volt = cl.loadClass("t.models.VOLTService");
        assertThat(service.getMethod("getKind").getReturnType()).isEqualTo(String.class);
        assertThat(service.getMethod("getSiteId").getReturnType()).isEqualTo(Long.class);
        assertThat(service.getMethod("getSite").getReturnType()).isEqualTo(site);
        assertThat(service.getMethod("setSite", site).getReturnType()).isEqualTo(service);
        assertThat(service.getMethod("getPeersIds").getReturnType()).isEqualTo(List.class);
        assertThat(service.getMethod("getUpdated").getReturnType()).isEqualTo(Instant.class);
        assertThat(service.getMethod("getBackendCode").getReturnType()).isEqualTo(Integer.class);
        assertThat(service.getMethod("getNoSync").getReturnType()).isEqualTo(Boolean.class);
        assertThat(volt.getMethod("getOnuCount").getReturnType()).isEqualTo(Integer.class);
        assertThat(volt.getMethod("setKind", String.class).getReturnType()).as("inherited setter, covariant")
                .isEqualTo(volt);
        assertThat(volt.getMethod("setOnuCount", Integer.class).getReturnType()).isEqualTo(volt);
        Class<?> kinds = cl.loadClass("t.models.Service$KindChoices");
        assertThat(kinds.getField("VROUTER").get(null)).isEqualTo("vrouter");
        assertThat(kinds.getField("_3RD_PARTY").get(null)).isEqualTo("3rd-party");
    }

    @Test
    void gettersAndSettersGoThroughTheStringApiObject() throws Exception {
        ClassLoader cl = compiled(XPROTO, "t.models");
        Class<?> volt = cl.loadClass("t.models.VOLTService");
        Class<?> site = cl.loadClass("t.models.Site");
        FakeObject raw = new FakeObject("VOLTService");
        Object typed = volt.getMethod("wrap", ModelObject.class).invoke(null, raw);
        Object same = volt.getMethod("setKind", String.class).invoke(typed, "vrouter");
        volt.getMethod("setOnuCount", Integer.class).invoke(typed, 4);
        volt.getMethod("setPeersIds", List.class).invoke(typed, List.of(7L, 8L));
        FakeObject rawSite = new FakeObject("Site");
        rawSite.id = 9;
        volt.getMethod("setSite", site).invoke(typed, site.getMethod("wrap", ModelObject.class).invoke(null, rawSite));
        raw.values.put("backend_code", 1L);

        assertThat(same).isSameAs(typed);
        assertThat(raw.values).containsEntry("kind", "vrouter").containsEntry("onu_count", 4)
                .containsEntry("peers_ids", List.of(7L, 8L)).containsEntry("site", rawSite);
        assertThat(volt.getMethod("getKind").invoke(typed)).isEqualTo("vrouter");
        assertThat(volt.getMethod("getBackendCode").invoke(typed)).as("a Long read as int32").isEqualTo(1);
        assertThat(volt.getMethod("getPeersIds").invoke(typed)).isEqualTo(List.of(7L, 8L));
    }

    @Test
    void reverseNamesBecomeGettersOfTheReferringModelsObjects() throws Exception {
        ClassLoader cl = compiled(XPROTO, "t.models");
        Class<?> site = cl.loadClass("t.models.Site");
        Class<?> service = cl.loadClass("t.models.Service");
        FakeObject rawSite = new FakeObject("Site");
        rawSite.id = 3;
        FakeObject s1 = new FakeObject("Service");
        s1.values.put("kind", "vrouter");
        FakeObject s2 = new FakeObject("VOLTService");
        s2.values.put("kind", "3rd-party");
        rawSite.referrers.put("services", List.of(s1, s2));
        rawSite.referrers.put("peered", List.of(s2));
        Object typedSite = site.getMethod("wrap", ModelObject.class).invoke(null, rawSite);

        assertThat(site.getMethod("getServices").getGenericReturnType().getTypeName())
                .isEqualTo("java.util.List<t.models.Service>");
        List<?> services = (List<?>) site.getMethod("getServices").invoke(typedSite);
        assertThat(services).allMatch(service::isInstance);
        assertThat(services).extracting(o -> service.getMethod("getKind").invoke(o)).containsExactly("vrouter", "3rd-party");
        assertThat((List<?>) site.getMethod("getPeered").invoke(typedSite)).hasSize(1);
    }

    @Test
    void aReverseNameTakenByAFieldOrHiddenByPlusGetsNoGetter() throws Exception {
        String xproto = """
                message Site (XOSBase) {
                    required string name = 1;
                    optional int32 services = 2;
                }
                message Service (XOSBase) {
                    optional manytoone site->Site:services = 1;
                    optional manytoone home->Site:+ = 2;
                    optional manytoone other->Site:name = 3;
                }
                """;
        Class<?> site = compiled(xproto, "t.models").loadClass("t.models.Site");
        assertThat(site.getMethod("getServices").getReturnType()).as("the field's getter stays").isEqualTo(Integer.class);
        assertThat(site.getMethod("getName").getReturnType()).isEqualTo(String.class);
        assertThat(Arrays.stream(site.getDeclaredMethods()).filter(m -> m.getReturnType() == List.class))
                .as("no reverse getter: 'services' and 'name' are fields, '+' hides the reverse").isEmpty();
    }

    @Test
    void fieldAndLinkConstantsMakeStringApiCriteria() throws Exception {
        ClassLoader cl = compiled(XPROTO, "t.models");
        Class<?> service = cl.loadClass("t.models.Service");
        Class<?> site = cl.loadClass("t.models.Site");
        @SuppressWarnings("unchecked")
        Field<Object, String> kind = (Field<Object, String>) service.getField("KIND").get(null);
        @SuppressWarnings("unchecked")
        Field<Object, Integer> code = (Field<Object, Integer>) service.getField("BACKEND_CODE").get(null);
        @SuppressWarnings("unchecked")
        Link<Object, TypedObject> siteLink = (Link<Object, TypedObject>) service.getField("SITE").get(null);
        FakeObject rawSite = new FakeObject("Site");
        rawSite.id = 9;
        TypedObject typedSite = (TypedObject) site.getMethod("wrap", ModelObject.class).invoke(null, rawSite);

        Map<String, Object> criteria = Filter.criteria(kind.eq("olt"), code.gte(1), kind.in(List.of("a", "b")),
                siteLink.eq(typedSite), kind.isNull(false));
        assertThat(criteria).containsExactly(Map.entry("kind", "olt"), Map.entry("backend_code__gte", 1),
                Map.entry("kind__in", List.of("a", "b")), Map.entry("site_id", 9L), Map.entry("kind__isnull", false));
    }

    /** javac's output for {@code usage} compiled against the generated classes, empty when it compiles. */
    private String compileUsage(String usage) throws Exception {
        Path models = Files.writeString(dir.resolve("t.xproto"), XPROTO);
        List<Path> written = new ArrayList<>(ModelClassGenerator.generate(List.of(models), dir.resolve("src"), "t.models"));
        written.add(Files.writeString(dir.resolve("src/Usage.java"), usage));
        List<String> args = new ArrayList<>(List.of("-d", Files.createDirectories(dir.resolve("usage")).toString(),
                "-classpath", System.getProperty("java.class.path")));
        written.forEach(p -> args.add(p.toString()));
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        ToolProvider.getSystemJavaCompiler().run(null, errors, errors, args.toArray(String[]::new));
        return errors.toString();
    }

    @Test
    void typedLookupsTakeFiltersOfTheModelAndItsAncestorsOnly() throws Exception {
        String header = "import io.xsync.api.Models;\nimport java.util.List;\nimport t.models.*;\n"
                + "class Usage {\n  void use(Models m) {\n";
        assertThat(compileUsage(header
                + "    List<VOLTService> volts = VOLTService.objects(m).filter(VOLTService.ONU_COUNT.gt(1),\n"
                + "        Service.KIND.eq(Service.KindChoices.VROUTER), VOLTService.BACKEND_CODE.eq(1));\n"
                + "    for (Service s : Service.objects(m).filter(Service.SITE.isNull(false))) { s.setKind(\"x\").save(); }\n"
                + "    Site site = Site.objects(m).create().setName(\"s\");\n"
                + "    VOLTService v = VOLTService.objects(m).create().setKind(\"olt\").setSite(site).setOnuCount(2);\n"
                + "  }\n}\n")).isEmpty();
        assertThat(compileUsage(header + "    Service.objects(m).filter(VOLTService.ONU_COUNT.gt(1));\n  }\n}\n"))
                .contains("Usage.java:6: error: ");
        assertThat(compileUsage(header + "    Site.objects(m).filter(Service.KIND.eq(\"x\"));\n  }\n}\n"))
                .contains("Usage.java:6: error: ");
        assertThat(compileUsage(header + "    Site.objects(m).filter(Site.NAME.eq(3));\n  }\n}\n"))
                .contains("Usage.java:6: error: ");
    }

    @Test
    void theXosLikeModelsGenerateClassesThatCompile() throws Exception {
        Path src = dir.resolve("xos");
        List<Path> written = ModelClassGenerator.generate(List.of(Path.of("src/test/resources/xproto/xoslike")),
                src, "xos.models");
        Schema schema = XprotoLoader.load(Path.of("src/test/resources/xproto/xoslike"));
        assertThat(written).hasSize(schema.models().size());
        List<String> args = new ArrayList<>(List.of("-d", dir.resolve("xos-classes").toString(), "-proc:none",
                "-classpath", System.getProperty("java.class.path")));
        written.forEach(p -> args.add(p.toString()));
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, errors, errors, args.toArray(String[]::new)))
                .as("javac of the generated sources: %s", errors).isZero();
    }

    @Test
    void classesInTheDefaultPackageHaveNoPackageLine() {
        Schema schema = XprotoLoader.loadText("t.xproto", XPROTO);
        Map<String, String> sources = ModelClassGenerator.sources(schema, "");
        assertThat(sources.keySet()).containsExactly("Site", "Service", "VOLTService");
        assertThat(sources.get("Site")).doesNotContain("package ");
    }

    @Test
    void aBadPackageNameIsRefused() {
        Schema schema = XprotoLoader.loadText("t.xproto", XPROTO);
        assertThatThrownBy(() -> ModelClassGenerator.sources(schema, "my-models"))
                .isInstanceOf(XsyncException.class).hasMessage("'my-models' is not a Java package name");
    }

    /** A model object holding its values in a map, as the string API would. */
    private static final class FakeObject implements ModelObject {
        final Map<String, Object> values = new LinkedHashMap<>();
        final Map<String, List<ModelObject>> referrers = new LinkedHashMap<>();
        final String model;
        long id;

        FakeObject(String model) {
            this.model = model;
        }

        @Override public Model model() { throw new UnsupportedOperationException(model); }
        @Override public long id() { return id; }
        @Override public boolean isNew() { return id == 0; }
        @Override public Object get(String field) { return values.get(field); }
        @Override public String getString(String field) { return (String) values.get(field); }
        @Override public long getLong(String field) { return ((Number) values.getOrDefault(field, 0L)).longValue(); }
        @Override public boolean getBoolean(String field) { return Boolean.TRUE.equals(values.get(field)); }
        @Override public Instant getInstant(String field) { return (Instant) values.get(field); }
        @Override public ModelObject set(String field, Object value) { values.put(field, value); return this; }
        @Override public Map<String, Object> fields() { return values; }
        @Override public void save() { }
        @Override public void save(Save options) { }
        @Override public void delete() { }
        @Override public Optional<ModelObject> related(String link) { return Optional.empty(); }
        @Override public List<ModelObject> referrers(String reverseName) { return referrers.get(reverseName); }
        @Override public void refresh() { }
    }
}
