package io.xsync.runtime.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A loaded, validated configuration. Values are read through {@link ConfigKeys}; paths come back
 * resolved against the config file's directory.
 *
 * <p>Loading checks every key against {@link ConfigKeys}: an unknown key, a value of the wrong
 * type and a missing required key are {@link ConfigException}s naming file, line and key. Keys
 * that XOS configs carry and xsync does not use ({@link ConfigKeys#XOS_IGNORED}, Python logging
 * dict-config under {@code logging}) are accepted with one warning each. {@code SECRET} values
 * written {@code @path} are read from that file (trimmed) at load time.
 */
public final class XsyncConfig {
    private final Path file;
    private final Path baseDir;
    private final Map<String, Object> values;
    private final Map<String, String> wheres;
    private final List<String> warnings;

    private XsyncConfig(Path file, ConfigReader reader) {
        this.file = file;
        this.baseDir = file.toAbsolutePath().normalize().getParent();
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(reader.values()));
        this.wheres = Map.copyOf(reader.wheres());
        this.warnings = List.copyOf(reader.warnings());
    }

    /** Loads and validates a YAML config file; {@link ConfigException} names key and line. */
    public static XsyncConfig load(Path file) {
        return load(file, ConfigOverrides.none());
    }

    /** As {@link #load(Path)}, with {@code overrides} applied on top of the file before validation. */
    public static XsyncConfig load(Path file, ConfigOverrides overrides) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": config file does not exist");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read config file: " + e.getMessage());
        }
        return parse(text, file, overrides);
    }

    /**
     * Validates YAML text as if it had been read from {@code file}: messages name that file and
     * relative paths resolve against its directory (the file itself need not exist).
     */
    public static XsyncConfig parse(String yaml, Path file) {
        return parse(yaml, file, ConfigOverrides.none());
    }

    /** As {@link #parse(String, Path)}, with {@code overrides} applied on top of the text. */
    public static XsyncConfig parse(String yaml, Path file, ConfigOverrides overrides) {
        String name = file.toString();
        Path baseDir = file.toAbsolutePath().normalize().getParent();
        YamlTree tree = YamlTree.parse(yaml, name);
        for (ConfigOverrides.Override o : overrides.list()) {
            tree.override(o.path(), o.value(), o.origin());
        }
        return new XsyncConfig(file, new ConfigReader(tree, name, baseDir).read());
    }

    /** The value of a key, or its default. */
    @SuppressWarnings("unchecked")
    public <T> T get(ConfigKey<T> key) {
        Object v = values.get(key.path());
        return v == null ? key.defaultValue() : (T) v;
    }

    /** Whether the file sets the key (defaults do not count). */
    public boolean isSet(ConfigKey<?> key) {
        return values.containsKey(key.path());
    }

    /** A PATH key (or its default) resolved against the config file's directory, or null when unset. */
    public Path path(ConfigKey<String> key) {
        String v = get(key);
        return v == null ? null : baseDir.resolve(v).normalize();
    }

    /** The settings of one step: the mapping under {@code steps.<stepName>}, empty if none. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> stepSettings(String stepName) {
        Object s = get(ConfigKeys.STEPS).get(stepName);
        return s instanceof Map ? Collections.unmodifiableMap((Map<String, Object>) s) : Map.of();
    }

    /**
     * {@code file:line} of a key the file sets ({@code --set key} or {@code env XSYNC_KEY} when an
     * override set it), or just the file name; for error messages.
     */
    public String where(ConfigKey<?> key) {
        String where = wheres.get(key.path());
        return where == null ? file.toString() : where;
    }

    /** The config file as given. */
    public Path file() {
        return file;
    }

    /** The directory relative paths resolve against. */
    public Path baseDir() {
        return baseDir;
    }

    /** The warnings logged while loading (ignored XOS keys), each {@code file:line: message}. */
    public List<String> warnings() {
        return warnings;
    }
}
