package io.xsync.runtime.steps;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import io.xsync.api.Step;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.slf4j.Logger;

/**
 * Compiles the {@code .java} sources of a steps directory in memory with the JDK's compiler,
 * against the JVM's classpath (which holds xsync-api, Jackson and SLF4J) plus extra jars.
 */
final class SourceCompiler {

    /** Compiled classes: binary name to bytecode, and binary name to the source file it came from. */
    record Output(Map<String, byte[]> classes, Map<String, Path> sources) {
    }

    private SourceCompiler() {
    }

    /** Compiles {@code sources} together; the first error (file:line: message) is a {@link StepException}. */
    static Output compile(List<Path> sources, List<Path> extraClasspath) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new StepException("cannot compile " + sources.get(0) + ": no Java compiler in this JVM "
                    + "(run xsync on a JDK, not a JRE)");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StandardJavaFileManager std = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8);
        MemoryFileManager files = new MemoryFileManager(std);
        List<String> options = List.of("-classpath", classpath(extraClasspath), "-proc:none", "-g",
                "-encoding", "UTF-8", "-nowarn");
        boolean ok = javac.getTask(null, files, diagnostics, options, null,
                std.getJavaFileObjectsFromPaths(sources)).call();
        if (!ok) {
            throw new StepException(firstError(diagnostics));
        }
        return new Output(files.classes(), files.sources);
    }

    private static String firstError(DiagnosticCollector<JavaFileObject> diagnostics) {
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                String file = d.getSource() == null ? "<unknown>" : Path.of(d.getSource().toUri()).toString();
                String message = d.getMessage(Locale.ROOT).lines().findFirst().orElse("");
                return file + ":" + d.getLineNumber() + ": error: " + message;
            }
        }
        return "step sources failed to compile";
    }

    /** The JVM's classpath, the jars of the API's dependencies, then {@code extra}. */
    static String classpath(List<Path> extra) {
        Set<String> entries = new LinkedHashSet<>();
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!e.isEmpty()) {
                entries.add(e);
            }
        }
        for (Class<?> c : List.of(Step.class, JsonNode.class, JsonParser.class, Logger.class)) {
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

    /** Keeps class files in memory and remembers which source each came from. */
    private static final class MemoryFileManager extends ForwardingJavaFileManager<StandardJavaFileManager> {
        private final Map<String, ByteArrayOutputStream> out = new LinkedHashMap<>();
        final Map<String, Path> sources = new LinkedHashMap<>();

        MemoryFileManager(StandardJavaFileManager std) {
            super(std);
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                   FileObject sibling) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            out.put(className, bytes);
            if (sibling != null) {
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
}
