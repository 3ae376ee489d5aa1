package io.xsync.runtime.steps;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import io.xsync.api.Step;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.slf4j.Logger;

/**
 * Compiles the {@code .java} sources of a steps directory in memory with the JDK's compiler,
 * against xsync-api and what its signatures use (Jackson, SLF4J), the model classes generated
 * from the schema and the directory's jars: nothing else of the runtime's classpath, so what
 * compiles here is what compiles in an IDE against the API artifact.
 */
final class SourceCompiler {

    /** Compiled classes: binary name to bytecode, and binary name to the source file it came from. */
    record Output(Map<String, byte[]> classes, Map<String, Path> sources) {
    }

    private SourceCompiler() {
    }

    /**
     * Compiles {@code sources} together against the API, {@code provided} (binary name to bytecode,
     * the generated model classes) and {@code extraClasspath}; every error, formatted by
     * {@link CompileErrors}, is in the {@link CompileErrors.Failure}.
     */
    static Output compile(List<Path> sources, List<Path> extraClasspath, Map<String, byte[]> provided) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new StepException("cannot compile " + sources.get(0) + ": no Java compiler in this JVM "
                    + "(run xsync on a JDK, not a JRE)");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StandardJavaFileManager std = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8);
        MemoryFileManager files = new MemoryFileManager(std, provided);
        List<String> options = List.of("-classpath", classpath(extraClasspath), "-proc:none", "-g",
                "-encoding", "UTF-8", "-nowarn");
        return compile(javac, files, diagnostics, options, std.getJavaFileObjectsFromPaths(sources));
    }

    /** Compiles sources held in memory (binary name to source), e.g. the generated model classes. */
    static Output compileInMemory(Map<String, String> sources) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new StepException("cannot compile the model classes: no Java compiler in this JVM "
                    + "(run xsync on a JDK, not a JRE)");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StandardJavaFileManager std = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8);
        MemoryFileManager files = new MemoryFileManager(std, Map.of());
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((name, text) -> units.add(new SourceText(name, text)));
        List<String> options = List.of("-classpath", classpath(List.of()), "-proc:none", "-g", "-nowarn");
        return compile(javac, files, diagnostics, options, units);
    }

    private static Output compile(JavaCompiler javac, MemoryFileManager files,
                                  DiagnosticCollector<JavaFileObject> diagnostics, List<String> options,
                                  Iterable<? extends JavaFileObject> units) {
        boolean ok = javac.getTask(null, files, diagnostics, options, null, units).call();
        if (!ok) {
            throw new CompileErrors.Failure(CompileErrors.errors(diagnostics.getDiagnostics()));
        }
        return new Output(files.classes(), files.sources);
    }

    /** The locations of the API and the libraries its signatures use, then {@code extra}. */
    static String classpath(List<Path> extra) {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> c : List.of(Step.class, JsonNode.class, JsonParser.class, JsonProperty.class, Logger.class)) {
            Path location = locationOf(c);
            if (location != null) {
                entries.add(location.toString());
            }
        }
        for (Path p : extra) {
            entries.add(p.toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    private static Path locationOf(Class<?> c) {
        try {
            var source = c.getProtectionDomain().getCodeSource();
            return source == null || source.getLocation() == null ? null : Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Keeps class files in memory and remembers which source each came from; offers the
     * {@code provided} classes on the class path.
     */
    private static final class MemoryFileManager extends ForwardingJavaFileManager<StandardJavaFileManager> {
        private final Map<String, ByteArrayOutputStream> out = new LinkedHashMap<>();
        private final Map<String, byte[]> provided;
        final Map<String, Path> sources = new LinkedHashMap<>();

        MemoryFileManager(StandardJavaFileManager std, Map<String, byte[]> provided) {
            super(std);
            this.provided = provided;
        }

        @Override
        public Iterable<JavaFileObject> list(Location location, String packageName, Set<JavaFileObject.Kind> kinds,
                                             boolean recurse) throws IOException {
            Iterable<JavaFileObject> listed = super.list(location, packageName, kinds, recurse);
            if (location != StandardLocation.CLASS_PATH || !kinds.contains(JavaFileObject.Kind.CLASS)
                    || provided.isEmpty()) {
                return listed;
            }
            List<JavaFileObject> all = new ArrayList<>();
            listed.forEach(all::add);
            provided.forEach((name, bytes) -> {
                String pkg = name.lastIndexOf('.') < 0 ? "" : name.substring(0, name.lastIndexOf('.'));
                if (pkg.equals(packageName) || (recurse && pkg.startsWith(packageName + "."))) {
                    all.add(new ClassBytes(name, bytes));
                }
            });
            return all;
        }

        @Override
        public String inferBinaryName(Location location, JavaFileObject file) {
            return file instanceof ClassBytes c ? c.binaryName : super.inferBinaryName(location, file);
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                   FileObject sibling) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            out.put(className, bytes);
            if (sibling != null && "file".equals(sibling.toUri().getScheme())) {
                sources.put(className, Path.of(sibling.toUri()));
            }
            URI uri = URI.create("mem:///" + className.replace('.', '/') + kind.extension);
            return new SimpleJavaFileObject(uri, kind) {
                @Override
                public OutputStream openOutputStream() {
                    return bytes;
                }
            };
        }

        Map<String, byte[]> classes() {
            Map<String, byte[]> classes = new LinkedHashMap<>();
            out.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
            return classes;
        }
    }

    /** A compiled class offered on the class path. */
    private static final class ClassBytes extends SimpleJavaFileObject {
        final String binaryName;
        private final byte[] bytes;

        ClassBytes(String binaryName, byte[] bytes) {
            super(URI.create("mem:///" + binaryName.replace('.', '/') + JavaFileObject.Kind.CLASS.extension),
                    JavaFileObject.Kind.CLASS);
            this.binaryName = binaryName;
            this.bytes = bytes;
        }

        @Override
        public InputStream openInputStream() {
            return new ByteArrayInputStream(bytes);
        }
    }

    /** A source held in memory. */
    private static final class SourceText extends SimpleJavaFileObject {
        private final String text;

        SourceText(String binaryName, String text) {
            super(URI.create("mem:///" + binaryName.replace('.', '/') + JavaFileObject.Kind.SOURCE.extension),
                    JavaFileObject.Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
