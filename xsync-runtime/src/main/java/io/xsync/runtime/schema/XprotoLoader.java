package io.xsync.runtime.schema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads every {@code .xproto} file of a models directory into one {@link Schema}, adding the base
 * fields to every model. Errors are {@link XprotoException}s naming file, line and column;
 * warnings (undefined mixin parents, reused field numbers, ...) are in {@link Schema#warnings()}.
 */
public final class XprotoLoader {
    private XprotoLoader() {
    }

    /**
     * Parses all {@code *.xproto} files directly in {@code modelsDir}, sorted by file name, into one
     * schema. {@code modelsDir} may also name a single {@code .xproto} file.
     */
    public static Schema load(Path modelsDir) {
        return loadFiles(listFiles(modelsDir));
    }

    /** Parses the given files, in the given order, into one schema. */
    public static Schema loadFiles(List<Path> files) {
        List<XprotoAst.File> parsed = new ArrayList<>();
        for (Path f : files) {
            parsed.add(XprotoParser.parse(f, read(f)));
        }
        return SchemaBuilder.build(parsed);
    }

    /** Parses xproto texts, in the given order, into one schema (files of several synchronizers). */
    public static Schema loadSources(List<XprotoSource> sources) {
        List<XprotoAst.File> parsed = new ArrayList<>();
        for (XprotoSource s : sources) {
            parsed.add(XprotoParser.parse(s.path(), s.text()));
        }
        return SchemaBuilder.build(parsed);
    }

    /**
     * The {@code *.xproto} files of {@code modelsDir} (sorted by name; or the single file it names)
     * with their text, as {@link #load(Path)} reads them.
     */
    public static List<XprotoSource> sources(Path modelsDir) {
        List<XprotoSource> out = new ArrayList<>();
        for (Path f : listFiles(modelsDir)) {
            out.add(new XprotoSource(f, read(f)));
        }
        return out;
    }

    /**
     * Parses xproto text held in memory as if it were the file {@code fileName} (used in positions);
     * handy for tests and tools that generate models.
     */
    public static Schema loadText(String fileName, String text) {
        return SchemaBuilder.build(List.of(XprotoParser.parse(Path.of(fileName), text)));
    }

    private static List<Path> listFiles(Path modelsDir) {
        if (Files.isRegularFile(modelsDir)) {
            return List.of(modelsDir);
        }
        if (!Files.isDirectory(modelsDir)) {
            throw new XprotoException(new SourceRef(modelsDir, 0, 0), "models directory does not exist");
        }
        try (Stream<Path> s = Files.list(modelsDir)) {
            List<Path> files = s.filter(p -> p.getFileName().toString().endsWith(".xproto"))
                    .filter(Files::isRegularFile)
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .toList();
            if (files.isEmpty()) {
                throw new XprotoException(new SourceRef(modelsDir, 0, 0), "no .xproto files in models directory");
            }
            return files;
        } catch (IOException e) {
            throw new XprotoException(new SourceRef(modelsDir, 0, 0), "cannot list models directory: " + e);
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new XprotoException(new SourceRef(f, 0, 0), "cannot read: " + e);
        }
    }
}
