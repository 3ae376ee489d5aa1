package io.xsync.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code xsync validate}. */
@Command(name = "validate", mixinStandardHelpOptions = true, description = "Checks config, models, dependency graph and steps.")
final class ValidateCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("TODO: xsync validate");
    }
}
