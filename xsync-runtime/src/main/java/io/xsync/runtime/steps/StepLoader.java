package io.xsync.runtime.steps;

import io.xsync.api.EventStep;
import io.xsync.api.Policy;
import io.xsync.api.PullStep;
import io.xsync.api.Step;
import io.xsync.api.SyncStep;
import io.xsync.runtime.config.ConfigKeys;
import io.xsync.runtime.config.XsyncConfig;
import io.xsync.runtime.schema.ModelDef;
import io.xsync.runtime.schema.Schema;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds, instantiates and validates the step classes of a synchronizer.
 *
 * <p>Each configured directory ({@code steps_dir} for sync steps, {@code model_policies_dir} for
 * policies, {@code pull_steps_dir}, {@code event_steps_dir}) may hold {@code .java} sources
 * (in any subdirectory; compiled together in memory at startup against xsync-api, Jackson, SLF4J,
 * the typed model classes generated from the schema and the directory's jars, nothing else) and
 * {@code .jar} files. Every public, concrete class there that extends
 * the directory's base class is a step; one extending another kind's base is an error.
 *
 * <p>Packaged synchronizers may also put steps on the classpath, listed in
 * {@code META-INF/services/io.xsync.api.Step} (any kind) or in a file named after one kind's base
 * class ({@code io.xsync.api.SyncStep}, {@code io.xsync.api.Policy}, {@code io.xsync.api.PullStep},
 * {@code io.xsync.api.EventStep}).
 *
 * <p>One instance is made per class with its public no-argument constructor. Validation: step names
 * unique; a sync step observes at least one model of the schema; a policy names a model of the
 * schema; a pull step's interval is positive; an event step uses technology {@code kafka} and
 * declares either topics or a valid pattern, not both.
 */
public final class StepLoader {
    private static final Logger LOG = LoggerFactory.getLogger(StepLoader.class);

    private final ClassLoader classpath;
    private final Map<Path, Set<StepKind>> dirs = new LinkedHashMap<>();
    private Schema schema;
    private String modelsPackage;
    private ModelClasses modelClasses;

    /** @param classpath where classpath steps are looked up and what directory classes see; null for no classpath steps */
    public StepLoader(ClassLoader classpath) {
        this.classpath = classpath;
    }

    /** Loads the steps of the directories named in {@code config}, checked against {@code schema}. */
    public static LoadedSteps load(XsyncConfig config, Schema schema) {
        StepLoader loader = new StepLoader(StepLoader.class.getClassLoader());
        for (StepKind kind : StepKind.values()) {
            Path dir = config.path(kind.dirKey());
            if (dir != null) {
                if (!Files.isDirectory(dir)) {
                    throw new StepException(config.where(kind.dirKey()) + ": " + kind.dirKey().path() + " " + dir
                            + " is not a directory");
                }
                loader.directory(kind, dir);
            }
        }
        loader.modelClasses(schema, config.get(ConfigKeys.MODELS_PACKAGE));
        Set<String> models = schema.models().stream().map(ModelDef::name).collect(Collectors.toSet());
        return loader.load(models);
    }

    /** Adds a directory of steps of {@code kind}; a directory may be given for several kinds. */
    public StepLoader directory(StepKind kind, Path dir) {
        dirs.computeIfAbsent(dir.toAbsolutePath().normalize(), d -> EnumSet.noneOf(StepKind.class)).add(kind);
        return this;
    }

    /**
     * Generates the typed model classes of {@code schema} in {@code javaPackage} for the step
     * sources (compiled once, when the first directory with sources is loaded).
     */
    public StepLoader modelClasses(Schema schema, String javaPackage) {
        this.schema = schema;
        this.modelsPackage = javaPackage;
        return this;
    }

    /**
     * Compiles, loads, instantiates and validates every step.
     *
     * @param models the schema's model names, or null to skip the model checks
     */
    public LoadedSteps load(Set<String> models) {
        Map<Class<?>, String> classes = new LinkedHashMap<>();
        ClassLoader parent = classpath != null ? classpath : StepLoader.class.getClassLoader();
        List<String> compileErrors = new ArrayList<>();
        for (Map.Entry<Path, Set<StepKind>> e : dirs.entrySet()) {
            try {
                fromDirectory(e.getKey(), e.getValue(), parent, classes);
            } catch (CompileErrors.Failure f) {
                compileErrors.addAll(f.errors());
            }
        }
        if (!compileErrors.isEmpty()) {
            throw new StepException(CompileErrors.join(compileErrors));
        }
        if (classpath != null) {
            fromServiceFiles(classes);
        }
        StepValidator validator = new StepValidator(models);
        List<SyncStep> sync = new ArrayList<>();
        List<Policy> policies = new ArrayList<>();
        List<PullStep> pulls = new ArrayList<>();
        List<EventStep> events = new ArrayList<>();
        for (Map.Entry<Class<?>, String> e : classes.entrySet()) {
            Step step = instantiate(e.getKey(), e.getValue());
            validator.validate(step, e.getValue());
            LOG.debug("loaded {} {} from {}", StepKind.of(step.getClass()).label(), step.name(), e.getValue());
            if (step instanceof SyncStep) {
                sync.add((SyncStep) step);
            } else if (step instanceof Policy) {
                policies.add((Policy) step);
            } else if (step instanceof PullStep) {
                pulls.add((PullStep) step);
            } else {
                events.add((EventStep) step);
            }
        }
        return new LoadedSteps(byName(sync), byName(policies), byName(pulls), byName(events));
    }

    private void fromDirectory(Path dir, Set<StepKind> kinds, ClassLoader parent, Map<Class<?>, String> classes) {
        List<Path> jars = files(dir, ".jar");
        List<Path> sources = files(dir, ".java");
        Map<String, byte[]> models = Map.of();
        if (schema != null && usesModelClasses(sources)) {
            if (modelClasses == null) {
                modelClasses = ModelClasses.of(schema, modelsPackage, parent);
            }
            models = modelClasses.bytecode();
            parent = modelClasses.loader();
        }
        ClassLoader loader = jars.isEmpty() ? parent : new URLClassLoader("xsync-step-jars", urls(jars), parent);
        for (Path jar : jars) {
            for (String name : JarClasses.names(jar)) {
                Class<?> c = JarClasses.load(name, loader);
                if (c != null && c.getClassLoader() == loader) {
                    accept(c, dir.relativize(jar) + "!" + name, dir, kinds, classes);
                }
            }
        }
        if (!sources.isEmpty()) {
            SourceCompiler.Output out = CompileCache.compile(sources, jars, models);
            MemoryClassLoader memory = new MemoryClassLoader(out.classes(), loader);
            for (String name : out.classes().keySet()) {
                Class<?> c = JarClasses.load(name, memory);
                if (c == null) {
                    throw new StepException(out.sources().get(name) + ": compiled class " + name + " cannot be loaded");
                }
                accept(c, String.valueOf(out.sources().get(name)), dir, kinds, classes);
            }
        }
    }

    /** Keeps {@code c} if it is a step of one of {@code kinds}; errors for misplaced or non-public steps. */
    private static void accept(Class<?> c, String origin, Path dir, Set<StepKind> kinds, Map<Class<?>, String> out) {
        StepKind kind = StepKind.of(c);
        if (kind == null || Modifier.isAbstract(c.getModifiers()) || c.isAnonymousClass() || c.isLocalClass()) {
            return;
        }
        if (!kinds.contains(kind)) {
            throw new StepException(origin + ": " + kind.label() + " class " + c.getName() + " is in " + dir
                    + ", the directory of " + kinds.stream().map(StepKind::label).collect(Collectors.joining(", "))
                    + "s; move it to the " + kind.dirKey().path() + " directory");
        }
        out.put(c, origin);
    }

    private void fromServiceFiles(Map<Class<?>, String> classes) {
        Set<Class<? extends Step>> services = new LinkedHashSet<>();
        services.add(Step.class);
        for (StepKind k : StepKind.values()) {
            services.add(k.base());
        }
        for (Class<? extends Step> service : services) {
            try {
                ServiceLoader.load(service, classpath).stream()
                        .forEach(p -> classes.putIfAbsent(p.type(), "classpath (META-INF/services/"
                                + service.getName() + ")"));
            } catch (ServiceConfigurationError e) {
                throw new StepException("classpath step listed in META-INF/services/" + service.getName()
                        + " cannot be loaded: " + e.getMessage(), e);
            }
        }
    }

    private static Step instantiate(Class<?> c, String origin) {
        if (!Modifier.isPublic(c.getModifiers()) || (c.getEnclosingClass() != null
                && !Modifier.isStatic(c.getModifiers()))) {
            throw new StepException(origin + ": step class " + c.getName()
                    + " must be public (and static, if nested) with a public no-argument constructor");
        }
        Constructor<?> ctor;
        try {
            ctor = c.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new StepException(origin + ": step class " + c.getName()
                    + " needs a public no-argument constructor");
        }
        try {
            return (Step) ctor.newInstance();
        } catch (InvocationTargetException e) {
            throw new StepException(origin + ": constructor of step class " + c.getName() + " failed: "
                    + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new StepException(origin + ": cannot instantiate step class " + c.getName() + ": " + e, e);
        }
    }

    /**
     * Whether any source names the model classes' package (generating and compiling them takes a
     * while, so synchronizers whose steps use only the string API skip it).
     */
    private boolean usesModelClasses(List<Path> sources) {
        if (sources.isEmpty()) {
            return false;
        }
        if (modelsPackage == null || modelsPackage.isBlank()) {
            return true;
        }
        for (Path source : sources) {
            try {
                if (Files.readString(source).contains(modelsPackage.strip() + ".")) {
                    return true;
                }
            } catch (IOException e) {
                throw new StepException(source + ": cannot read: " + e.getMessage(), e);
            }
        }
        return false;
    }

    private static List<Path> files(Path dir, String suffix) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(suffix) && Files.isRegularFile(p))
                    .sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new StepException("cannot read steps directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private static URL[] urls(List<Path> jars) {
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new StepException("bad jar path " + jars.get(i) + ": " + e.getMessage(), e);
            }
        }
        return urls;
    }

    private static <S extends Step> List<S> byName(List<S> steps) {
        steps.sort(Comparator.comparing(Step::name));
        return steps;
    }
}
