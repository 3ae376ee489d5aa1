package io.xsync.cli;

import io.xsync.runtime.Synchronizer;
import io.xsync.runtime.SynchronizerSummary;
import io.xsync.runtime.config.XsyncConfig;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code xsync validate --config FILE}: loads config, models, dependency graph and steps exactly as
 * {@code run} does, without opening the store or starting engines; prints each warning once (schema
 * warnings of a kind that repeats are grouped) and a summary.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Checks config, models, dependency graph and steps; prints a summary.")
final class ValidateCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        LoggingSetup.quietForValidate();
        XsyncConfig cfg = config.load();
        SynchronizerSummary summary = Synchronizer.validate(cfg);
        PrintWriter out = spec.commandLine().getOut();
        for (String warning : summary.warningLines()) {
            out.println("warning: " + warning);
        }
        summary.lines().forEach(out::println);
        out.println("ok: " + cfg.file() + " is valid");
        return 0;
    }
}
