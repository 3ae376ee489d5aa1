package io.xsync.cli;

import io.xsync.api.XsyncException;
import io.xsync.runtime.internal.XsyncVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code xsync init DIR}: writes a new synchronizer project into {@code DIR}: config, one model,
 * one step of each kind, a Maven build using the API, the Maven plugin and the test kit, and a
 * passing test. The files are the templates under {@code io/xsync/cli/init} (listed in
 * {@code files.txt}).
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Creates a new synchronizer project (config, model, one step of each kind, pom.xml, a test).")
final class InitCommand implements Callable<Integer> {
    private static final String TEMPLATES = "init/";

    @Parameters(paramLabel = "DIR", description = "The project directory to create (must not exist or be empty).")
    Path dir;

    @Option(names = "--name", paramLabel = "NAME",
            description = "The synchronizer's name (default: the directory's name).")
    String name;

    @Option(names = "--package", paramLabel = "PACKAGE",
            description = "Java package of the steps (default: the name, lower case, letters and digits only).")
    String javaPackage;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Path target = dir.toAbsolutePath().normalize();
        String syncName = name != null ? name : target.getFileName().toString();
        if (!syncName.matches("[A-Za-z][A-Za-z0-9_-]*")) {
            throw new XsyncException("'" + syncName + "' cannot name a synchronizer: use letters, digits, '-' and '_', "
                    + "starting with a letter (or give --name)");
        }
        String pkg = javaPackage != null ? javaPackage : packageOf(syncName);
        if (!pkg.matches("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)*")) {
            throw new XsyncException("'" + pkg + "' is not a lower-case Java package name");
        }
        requireEmpty(target);
        Map<String, String> values = Map.of("__NAME__", syncName, "__PKGDIR__", pkg.replace('.', '/'),
                "__PKG__", pkg, "__VERSION__", XsyncVersion.get());
        List<String> files = templateList();
        for (String file : files) {
            String relative = fill(file.equals("gitignore") ? ".gitignore" : file, values);
            write(target.resolve(relative), fill(template(file), values));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("created " + files.size() + " files in " + target + " (synchronizer " + syncName
                + ", package " + pkg + ")");
        out.println("next: (cd " + dir + " && mvn verify), after installing xsync's artifacts once with "
                + "bin/xsync-install; then xsync run --config " + dir.resolve("config.yaml"));
        return 0;
    }

    /** {@code my-sync} becomes {@code mysync}: lower case, letters and digits. */
    static String packageOf(String syncName) {
        String pkg = syncName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return pkg.isEmpty() || Character.isDigit(pkg.charAt(0)) ? "sync" + pkg : pkg;
    }

    private static void requireEmpty(Path target) {
        if (!Files.exists(target)) {
            return;
        }
        if (!Files.isDirectory(target)) {
            throw new XsyncException(target + " exists and is not a directory");
        }
        try (Stream<Path> entries = Files.list(target)) {
            if (entries.findAny().isPresent()) {
                throw new XsyncException(target + " is not empty; xsync init writes into a new or empty directory");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> templateList() {
        return template("files.txt").lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    private static String template(String file) {
        String resource = TEMPLATES + (file.equals("files.txt") ? file : "t/" + file);
        try (InputStream in = InitCommand.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("template " + resource + " is missing from the xsync-cli jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String fill(String text, Map<String, String> values) {
        String out = text;
        for (String key : List.of("__NAME__", "__PKGDIR__", "__PKG__", "__VERSION__")) {
            out = out.replace(key, values.get(key));
        }
        return out;
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new XsyncException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
