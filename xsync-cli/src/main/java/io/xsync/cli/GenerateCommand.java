package io.xsync.cli;

import io.xsync.runtime.codegen.ModelClassGenerator;
import io.xsync.runtime.config.ConfigKeys;
import io.xsync.runtime.config.XsyncConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code xsync generate}: writes the typed model classes (one per xproto model) into a source
 * folder, for an IDE or a build that compiles steps outside the synchronizer. The models and the
 * package come from the config ({@code models_dir}, {@code models_package}) unless given.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Writes the typed model classes generated from the xproto models into a source folder.")
final class GenerateCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Option(names = "--models", paramLabel = "PATH",
            description = "An .xproto file or a directory of them (repeatable; default: the config's models_dir).")
    List<Path> models = new ArrayList<>();

    @Option(names = "--package", paramLabel = "NAME",
            description = "Java package of the classes (default: the config's models_package, else models).")
    String javaPackage;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "generated-sources",
            description = "Source folder to write into (default: ${DEFAULT-VALUE}).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<Path> sources = models;
        String pkg = javaPackage;
        if (sources.isEmpty()) {
            XsyncConfig cfg = config.load();
            sources = List.of(cfg.path(ConfigKeys.MODELS_DIR));
            if (pkg == null) {
                pkg = cfg.get(ConfigKeys.MODELS_PACKAGE);
            }
        }
        if (pkg == null) {
            pkg = ModelClassGenerator.DEFAULT_PACKAGE;
        }
        List<Path> written = ModelClassGenerator.generate(sources, out, pkg);
        PrintWriter w = spec.commandLine().getOut();
        w.println("wrote " + written.size() + (written.size() == 1 ? " class" : " classes") + " of package " + (pkg.isEmpty() ? "(default)" : pkg)
                + " to " + out);
        return 0;
    }
}
