package io.xsync.cli;

import io.xsync.api.XsyncException;
import io.xsync.runtime.schema.DependencyGraph;
import io.xsync.runtime.schema.Schema;
import io.xsync.runtime.schema.WarningGroups;
import io.xsync.runtime.schema.XprotoLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code xsync deps --models DIR}: prints the model-deps JSON derived from the xproto files of
 * {@code DIR} on standard output. Schema warnings go to standard error (repeated kinds grouped); an xproto error prints one
 * line {@code xsync: file:line:col: message} on standard error and exits with 2.
 */
@Command(name = "deps", mixinStandardHelpOptions = true,
        description = "Prints the dependency graph (model-deps JSON) derived from a models directory.")
final class DepsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--models", required = true, paramLabel = "DIR",
            description = "Directory of .xproto files (or a single .xproto file).")
    private Path models;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Schema schema;
        try {
            schema = XprotoLoader.load(models);
        } catch (XsyncException e) {
            err.println("xsync: " + e.getMessage());
            err.flush();
            return 2;
        }
        for (String w : WarningGroups.lines(schema.warningList())) {
            err.println("xsync: warning: " + w);
        }
        err.flush();
        PrintWriter out = spec.commandLine().getOut();
        out.print(DependencyGraph.derive(schema).toJson());
        out.flush();
        return 0;
    }
}
