package io.xsync.runtime.steps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers, for the life of the JVM, what each set of step sources compiled to, keyed by the
 * sources' paths and contents and the jars beside them. A process that loads the same step
 * directories again (the test kit starts a synchronizer per test) compiles them once; any change
 * to a source or jar compiles again. Each load still gets its own class loader, so steps never
 * share static state across loads.
 */
final class CompileCache {
    private static final Map<String, SourceCompiler.Output> OUTPUTS = new ConcurrentHashMap<>();

    private CompileCache() {
    }

    /** {@link SourceCompiler#compile(List, List, Map)}, or what the same inputs compiled to before. */
    static SourceCompiler.Output compile(List<Path> sources, List<Path> jars, Map<String, byte[]> provided) {
        String key = "files:" + key(sources, jars, provided);
        SourceCompiler.Output out = OUTPUTS.get(key);
        if (out == null) {
            out = SourceCompiler.compile(sources, jars, provided);
            OUTPUTS.put(key, out);
        }
        return out;
    }

    /** {@link SourceCompiler#compileInMemory(Map)}, or what the same sources compiled to before. */
    static SourceCompiler.Output compileInMemory(Map<String, String> sources) {
        MessageDigest digest = sha256();
        new TreeMap<>(sources).forEach((name, text) -> {
            update(digest, name);
            update(digest, text);
        });
        String key = "memory:" + HexFormat.of().formatHex(digest.digest());
        SourceCompiler.Output out = OUTPUTS.get(key);
        if (out == null) {
            out = SourceCompiler.compileInMemory(sources);
            OUTPUTS.put(key, out);
        }
        return out;
    }

    private static String key(List<Path> sources, List<Path> jars, Map<String, byte[]> provided) {
        try {
            MessageDigest digest = sha256();
            new TreeMap<>(provided).forEach((name, bytes) -> {
                update(digest, name);
                digest.update(bytes);
                digest.update((byte) 0);
            });
            for (Path source : sources) {
                digest.update(source.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(Files.readAllBytes(source));
                digest.update((byte) 0);
            }
            for (Path jar : jars) {
                String stamp = jar.toAbsolutePath() + "|" + Files.size(jar) + "|" + Files.getLastModifiedTime(jar);
                digest.update(stamp.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
