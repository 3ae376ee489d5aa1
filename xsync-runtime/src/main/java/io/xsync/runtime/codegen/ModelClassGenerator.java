package io.xsync.runtime.codegen;

import io.xsync.api.XsyncException;
import io.xsync.runtime.schema.ModelDef;
import io.xsync.runtime.schema.Schema;
import io.xsync.runtime.schema.XprotoLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Generates one typed Java class per xproto model (see {@link io.xsync.api.typed.TypedObject}):
 * typed getters and setters for every field, base fields included; typed link accessors (the
 * peer's class, and its id); manytomany links as lists of ids ({@code getPeersIds()});
 * {@code choices} as constants; {@code help_text} as Javadoc; {@link io.xsync.api.typed.Field}
 * and {@link io.xsync.api.typed.Link} constants for filters; inheritance mirrored (a model
 * extends the class of its first parent the schema defines).
 *
 * <pre>{@code
 * ModelClassGenerator.generate(List.of(Path.of("models")), Path.of("target/generated-sources/xsync"), "models");
 * }</pre>
 */
public final class ModelClassGenerator {
    /** The package of the generated classes when none is configured. */
    public static final String DEFAULT_PACKAGE = "models";

    private ModelClassGenerator() {
    }

    /**
     * Loads the xproto files ({@code *.xproto} directly in each directory, sorted by name, and
     * each file given as it is) into one schema and writes one {@code .java} file per model under
     * {@code outputSourceDir} (in the directories of {@code javaPackage}), replacing files of the same
     * name. Returns the files written, in model order.
     *
     * @throws io.xsync.runtime.schema.XprotoException for an xproto error (file:line:column)
     * @throws XsyncException for a bad package name or a file that cannot be written
     */
    public static List<Path> generate(List<Path> modelFilesOrDirs, Path outputSourceDir, String javaPackage) {
        Schema schema = XprotoLoader.loadFiles(xprotoFiles(modelFilesOrDirs));
        return write(sources(schema, javaPackage), outputSourceDir);
    }

    /**
     * The sources of every model's class: binary class name ({@code models.MyModel}) to Java source,
     * in model order.
     */
    public static Map<String, String> sources(Schema schema, String javaPackage) {
        String pkg = javaPackage == null ? "" : javaPackage.strip();
        if (!JavaNames.isPackage(pkg)) {
            throw new XsyncException("'" + javaPackage + "' is not a Java package name");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (ModelDef m : schema.models()) {
            out.put(pkg.isEmpty() ? m.name() : pkg + "." + m.name(), ModelClassSource.of(schema, m, pkg));
        }
        return out;
    }

    /** Writes {@code sources} (binary name to source) under {@code outputSourceDir}. */
    public static List<Path> write(Map<String, String> sources, Path outputSourceDir) {
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path file = outputSourceDir.resolve(e.getKey().replace('.', '/') + ".java");
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
            } catch (IOException ex) {
                throw new XsyncException("cannot write " + file + ": " + ex.getMessage(), ex);
            }
            written.add(file);
        }
        return written;
    }

    /** The xproto files of {@code modelFilesOrDirs}: a directory's {@code *.xproto} sorted by name. */
    static List<Path> xprotoFiles(List<Path> modelFilesOrDirs) {
        List<Path> files = new ArrayList<>();
        for (Path p : modelFilesOrDirs) {
            if (!Files.exists(p)) {
                throw new XsyncException(p + ": no such file or directory");
            }
            if (!Files.isDirectory(p)) {
                files.add(p);
                continue;
            }
            try (Stream<Path> s = Files.list(p)) {
                s.filter(f -> f.getFileName().toString().endsWith(".xproto") && Files.isRegularFile(f))
                        .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                        .forEach(files::add);
            } catch (IOException e) {
                throw new XsyncException("cannot list " + p + ": " + e.getMessage(), e);
            }
        }
        if (files.isEmpty()) {
            throw new XsyncException("no .xproto files in " + modelFilesOrDirs);
        }
        return files;
    }
}
