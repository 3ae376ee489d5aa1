package io.xsync.runtime.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsync.api.EventStep;
import io.xsync.api.SyncStep;
import io.xsync.runtime.schema.Schema;
import io.xsync.runtime.schema.XprotoLoader;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepLoaderTest {
    private static final Set<String> MODELS = Set.of("MyModel", "Site");

    @TempDir
    Path dir;

    private Path source(String subdir, String className, String body) throws IOException {
        Path d = Files.createDirectories(dir.resolve(subdir));
        return Files.writeString(d.resolve(className + ".java"), body);
    }

    private static String eventStep(String name, String members) {
        return "import io.xsync.api.*;\nimport java.util.List;\n\npublic class " + name + " extends EventStep {\n"
                + members + "\n    @Override public void processEvent(Event e) { }\n}\n";
    }

    private static String syncStep(String name, String observes) {
        return "import io.xsync.api.*;\nimport java.util.List;\n\npublic class " + name + " extends SyncStep {\n"
                + "    @Override public List<String> observes() { return " + observes + "; }\n"
                + "    @Override public void syncRecord(ModelObject o) { }\n}\n";
    }

    private LoadedSteps load(StepKind kind, String subdir) {
        return new StepLoader(null).directory(kind, dir.resolve(subdir)).load(MODELS);
    }

    @Test
    void compilesSourcesAndMakesOneInstancePerClass() throws IOException {
        source("event_steps", "MyModelEventStep", eventStep("MyModelEventStep",
                "    @Override public List<String> topics() { return List.of(\"MyTopic\"); }"));
        source("event_steps/more", "PatternStep", eventStep("PatternStep",
                "    @Override public String pattern() { return \"device-.*\"; }\n"
                + "    @Override public String name() { return \"Devices\"; }"));
        source("event_steps", "Helper", "class Helper { static int x() { return 1; } }\n");
        source("steps", "SyncSite", syncStep("SyncSite", "List.of(\"Site\")"));

        LoadedSteps steps = new StepLoader(null).directory(StepKind.EVENT, dir.resolve("event_steps"))
                .directory(StepKind.SYNC, dir.resolve("steps")).load(MODELS);

        assertThat(steps.eventSteps()).extracting(EventStep::name).containsExactly("Devices", "MyModelEventStep");
        assertThat(steps.eventSteps().get(1).topics()).containsExactly("MyTopic");
        assertThat(steps.syncSteps()).extracting(SyncStep::observes).containsExactly(List.of("Site"));
        assertThat(steps.policies()).isEmpty();
        assertThat(steps.pullSteps()).isEmpty();
    }

    @Test
    void compileErrorNamesFileLineAndColumnAndShowsTheLineWithACaret() throws IOException {
        Path file = source("event_steps", "Broken", "import io.xsync.api.*;\n\npublic class Broken extends EventStep {\n"
                + "    @Override public void processEvent(Event e) { int x = \"no\"; }\n}\n");
        assertThatThrownBy(() -> load(StepKind.EVENT, "event_steps"))
                .isInstanceOf(StepException.class)
                .hasMessage(file + ":4:59: error: incompatible types: java.lang.String cannot be converted to int\n"
                        + "        @Override public void processEvent(Event e) { int x = \"no\"; }\n"
                        + "                                                              ^");
    }

    @Test
    void everyCompileErrorOfEveryDirectoryIsReported() throws IOException {
        Path one = source("ev", "One", eventStep("One", "    void a() { undefinedA(); }\n    void b() { undefinedB(); }"));
        Path two = source("steps", "Two", syncStep("Two", "List.of(undefinedC)"));
        assertThatThrownBy(() -> new StepLoader(null).directory(StepKind.EVENT, dir.resolve("ev"))
                .directory(StepKind.SYNC, dir.resolve("steps")).load(MODELS))
                .isInstanceOf(StepException.class)
                .hasMessageStartingWith(one + ":5:16: error: cannot find symbol\n")
                .hasMessageContaining("\n  symbol:   method undefinedA()\n")
                .hasMessageContaining(one + ":6:16: error: cannot find symbol\n")
                .hasMessageContaining("\n  symbol:   method undefinedB()\n")
                .hasMessageContaining(two + ":5:63: error: cannot find symbol\n")
                .hasMessageContaining("\n  symbol:   variable undefinedC\n")
                .hasMessageEndingWith("\n3 errors");
    }

    @Test
    void runtimeAndThirdPartyClassesAreNotVisibleToStepSources() throws IOException {
        Path file = source("steps", "Sneaky", "import io.xsync.runtime.store.Actor;\nimport org.h2.Driver;\n"
                + syncStep("Sneaky", "List.of(\"Site\")"));
        assertThatThrownBy(() -> load(StepKind.SYNC, "steps"))
                .isInstanceOf(StepException.class)
                .hasMessageStartingWith(file + ":1:30: error: package io.xsync.runtime.store does not exist\n"
                        + "    import io.xsync.runtime.store.Actor;\n"
                        + "                                 ^\n"
                        + "  (io.xsync.runtime.store is not visible to steps: they compile against xsync-api, "
                        + "Jackson, SLF4J, the generated model classes and the step directory's jars)\n")
                .hasMessageContaining(file + ":2:14: error: package org.h2 does not exist\n")
                .hasMessageEndingWith("\n2 errors");
    }

    @Test
    void stepSourcesUseTheTypedModelClassesOfTheSchema() throws IOException {
        Schema schema = XprotoLoader.loadText("m.xproto", "message Site (XOSBase) {\n"
                + "    required string name = 1 [max_length = 64];\n}\n");
        source("steps", "SiteStep", "import io.xsync.api.*;\nimport java.util.List;\nimport sites.Site;\n\n"
                + "public class SiteStep extends SyncStep {\n"
                + "    @Override public List<String> observes() { return List.of(\"Site\"); }\n"
                + "    @Override public void syncRecord(ModelObject o) { Site.wrap(o).setName(\"x\"); }\n"
                + "    public String fieldName() { return Site.NAME.name(); }\n}\n");
        LoadedSteps steps = new StepLoader(null).directory(StepKind.SYNC, dir.resolve("steps"))
                .modelClasses(schema, "sites").load(MODELS);
        SyncStep step = steps.syncSteps().get(0);
        assertThat(step.getClass().getSuperclass()).isEqualTo(SyncStep.class);
        assertThat(invoke(step, "fieldName")).isEqualTo("name");
    }

    @Test
    void stepSourcesNotNamingTheModelsPackageAreCompiledWithoutGeneratingTheModelClasses() throws IOException {
        Schema schema = XprotoLoader.loadText("m.xproto", "message Site (XOSBase) {\n"
                + "    required string name = 1 [max_length = 64];\n}\n");
        source("steps", "Plain", syncStep("Plain", "List.of(\"Site\")"));
        source("typed", "Typed", "import sites.Site;\n" + syncStep("Typed", "List.of(Site.class.getSimpleName())"));

        LoadedSteps plain = new StepLoader(null).directory(StepKind.SYNC, dir.resolve("steps"))
                .modelClasses(schema, "sites").load(MODELS);
        LoadedSteps typed = new StepLoader(null).directory(StepKind.SYNC, dir.resolve("typed"))
                .modelClasses(schema, "sites").load(MODELS);

        ClassLoader app = StepLoader.class.getClassLoader();
        assertThat(plain.syncSteps().get(0).getClass().getClassLoader().getParent()).isSameAs(app);
        ClassLoader models = typed.syncSteps().get(0).getClass().getClassLoader().getParent();
        assertThat(models).isNotSameAs(app);
        assertThat(models.getParent()).isSameAs(app);
        assertThat(typed.syncSteps().get(0).observes()).containsExactly("Site");
    }

    @Test
    void aMisspelledTypedFieldIsACompileErrorWithFileLineColumnAndCaret() throws IOException {
        Schema schema = XprotoLoader.loadText("m.xproto", "message Site (XOSBase) {\n"
                + "    required string name = 1 [max_length = 64];\n}\n");
        Path file = source("steps", "SiteStep", "import io.xsync.api.*;\nimport java.util.List;\nimport sites.Site;\n\n"
                + "public class SiteStep extends SyncStep {\n"
                + "    @Override public List<String> observes() { return List.of(\"Site\"); }\n"
                + "    @Override public void syncRecord(ModelObject o) { Site.wrap(o).setNaem(\"x\"); }\n}\n");
        assertThatThrownBy(() -> new StepLoader(null).directory(StepKind.SYNC, dir.resolve("steps"))
                .modelClasses(schema, "sites").load(MODELS))
                .isInstanceOf(StepException.class)
                .hasMessage(file + ":7:67: error: cannot find symbol\n"
                        + "        @Override public void syncRecord(ModelObject o) { Site.wrap(o).setNaem(\"x\"); }\n"
                        + "                                                                      ^\n"
                        + "  symbol:   method setNaem(java.lang.String)\n"
                        + "  location: class sites.Site");
    }

    private static Object invoke(Object target, String method) {
        try {
            return target.getClass().getMethod(method).invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void loadsStepsFromJars() throws Exception {
        Path src = source("src", "JarStep", syncStep("JarStep", "List.of(\"MyModel\")"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        compile(src, classes);
        Path jar = Files.createDirectories(dir.resolve("steps")).resolve("mysteps.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("JarStep.class"));
            out.write(Files.readAllBytes(classes.resolve("JarStep.class")));
            out.closeEntry();
        }
        LoadedSteps steps = load(StepKind.SYNC, "steps");
        assertThat(steps.syncSteps()).extracting(SyncStep::name).containsExactly("JarStep");
    }

    @Test
    void findsClasspathStepsThroughServiceFiles() throws Exception {
        Path src = source("src", "ServiceStep", eventStep("ServiceStep",
                "    @Override public List<String> topics() { return List.of(\"t\"); }"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        compile(src, classes);
        Path services = Files.createDirectories(classes.resolve("META-INF/services"));
        Files.writeString(services.resolve("io.xsync.api.Step"), "# steps\nServiceStep\n");
        Files.writeString(services.resolve("io.xsync.api.EventStep"), "ServiceStep\n");
        try (URLClassLoader cl = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            LoadedSteps steps = new StepLoader(cl).load(MODELS);
            assertThat(steps.eventSteps()).extracting(EventStep::name).containsExactly("ServiceStep");
        }
    }

    @Test
    void eventStepWithTopicsAndPatternIsNamed() throws IOException {
        source("ev", "Both", eventStep("Both", "    @Override public List<String> topics() { return List.of(\"a\"); }\n"
                + "    @Override public String pattern() { return \"b.*\"; }"));
        assertThatThrownBy(() -> load(StepKind.EVENT, "ev"))
                .hasMessageStartingWith("event step 'Both' (")
                .hasMessageContaining("declares both topics [a] and pattern 'b.*'");
    }

    @Test
    void eventStepWithNeitherIsNamed() throws IOException {
        source("ev", "Neither", eventStep("Neither", ""));
        assertThatThrownBy(() -> load(StepKind.EVENT, "ev"))
                .hasMessageStartingWith("event step 'Neither' (")
                .hasMessageContaining("declares neither topics nor a pattern");
    }

    @Test
    void badPatternIsNamed() throws IOException {
        source("ev", "BadPattern", eventStep("BadPattern", "    @Override public String pattern() { return \"a(\"; }"));
        assertThatThrownBy(() -> load(StepKind.EVENT, "ev"))
                .hasMessageContaining("event step 'BadPattern'")
                .hasMessageContaining("pattern 'a(' is not a valid regular expression");
    }

    @Test
    void technologyOtherThanKafkaIsNamed() throws IOException {
        source("ev", "Rabbit", eventStep("Rabbit", "    @Override public String technology() { return \"amqp\"; }\n"
                + "    @Override public List<String> topics() { return List.of(\"a\"); }"));
        assertThatThrownBy(() -> load(StepKind.EVENT, "ev"))
                .hasMessageContaining("event step 'Rabbit'")
                .hasMessageContaining("technology 'amqp' is not supported (only kafka)");
    }

    @Test
    void syncStepWithoutObservesIsNamed() throws IOException {
        source("steps", "Blind", syncStep("Blind", "List.of()"));
        assertThatThrownBy(() -> load(StepKind.SYNC, "steps"))
                .hasMessageStartingWith("sync step 'Blind' (")
                .hasMessageContaining("observes no model");
    }

    @Test
    void syncStepObservingUnknownModelIsNamed() throws IOException {
        source("steps", "SyncGhost", syncStep("SyncGhost", "List.of(\"Ghost\")"));
        assertThatThrownBy(() -> load(StepKind.SYNC, "steps"))
                .hasMessageContaining("sync step 'SyncGhost'")
                .hasMessageContaining("observes 'Ghost', which is not a model of the schema (known: MyModel, Site)");
    }

    @Test
    void policyForUnknownModelIsNamed() throws IOException {
        source("policies", "GhostPolicy", "import io.xsync.api.*;\npublic class GhostPolicy extends Policy {\n"
                + "    @Override public String modelName() { return \"Ghost\"; }\n}\n");
        assertThatThrownBy(() -> load(StepKind.POLICY, "policies"))
                .hasMessageContaining("policy 'GhostPolicy'")
                .hasMessageContaining("handles 'Ghost', which is not a model of the schema");
    }

    @Test
    void duplicateStepNamesAreAnError() throws IOException {
        source("ev", "One", eventStep("One", "    @Override public List<String> topics() { return List.of(\"a\"); }\n"
                + "    @Override public String name() { return \"Same\"; }"));
        source("ev", "Two", eventStep("Two", "    @Override public List<String> topics() { return List.of(\"a\"); }\n"
                + "    @Override public String name() { return \"Same\"; }"));
        assertThatThrownBy(() -> load(StepKind.EVENT, "ev"))
                .hasMessageStartingWith("duplicate step name 'Same': ")
                .hasMessageContaining("One.java").hasMessageContaining("Two.java");
    }

    @Test
    void stepWithoutNoArgConstructorIsAnError() throws IOException {
        source("ev", "NeedsArg", eventStep("NeedsArg", "    public NeedsArg(String s) { }\n"
                + "    @Override public List<String> topics() { return List.of(\"a\"); }"));
        assertThatThrownBy(() -> load(StepKind.EVENT, "ev"))
                .hasMessageContaining("NeedsArg.java: step class NeedsArg needs a public no-argument constructor");
    }

    @Test
    void stepOfAnotherKindInADirectoryIsAnError() throws IOException {
        source("steps", "Misplaced", eventStep("Misplaced",
                "    @Override public List<String> topics() { return List.of(\"a\"); }"));
        assertThatThrownBy(() -> load(StepKind.SYNC, "steps"))
                .hasMessageContaining("event step class Misplaced is in ")
                .hasMessageContaining("move it to the event_steps_dir directory");
    }

    private static void compile(Path source, Path out) throws IOException {
        String cp = SourceCompiler.classpath(List.of());
        int rc = ToolProvider.getSystemJavaCompiler().run(null, OutputStream.nullOutputStream(), System.err,
                "-classpath", cp, "-d", out.toString(), source.toString());
        assertThat(rc).isZero();
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s.map(p -> p.getFileName().toString()).collect(Collectors.toList())).isNotEmpty();
        }
    }
}
